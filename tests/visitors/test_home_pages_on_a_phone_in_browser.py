"""Both demo home pages on a phone (375 px): the latest story is on the first screen, under the
site's title, ahead of the introduction, its button and the member grid; on a desktop the page
reads as before (introduction, then the coalition's members, then the news)."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}  # the smallest phone screen in common use
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def demo_urls(live_server, transactional_db):
    """The demo's two sites, with their real introductions, banners and members."""
    port = int(live_server.url.rsplit(":", 1)[1])
    out = StringIO()
    call_command("load_demo", cipc_hostname="localhost", coalition_hostname="iceout.localhost", port=port, stdout=out)
    return {"cipc": f"http://localhost:{port}/", "coalition": f"http://iceout.localhost:{port}/"}


def top(tab, selector):
    return tab.locator(selector).first.bounding_box()["y"]


def test_a_phone_leads_with_the_latest_story_and_a_desktop_with_the_introduction(demo_urls, new_context, screenshot):
    phone = new_context(viewport=PHONE).new_page()
    desktop = new_context(viewport=DESKTOP).new_page()
    for site, url in demo_urls.items():
        phone.goto(url)
        first_story = top(phone, ".latest .story-card")
        screenshot(phone, f"{site}-home-375-latest-first")
        assert first_story < PHONE["height"], f"{site}: the first story starts {first_story}px down on a phone"
        assert top(phone, "h1") < top(phone, "#latest-heading") < top(phone, ".hero__intro")
        assert top(phone, ".hero__more") > first_story
        if site == "coalition":
            assert top(phone, ".members") > first_story

        desktop.goto(url)
        screenshot(desktop, f"{site}-home-1280")
        assert top(desktop, "h1") < top(desktop, ".hero__intro") < top(desktop, ".hero__more")
        assert top(desktop, ".hero__more") < top(desktop, "#latest-heading")
        if site == "coalition":
            assert top(desktop, ".members") < top(desktop, "#latest-heading")
