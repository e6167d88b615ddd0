"""A counted link of a release send through the stack's real Varnish (deploy/varnish/default.vcl):
every click reaches the app and is counted, none is answered from the cache, none sets a cookie."""

from releases_out.clicks import click_token
from releases_out.models import Send, SendLink
from tests.factories import make_story
from tests.varnish import CIPC_HOST


def test_every_click_reaches_the_app_and_is_counted(varnish, cached_sites):
    story = make_story(cached_sites.cipc_press, "Sample network opens a help line", category=cached_sites.statement)
    send = Send.objects.create(story=story, site=cached_sites.cipc_site, when=Send.When.NOW, count_clicks=True)
    link = SendLink.objects.create(send=send, kind=SendLink.Kind.STORY, url=story.get_full_url())
    path = f"/releases/click/{click_token(link)}/"
    for _click in range(3):
        answer = varnish.get(path, CIPC_HOST)
        assert (answer.status, answer.headers["Location"]) == (302, story.get_full_url())
        assert answer.cache != "HIT"
        assert "no-store" in answer.headers["Cache-Control"]
        assert answer.headers.get("Set-Cookie") is None
    assert varnish.request("HEAD", path, CIPC_HOST).status == 302  # a link checker: not counted
    link.refresh_from_db()
    assert link.clicks == 3
