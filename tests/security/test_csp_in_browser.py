"""In a real browser, under the Content-Security-Policy: video embeds play in their frames,
the editor's live preview shows the story, and the Wagtail user bar works on public pages.
The ``page`` fixture fails a test on any CSP violation (see conftest.py)."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import block, make_story
from tests.security.test_security_headers import EMBEDS, store_embeds

pytestmark = pytest.mark.browser

TITLE = "Coalition shows the hearing"


def stub_video_players(context):
    """YouTube and Vimeo answer with a stand-in player (no network in tests); their address
    still goes through the page's frame-src, which is what is tested."""
    for pattern in ("https://www.youtube.com/**", "https://player.vimeo.com/**"):
        context.route(
            pattern,
            lambda route: route.fulfill(
                body="<!doctype html><title>player</title><p>Video player</p>", content_type="text/html"
            ),
        )


@pytest.fixture
def story_with_videos(live_sites):
    sites = live_sites[0]
    store_embeds()
    story = make_story(
        sites.coalition_press,
        TITLE,
        body=[block("embed", {"url": url, "title": "The hearing"}) for url in EMBEDS],
        signatories=sites.members,
    )
    return live_sites, story


def test_a_storys_youtube_and_vimeo_players_load_in_their_frames(story_with_videos, page):
    (_sites, _cipc_url, coalition_url), _story = story_with_videos
    stub_video_players(page.context)
    page.goto(f"{coalition_url}/press/coalition-shows-the-hearing/")
    for origin in ("https://www.youtube.com", "https://player.vimeo.com"):
        frame = page.frame_locator(f"iframe[src^='{origin}/']")
        assert frame.get_by_text("Video player").is_visible()


def log_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a long test password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base_url}/admin/")


def test_the_live_preview_panel_shows_the_story_with_its_videos(story_with_videos, page, screenshot):
    (_sites, cipc_url, _coalition_url), story = story_with_videos
    get_user_model().objects.create_superuser("admin", "admin@example.org", "a long test password")
    stub_video_players(page.context)
    log_in(page, cipc_url, "admin")
    page.goto(f"{cipc_url}/admin/pages/{story.pk}/edit/")
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    assert preview.get_by_role("heading", level=1).inner_text() == TITLE
    assert preview.frame_locator("iframe[src^='https://www.youtube.com/']").get_by_text("Video player").is_visible()
    screenshot(page, "csp-live-preview")


def test_an_editor_sees_the_wagtail_user_bar_on_a_public_story(story_with_videos, page):
    (_sites, cipc_url, _coalition_url), _story = story_with_videos
    get_user_model().objects.create_superuser("admin", "admin@example.org", "a long test password")
    log_in(page, cipc_url, "admin")
    page.goto(f"{cipc_url}/")
    page.get_by_role("button", name="View Wagtail quick actions").click()
    page.get_by_role("menuitem", name="Edit this page").wait_for(state="visible")
