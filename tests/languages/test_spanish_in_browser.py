"""A Spanish-speaking journalist in a real browser, on both sites: the Spanish home page, the
press room and its filters, a story, the switch to English and back, and search. Screenshots
land in test-artifacts/screenshots/ (es-*)."""

import re

import pytest

from tests.listing_data import build_spanish_stories, build_stories

pytestmark = pytest.mark.browser

JOURNEYS = [
    # (site, index of its URL in live_sites, stories in 2018 in its Spanish room, story, its English title)
    ("cipc", 1, "2 noticias", "El CIPC elogia el fallo del Noveno Circuito", "CIPC praises Ninth Circuit ruling"),
    (
        "coalition",
        2,
        "1 noticia",
        "La coalición defiende la Ley de Valores de California",
        "Coalition defends the California Values Act",
    ),
]


@pytest.fixture
def bilingual_sites(live_sites):
    sites = live_sites[0]
    stories, _people = build_stories(sites)
    build_spanish_stories(sites, stories)
    return live_sites


@pytest.mark.parametrize(("site", "url_index", "count_2018", "title", "english_title"), JOURNEYS)
def test_a_journalist_reads_the_press_room_in_spanish(
    bilingual_sites, page, screenshot, site, url_index, count_2018, title, english_title
):
    base = bilingual_sites[url_index]
    page.goto(f"{base}/es/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", name="Lo último de la sala de prensa").is_visible()
    screenshot(page, f"es-{site}-home")

    page.get_by_role("navigation", name="Principal").get_by_role("link", name="Sala de prensa").click()
    page.wait_for_url(f"{base}/es/press/")
    assert page.get_by_role("heading", name="Sala de prensa", level=1).is_visible()
    screenshot(page, f"es-{site}-press-room")

    page.get_by_label("Año", exact=True).select_option("2018")
    page.wait_for_url(re.compile(r"/es/press/\?year=2018$"))
    assert page.locator(".result-count").inner_text() == count_2018
    assert page.get_by_role("link", name="Quitar el filtro Año: 2018").is_visible()
    months = page.get_by_label("Mes", exact=True).locator("option").all_inner_texts()
    assert any(month.startswith(("julio", "agosto")) for month in months), months
    screenshot(page, f"es-{site}-press-room-filtered")

    page.get_by_role("link", name=title).click()
    assert page.get_by_role("heading", name=title, level=1).is_visible()
    assert page.locator("html").get_attribute("lang") == "es"
    assert re.search(r"\d+ de (julio|agosto) de 2018", page.locator(".story__meta time").inner_text())
    if site == "cipc":
        lead_in = page.locator(".block-statement__lead-in").inner_text()
        assert lead_in.startswith("Casey Placeholder, directora ejecutiva del Example Immigrant Rights Network")
    screenshot(page, f"es-{site}-story")

    # The switcher leads to the same story in English, and back.
    page.get_by_role("navigation", name="Idioma").get_by_role("link", name="English").click()
    assert page.get_by_role("heading", name=english_title, level=1).is_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()
    assert page.get_by_role("heading", name=title, level=1).is_visible()

    page.get_by_label("Buscar noticias").first.fill("victoria" if site == "cipc" else "demanda")
    page.get_by_role("button", name="Buscar").first.click()
    page.wait_for_url(re.compile(r"/es/search/\?q="))
    assert page.get_by_role("link", name=title).is_visible()
    screenshot(page, f"es-{site}-search")

    page.goto(f"{base}/es/no-existe/")
    assert page.get_by_role("heading", name="Página no encontrada").is_visible()
    screenshot(page, f"es-{site}-404")
