"""Varnish (deploy/varnish/default.vcl, a real varnishd) in front of the app: anonymous
visitors get public pages from the cache, each site its own, and signed-in editors never get
a cached page."""

import datetime

from django.contrib.auth import get_user_model
from django.core.signals import request_started
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from embargo.models import EmbargoLink
from harness.varnish import Varnish, free_port
from press.models import StoryPage
from tests.factories import make_story
from tests.varnish import CIPC_HOST, COALITION_HOST, ThroughVarnish

STORY_PATH = "/press/coalition-condemns-raids/"


def story_for(sites):
    return make_story(
        sites.coalition_press,
        "Coalition condemns raids",
        date=datetime.date(2024, 5, 1),
        signatories=[sites.cipc_org],
        category=sites.statement,
    )


def session_cookie_for(user):
    client = Client()
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value}


def test_a_second_anonymous_request_is_a_hit_for_every_public_page_kind(varnish, cached_sites):
    story_for(cached_sites)
    for host, path in [
        (CIPC_HOST, "/"),
        (CIPC_HOST, "/press/"),
        (CIPC_HOST, "/press/?category=statement&year=2024"),
        (CIPC_HOST, "/press/feed/"),
        (CIPC_HOST, "/search/?q=raids"),
        (CIPC_HOST, "/sitemap.xml"),
        (CIPC_HOST, "/robots.txt"),
        (COALITION_HOST, "/"),
        (COALITION_HOST, STORY_PATH),
        (COALITION_HOST, "/press/?page=1"),
    ]:
        first = varnish.get(path, host)
        second = varnish.get(path, host)
        assert first.status == 200, (host, path, first.status)
        assert (first.cache, second.cache) == ("MISS", "HIT"), (host, path)
        assert second.text == first.text
        assert "public" in second.headers["Cache-Control"]
        assert "s-maxage=" in second.headers["Cache-Control"]
        assert "Set-Cookie" not in second.headers
        assert "xkey" not in second.headers  # Varnish's business, not the visitor's

    # A visitor's own cookies (analytics, a stale CSRF token) do not split the cache.
    cookies = {"_ga": "GA1.1.123", "csrftoken": "abc"}
    assert varnish.get("/press/", CIPC_HOST, cookies=cookies).cache == "HIT"


def test_each_hostname_gets_its_own_sites_pages(varnish, cached_sites):
    cipc = varnish.get("/press/", CIPC_HOST)
    assert "<title>Press room | California Immigrant Policy Center</title>" in cipc.text

    coalition = varnish.get("/press/", COALITION_HOST)
    assert coalition.cache == "MISS"
    assert "<title>Press room | ICE Out of California</title>" in coalition.text
    assert "California Immigrant Policy Center</title>" not in coalition.text

    again = varnish.get("/press/", COALITION_HOST.upper())
    assert again.cache == "HIT"
    assert "<title>Press room | ICE Out of California</title>" in again.text
    assert "<title>Press room | California Immigrant Policy Center</title>" in varnish.get("/press/", CIPC_HOST).text


def test_a_signed_in_editor_never_gets_a_cached_page_and_never_leaves_one(varnish, cached_sites):
    story_for(cached_sites)
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "a long test password")
    session = session_cookie_for(editor)

    # The anonymous copy is in the cache; the editor does not get it.
    varnish.get("/press/", COALITION_HOST)
    assert varnish.get("/press/", COALITION_HOST).cache == "HIT"
    for path in ["/press/", STORY_PATH, "/"]:
        mine = varnish.get(path, COALITION_HOST, cookies=session)
        assert mine.status == 200
        assert mine.cache == "PASS", path
        assert "data-wagtail-userbar" in mine.text, path
        assert "private" in mine.headers["Cache-Control"]
        assert "public" not in mine.headers["Cache-Control"]

    # What the editor saw was not kept for anyone else.
    anonymous = varnish.get(STORY_PATH, COALITION_HOST)
    assert anonymous.cache == "MISS"
    assert "data-wagtail-userbar" not in anonymous.text


def test_the_admin_health_check_and_form_posts_always_reach_the_app(varnish, cached_sites):
    for path in ["/admin/login/", "/healthz/"]:
        varnish.get(path)
        assert varnish.get(path).cache == "PASS", path
    posted = varnish.request("POST", "/press/", COALITION_HOST)
    assert posted.cache == "PASS"
    assert varnish.get("/press/", COALITION_HOST).cache == "MISS"


def test_purging_is_only_accepted_from_the_machine_itself(varnish, cached_sites):
    varnish.get("/press/")
    assert varnish.get("/press/").cache == "HIT"
    purge = {"xkey-purge": f"site-{cached_sites.cipc_site.pk}"}

    # Another address (127.0.0.2 stands in for the outside world) is refused.
    refused = varnish.request("PURGE", "/", headers=purge, source_address=("127.0.0.2", 0))
    assert refused.status == 403
    assert varnish.get("/press/").cache == "HIT"

    purged = varnish.request("PURGE", "/", headers=purge)
    assert purged.status == 200
    assert "Purged 1" in purged.text
    assert varnish.get("/press/").cache == "MISS"


def test_with_one_app_server_down_visitors_still_get_pages(live_server, cached_sites):
    live_port = int(live_server.url.rsplit(":", 1)[1])
    stopped_port = free_port()  # nothing listens there: an app server that has stopped
    server = Varnish([("127.0.0.1", stopped_port), ("127.0.0.1", live_port)], storage="malloc,16m").start()
    try:
        through = ThroughVarnish(server)
        statuses = [through.get(f"/press/?q=raid{number}").status for number in range(6)]
    finally:
        server.stop()
    assert statuses == [200] * 6


# --- Through the proxy, as an attacker would try it (issue 20) ---------------------------------


def test_tracking_parameters_and_their_order_make_one_cache_entry_the_app_never_sees(varnish, cached_sites):
    story_for(cached_sites)
    asked = []

    def record(sender, environ, **kwargs):
        if environ.get("PATH_INFO") == "/press/":
            asked.append(environ.get("QUERY_STRING", ""))

    request_started.connect(record)
    try:
        tagged = varnish.get("/press/?utm_source=x&b=2&a=1")
        plain = varnish.get("/press/?a=1&b=2")
        filtered = varnish.get("/press/?utm_source=newsletter&year=2024&fbclid=abc&category=statement")
        same = varnish.get("/press/?gclid=1&category=statement&utm_medium=email&mc_cid=9&msclkid=2&year=2024")
    finally:
        request_started.disconnect(record)
    assert (tagged.cache, plain.cache) == ("MISS", "HIT")
    assert (filtered.cache, same.cache) == ("MISS", "HIT")
    assert same.text == filtered.text
    assert "Coalition condemns raids" in same.text
    # The app was asked twice, without the tracking parameters, the rest in order.
    assert asked == ["a=1&b=2", "category=statement&year=2024"]


def test_forged_host_and_forwarded_headers_never_change_what_the_next_visitor_gets(varnish, cached_sites):
    # A Host the app does not serve is refused, and nothing is kept under it.
    forged_host = varnish.get("/press/", "evil.example")
    assert forged_host.status == 400
    assert varnish.get("/press/", "evil.example").cache != "HIT"

    # X-Forwarded-Host is dropped before the app: the page names its own host.
    forged = varnish.get("/press/", headers={"X-Forwarded-Host": "evil.example"})
    assert forged.status == 200
    assert "evil.example" not in forged.text
    nextone = varnish.get("/press/")
    assert nextone.cache == "HIT"
    assert "evil.example" not in nextone.text

    # X-Forwarded-Proto: https (the TLS proxy's word) makes https addresses in the page; a
    # visitor who sends it himself gets his own copy, never served to a plain-http visitor.
    https = varnish.get("/search/?q=raids", headers={"X-Forwarded-Proto": "https"})
    assert f'rel="canonical" href="https://{CIPC_HOST}' in https.text
    plain = varnish.get("/search/?q=raids")
    assert plain.cache == "MISS"
    assert f'rel="canonical" href="http://{CIPC_HOST}' in plain.text
    assert "https://" + CIPC_HOST not in plain.text
    assert varnish.get("/search/?q=raids", headers={"X-Forwarded-Proto": "https"}).cache == "HIT"
    assert varnish.get("/search/?q=raids", headers={"X-Forwarded-Proto": "nonsense"}).text == plain.text


def test_language_headers_and_cookies_never_put_another_page_under_an_english_address(varnish, cached_sites):
    story_for(cached_sites)
    asked_in_spanish = varnish.get(
        "/press/",
        COALITION_HOST,
        headers={"Accept-Language": "es-MX,es;q=0.9"},
        cookies={"django_language": "es", "_ga": "GA1.1.1"},
    )
    assert asked_in_spanish.status == 200
    assert '<html lang="en">' in asked_in_spanish.text
    english = varnish.get("/press/", COALITION_HOST)
    assert english.cache == "HIT"
    assert '<html lang="en">' in english.text
    assert "Accept-Language" not in english.headers.get("Vary", "")

    # A signed-in editor asking first leaves nothing for the anonymous visitor after him.
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "a long test password")
    mine = varnish.get(STORY_PATH, COALITION_HOST, cookies=session_cookie_for(editor))
    assert (mine.cache, "data-wagtail-userbar" in mine.text) == ("PASS", True)
    anonymous = varnish.get(STORY_PATH, COALITION_HOST)
    assert (anonymous.cache, "data-wagtail-userbar" in anonymous.text) == ("MISS", False)


def test_embargo_previews_the_admin_and_answers_that_set_a_cookie_are_never_stored(varnish, cached_sites):
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "a long test password")
    draft = StoryPage(title="Under embargo", summary="Soon.", category=cached_sites.statement, live=False)
    cached_sites.coalition_press.add_child(instance=draft)
    draft.save_revision()
    link = EmbargoLink.objects.create(page=draft, created_by=editor)

    for path in [link.get_absolute_url(), "/admin/login/", "/admin/"]:
        first, second = varnish.get(path, COALITION_HOST), varnish.get(path, COALITION_HOST)
        assert (first.cache, second.cache) == ("PASS", "PASS"), path
    preview = varnish.get(link.get_absolute_url(), COALITION_HOST)
    assert (preview.status, "Under embargo" in preview.text) == (200, True)
    # Revoked: the next request reaches the app, which no longer shows the draft.
    link.revoked_at = timezone.now()
    link.save()
    assert "Under embargo" not in varnish.get(link.get_absolute_url(), COALITION_HOST).text

    # A password-protected story answers with its form and a CSRF cookie: never kept.
    story = story_for(cached_sites)
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.PASSWORD, password="let me in")
    for _attempt in range(2):
        protected = varnish.get(STORY_PATH, COALITION_HOST)
        assert "csrftoken" in protected.headers.get("Set-Cookie", "")
        assert protected.cache == "PASS"
