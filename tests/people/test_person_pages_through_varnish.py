"""A spokesperson's page is kept by Varnish and changes on the next visit after a story naming
them is published or withdrawn, or after their record is edited; a page that did not exist yet
(a 404 kept by Varnish) appears with their first story on the site."""

import datetime

from tests.factories import SpokespersonFactory, make_story, statement
from tests.varnish import CIPC_HOST, COALITION_HOST

PAGE = "/people/casey-placeholder/"


def test_their_page_follows_the_stories_and_the_record(varnish, cached_sites):
    sites = cached_sites
    casey = SpokespersonFactory(
        name="Casey Placeholder",
        slug="casey-placeholder",
        organization=sites.sample_org,
        bio="<p>Casey Placeholder is a fictional spokesperson.</p>",
    )
    # Not yet on CIPC's site: a 404, kept.
    assert varnish.get(PAGE, CIPC_HOST).status == 404
    kept = varnish.get(PAGE, CIPC_HOST)
    assert (kept.status, kept.cache) == (404, "HIT")
    first = make_story(
        sites.cipc_press,
        "Network speaks on a fictional ruling",
        date=datetime.date(2024, 1, 10),
        category=sites.statement,
        body=[statement(casey, "<p>A fictional statement.</p>")],
    )
    page = varnish.fresh(PAGE, CIPC_HOST)
    assert page.status == 200 and first.title in page.text
    assert varnish.get(PAGE, CIPC_HOST).cache == "HIT"
    # A second statement, on the coalition's site but cross-listed by CIPC's room (CIPC signs it).
    second = make_story(
        sites.coalition_press,
        "Coalition speaks on a fictional bill",
        date=datetime.date(2024, 2, 10),
        category=sites.statement,
        signatories=[sites.cipc_org],
        body=[statement(casey, "<p>Another fictional statement.</p>")],
    )
    assert second.title in varnish.fresh(PAGE, CIPC_HOST).text
    assert second.title in varnish.fresh(PAGE, COALITION_HOST).text
    # Withdrawn: gone at once, not after the grace period.
    second.unpublish()
    assert second.title not in varnish.get(PAGE, CIPC_HOST).text
    # Their record edited (a new title): every site's copy.
    casey.title = "Policy Director"
    casey.save()
    assert "Policy Director" in varnish.fresh(PAGE, CIPC_HOST).text
    # Their bio emptied: the page goes.
    casey.bio = ""
    casey.save()
    assert varnish.fresh(PAGE, CIPC_HOST).status == 404
