"""A visitor in a real browser reaches both sites by hostname and moves between them."""

import pytest

from tests.factories import make_story

pytestmark = pytest.mark.browser


def test_visitor_reads_a_cross_listed_statement_on_the_coalition_site(live_sites, page, screenshot):
    sites, cipc_url, coalition_url = live_sites
    make_story(sites.coalition_press, "Coalition statement CIPC signed", signatories=sites.members)

    page.goto(f"{cipc_url}/press/")
    assert page.locator("header .site-header__name").inner_text() == "California Immigrant Policy Center"
    screenshot(page, "issue2-cipc-press-room")

    page.get_by_role("link", name="Coalition statement CIPC signed").click()
    page.wait_for_url(f"{coalition_url}/press/coalition-statement-cipc-signed/")
    assert page.locator("header .site-header__name").inner_text() == "ICE Out of California"
    assert page.get_by_role("heading", name="Signed by").is_visible()
    screenshot(page, "issue2-coalition-story")
