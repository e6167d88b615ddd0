"""A journalist in a real browser downloads a press kit, whole and file by file, and saves a
media contact to their address book."""

import re
import zipfile
from pathlib import Path

import pytest

from tests.factories import SpokespersonFactory, make_story
from tests.media_route import serve_media
from tests.presskit_data import SVG, build_press_kit

pytestmark = pytest.mark.browser


def download_whole_kit(page, link, tmp_path):
    """Click the kit's "download all" ``link``: the zip's suggested name, and the zip, opened."""
    with page.expect_download() as download_info:
        page.get_by_role("link", name=link).click()
    download = download_info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    return download.suggested_filename, zipfile.ZipFile(saved)


def test_journalist_downloads_the_press_kit_and_saves_a_contact(live_sites, page, screenshot, tmp_path):
    from press.models import PressIndexPage, PressRoomContact

    sites, _cipc_url, coalition_url = live_sites
    build_press_kit(sites.coalition_home, name="ICE Out of California")
    person = SpokespersonFactory(
        name="Alex Sample", slug="alex-sample", organization=sites.sample_org, languages="English, Spanish"
    )
    room = PressIndexPage.objects.get(pk=sites.coalition_press.pk)
    room.media_contacts = [PressRoomContact(spokesperson=person)]
    room.save_revision().publish()
    serve_media(page)

    page.goto(f"{coalition_url}/press-kit/")
    assert page.get_by_role("heading", name="About ICE Out of California").is_visible()
    assert page.get_by_text("Credit: Pat Photographer").is_visible()
    screenshot(page, "issue12-press-kit")

    filename, archive = download_whole_kit(page, "Download the whole press kit", tmp_path)
    assert filename == "ice-out-of-california-press-kit.zip"
    with archive:
        assert archive.namelist() == [
            "logos/wordmark.png",
            "logos/wordmark.svg",
            "headshots/alex-sample.png",
            "fact-sheets/facts-at-a-glance.pdf",
        ]
        assert archive.read("logos/wordmark.svg") == SVG

    # The SVG alone is saved, never opened in the browser.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^Download SVG\s*: Wordmark$")).click()
    download = download_info.value
    assert download.suggested_filename == "wordmark.svg"
    assert Path(download.path()).read_bytes() == SVG
    assert page.url == f"{coalition_url}/press-kit/"

    # The room's media contact, on the home page, goes into an address book as a vCard.
    page.goto(f"{coalition_url}/")
    assert page.get_by_text("Speaks English, Spanish").is_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^Save contact\s+for Alex Sample \(vCard\)$")).click()
    card = Path(download_info.value.path()).read_text()
    assert "FN:Alex Sample" in card
    screenshot(page, "issue12-home-media-contacts")

    # At the foot of a story that names no contacts of its own, on a phone.
    make_story(room, "Coalition statement without contacts")
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{coalition_url}/press/coalition-statement-without-contacts/")
    contacts = page.get_by_role("region", name="Media contacts")
    assert contacts.get_by_role("link", name="(916) 555-0100").get_attribute("href") == "tel:9165550100"
    screenshot(page, "issue12-story-foot-contacts-375")
    page.goto(f"{coalition_url}/press-kit/")
    screenshot(page, "issue12-press-kit-375")


def test_a_spanish_journalist_switches_to_the_spanish_kit_and_downloads_it(live_sites, page, screenshot, tmp_path):
    from tests.presskit_data import HOJA, translate_kit
    from tests.sites import translate_press_sites

    sites, _cipc_url, coalition_url = live_sites
    translate_press_sites(sites)
    translate_kit(build_press_kit(sites.coalition_home, name="ICE Out of California"))
    serve_media(page)

    page.goto(f"{coalition_url}/press-kit/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()
    page.wait_for_url(f"{coalition_url}/es/press-kit/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", name="Kit de prensa", level=1).is_visible()
    assert page.get_by_role("heading", name="Acerca de Sample Network").is_visible()
    nav = page.get_by_role("navigation", name="Principal")
    assert nav.get_by_role("link", name="Kit de prensa").get_attribute("aria-current") == "page"
    screenshot(page, "es-press-kit")

    filename, archive = download_whole_kit(page, "Descargar el kit de prensa completo", tmp_path)
    assert filename == "ice-out-of-california-kit-de-prensa.zip"
    with archive:
        assert archive.read("fact-sheets/datos-en-breve.pdf") == HOJA
