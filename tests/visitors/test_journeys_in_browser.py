"""Visitors in a real browser: filter by year then spokesperson, page through, search, open a
story and follow a topic back to the filtered listing, on both sites; the same without
JavaScript; and every page kind at 320 px wide. Screenshots land in test-artifacts/."""

import re

import pytest
from playwright.sync_api import expect

from core.models import Spokesperson
from tests.advisories.data import add_checked_advisories
from tests.listing_data import add_busy_year, build_stories
from tests.presskit_data import add_press_kits_and_contacts
from tests.visitors.checked_pages import checked_pages

pytestmark = pytest.mark.browser

JOURNEYS = [
    # (site, index of its URL in live_sites, spokesperson, words searched for, story found)
    ("cipc", 1, "casey-placeholder", "Ninth Circuit", "CIPC praises Ninth Circuit ruling"),
    ("coalition", 2, "avery-example", "Values Act", "Coalition defends the California Values Act"),
]


@pytest.fixture
def busy_sites(live_sites):
    sites = live_sites[0]
    _stories, people = build_stories(sites)
    add_busy_year(sites, people)
    return live_sites


@pytest.mark.parametrize(("site", "url_index", "person", "words", "title"), JOURNEYS)
def test_visitor_filters_pages_searches_and_follows_a_topic(
    busy_sites, page, screenshot, site, url_index, person, words, title
):
    base = busy_sites[url_index]
    page.goto(f"{base}/press/")
    screenshot(page, f"{site}-press-room")

    # Filters update the results in place and keep the address shareable.
    year = page.get_by_label("Year", exact=True)
    year.focus()  # as a keyboard user would
    year.select_option("2018")
    page.wait_for_url(re.compile(r"/press/\?year=2018$"))
    page.wait_for_function("document.activeElement.id === 'filter-year'")  # focus stays where it was
    page.get_by_label("Spokesperson", exact=True).select_option(person)
    page.wait_for_url(re.compile(rf"/press/\?year=2018&spokesperson={person}$"))
    status = page.locator(".result-count")
    assert status.inner_text() == "8 stories, page 1 of 2"
    assert page.get_by_role("link", name="Remove filter Year: 2018").is_visible()
    screenshot(page, f"{site}-press-room-filtered")

    page.get_by_role("link", name="Next page").click()
    page.wait_for_url(re.compile(rf"/press/\?year=2018&spokesperson={person}&page=2$"))
    assert status.inner_text() == "8 stories, page 2 of 2"
    page.wait_for_function("document.activeElement.id === 'results-heading'")
    assert page.locator("article.story-card").count() == 3
    screenshot(page, f"{site}-press-room-page-2")
    # The address alone brings back the same view.
    page.reload()
    assert page.locator(".result-count").inner_text() == "8 stories, page 2 of 2"

    page.get_by_role("searchbox", name="Search stories").first.fill(words)
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.get_by_role("heading", level=1).inner_text() == f"Search results for “{words}”"
    screenshot(page, f"{site}-search-results")

    page.get_by_role("link", name=title).click()
    assert page.get_by_role("heading", level=1).inner_text() == title
    screenshot(page, f"{site}-story")

    page.locator(".story__topics").get_by_role("link", name="SB 54").click()
    page.wait_for_url(f"{base}/press/?topic=sb-54")
    assert page.get_by_role("link", name="Remove filter Topic: SB 54").is_visible()
    assert page.get_by_role("link", name=title).is_visible()
    assert page.get_by_label("Topic", exact=True).input_value() == "sb-54"

    page.goto(f"{base}/no-such-page/")
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    screenshot(page, f"{site}-404")


def test_filters_and_pages_work_without_javascript(busy_sites, new_context, screenshot):
    _sites, cipc_url, _coalition_url = busy_sites
    context = new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(f"{cipc_url}/press/")
    tab.get_by_label("Year", exact=True).select_option("2018")
    tab.get_by_label("Spokesperson", exact=True).select_option("casey-placeholder")
    tab.get_by_role("button", name="Show stories").click()
    tab.wait_for_url(re.compile(r"year=2018.*spokesperson=casey-placeholder"))
    assert tab.locator(".result-count").inner_text() == "8 stories, page 1 of 2"
    tab.get_by_role("link", name="Next page").click()
    assert tab.locator(".result-count").inner_text() == "8 stories, page 2 of 2"
    assert "year=2018" in tab.url
    assert "page=2" in tab.url
    tab.get_by_role("link", name="Clear filters").first.click()
    assert tab.locator(".result-count").inner_text().startswith("10 stories")
    context.close()


def test_copy_link_puts_the_story_address_on_the_clipboard(busy_sites, new_context):
    _sites, cipc_url, _coalition_url = busy_sites
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(f"{cipc_url}/press/cipc-praises-ninth-circuit-ruling/")
    tab.get_by_role("button", name="Copy link").click()
    # The clipboard write is asynchronous: wait for the message rather than read it at once.
    expect(tab.locator(".share__copied")).to_have_text("Link copied.")
    assert tab.evaluate("navigator.clipboard.readText()") == f"{cipc_url}/press/cipc-praises-ninth-circuit-ruling/"
    context.close()


def test_every_page_kind_fits_a_320_pixel_screen(busy_sites, new_context, screenshot):
    sites = busy_sites[0]
    people = {
        name: Spokesperson.objects.get(slug=slug)
        for name, slug in [("cynthia", "casey-placeholder"), ("angela", "avery-example")]
    }
    add_press_kits_and_contacts(sites, people)  # so every page kind checked exists
    add_checked_advisories(sites)  # a media advisory per site; the Upcoming lists
    context = new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    too_wide = {}
    for label, host, path, status in checked_pages():
        response = tab.goto(f"http://{host}:{sites.cipc_site.port}{path}")
        assert response.status == status, f"{label} answered {response.status}, not {status}"
        if label.endswith("press room"):
            # Stories come first; the folded filters open on request.
            filters = tab.get_by_label("Year", exact=True)
            assert not filters.is_visible()
            tab.get_by_text("Filter stories").click()
            assert filters.is_visible()
        width = tab.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[label] = width
        if label.endswith(("press room", "story")):
            screenshot(tab, f"320px-{label.replace(' ', '-').lower()}")
    context.close()
    assert too_wide == {}
