"""An imported block-editor story in a real browser: its gallery's images load from this site,
its table, separator, buttons and audio player are drawn, and nothing breaks the CSP. A
screenshot is saved (wordpress-imported-story.png)."""

import io
import wave
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.sites import CIPC_HOST
from tests.wordpress.wxr_fixtures import attachment, item, jpeg_bytes, wxr

pytestmark = [pytest.mark.browser, pytest.mark.urls("tests.branding.urls_with_media")]

UPLOADS = "https://caimmigrant.org/wp-content/uploads/2019/05"
CONTENT = (
    "<!-- wp:paragraph --><p>Volunteers staffed the rapid response hotline all week. "
    "These are some of the people who answered.</p><!-- /wp:paragraph -->"
    '<!-- wp:gallery --><figure class="wp-block-gallery"><ul class="blocks-gallery-grid">'
    + "".join(
        f'<li class="blocks-gallery-item"><figure><img src="{UPLOADS}/photo-{n}.jpg" alt="Volunteer {n}"/>'
        f"<figcaption>Shift {n}</figcaption></figure></li>"
        for n in range(1, 4)
    )
    + "</ul></figure><!-- /wp:gallery -->"
    '<!-- wp:table --><figure class="wp-block-table"><table><thead><tr><th>Day</th><th>Calls</th></tr></thead>'
    "<tbody><tr><td>Monday</td><td>112</td></tr><tr><td>Tuesday</td><td>98</td></tr></tbody></table>"
    "<figcaption>Calls answered</figcaption></figure><!-- /wp:table -->"
    '<!-- wp:separator --><hr class="wp-block-separator"/><!-- /wp:separator -->'
    f'<!-- wp:audio --><figure class="wp-block-audio"><audio controls src="{UPLOADS}/briefing.wav"></audio>'
    "<figcaption>The press briefing</figcaption></figure><!-- /wp:audio -->"
    '<!-- wp:buttons --><div class="wp-block-buttons"><div class="wp-block-button"><a class="wp-block-button__link"'
    ' href="https://example.org/volunteer">Volunteer</a></div></div><!-- /wp:buttons -->'
)


def wav_bytes():
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(8000)
        out.writeframes(b"\x80" * 800)
    return buffer.getvalue()


def test_an_imported_block_editor_story_looks_right(live_sites, new_context, screenshot, tmp_path):
    _sites, cipc_url, _coalition_url = live_sites
    folder = tmp_path / "uploads" / "2019" / "05"
    folder.mkdir(parents=True)
    for n, colour in enumerate(((190, 60, 50), (40, 110, 170), (60, 150, 90)), start=1):
        (folder / f"photo-{n}.jpg").write_bytes(jpeg_bytes(width=600, height=450, colour=colour))
    (folder / "briefing.wav").write_bytes(wav_bytes())
    export = tmp_path / "export.xml"
    export.write_bytes(
        wxr(item(90, "Hotline week", CONTENT, slug="hotline-week"), attachment(91, "2019/05/briefing.wav"))
    )
    call_command("import_wordpress", str(export), site=CIPC_HOST, media_dir=str(Path(tmp_path) / "uploads"))

    tab = new_context(viewport={"width": 1280, "height": 900}).new_page()
    tab.set_default_timeout(15_000)
    response = tab.goto(f"{cipc_url}/press/hotline-week/")
    assert response.status == 200
    images = tab.locator(".block-gallery__img")
    assert images.count() == 3
    for n in range(3):
        assert images.nth(n).evaluate("img => img.complete && img.naturalWidth > 0")
    assert tab.locator(".block-table caption").inner_text() == "Calls answered"
    assert tab.locator(".block-table td").first.inner_text() == "Monday"
    assert tab.locator("hr.block-separator").is_visible()
    assert tab.locator(".block-media audio").is_visible()
    assert tab.locator("a.button", has_text="Volunteer").get_attribute("href") == "https://example.org/volunteer"
    assert "wp-block" not in tab.content()
    screenshot(tab, "wordpress-imported-story")
