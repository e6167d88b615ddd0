"""A journalist on a phone (375 px) finds a story's media section, downloads the release as a
PDF and a photo's original; screenshots of the section at 375 and 1280 px."""

import re
from pathlib import Path

import pytest
from wagtail.images.tests.utils import get_test_image_file_jpeg

from tests.factories import SpokespersonFactory, block, make_story, statement
from tests.media_route import serve_media

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/i22-assets-shots")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def test_journalist_on_a_phone_downloads_the_release_and_a_photo(
    live_sites, new_context, screenshot, settings, tmp_path
):
    from images.models import CreditedImage

    settings.MEDIA_ROOT = str(tmp_path / "media")  # the photo keeps its name: no earlier run's file there

    sites, cipc_url, _coalition_url = live_sites
    person = SpokespersonFactory(name="Sam Sample", title="Director", organization=sites.sample_org)
    photo = CreditedImage.objects.create(
        title="Sample rally photo",
        file=get_test_image_file_jpeg("sample-rally.jpg", colour="orange", size=(1600, 1067)),
        credit="Riley Example/Example Immigrant Rights Network",
        licence="Free for editorial use",
    )
    story = make_story(
        sites.cipc_press,
        "Sample network responds to a sample ruling",
        release="immediate",
        dateline="Sacramento, CA",
        listing_image=photo,
        body=[statement(person, "<p>Sample words for the tests.</p>"), block("paragraph", "<p>Sample text.</p>")],
    )
    SHOTS.mkdir(exist_ok=True)
    for width in (375, 1280):
        context = new_context(viewport={"width": width, "height": 800})
        context.add_init_script(path=str(AXE))  # by the browser itself: the page's CSP allows no inline script
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        serve_media(tab)
        tab.goto(f"{cipc_url}/press/{story.slug}/")
        section = tab.locator("section.story-media")
        section.scroll_into_view_if_needed()
        assert section.get_by_role("heading", name="Media").is_visible()
        assert section.get_by_text("Credit: Riley Example/Example Immigrant Rights Network").is_visible()
        assert section.get_by_text("JPG, 1600 × 1067 pixels").is_visible()
        assert tab.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the phone
        result = tab.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA)
        assert result["passes"] and result["violations"] == [], [v["id"] for v in result["violations"]]
        section.screenshot(path=str(SHOTS / f"media-section-{width}.png"))
        screenshot(tab, f"issue22-story-media-{width}")
        if width != 375:
            continue

        with tab.expect_download() as download_info:
            section.get_by_role("link", name="Download release (PDF)").click()
        release = download_info.value
        assert release.suggested_filename == "sample-network-responds-to-a-sample-ruling.pdf"
        assert Path(release.path()).read_bytes().startswith(b"%PDF-")

        with tab.expect_download() as download_info:
            section.get_by_role("link", name=re.compile(r"^Download original")).click()
        original = download_info.value
        assert original.suggested_filename == "sample-rally.jpg"
        with photo.open_file() as uploaded:
            assert Path(original.path()).read_bytes() == uploaded.read()
        assert tab.url == f"{cipc_url}/press/{story.slug}/"
