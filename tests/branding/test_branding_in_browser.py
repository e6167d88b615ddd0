"""In a real browser each site wears its own branding: its typeface is downloaded from this
site and used, its banner and SVG logo are drawn, its icon is in the tab; nothing breaks the
CSP. Screenshots of both homes and press rooms at 1280, 375 and 320 px are saved."""

import pytest

from tests.listing_data import build_stories
from tests.sites import brand_like_the_demo

pytestmark = [pytest.mark.browser, pytest.mark.urls("tests.branding.urls_with_media")]

WIDTHS = (1280, 375, 320)


def test_each_site_wears_its_own_branding_at_every_width(live_sites, new_context, screenshot):
    sites, cipc_url, coalition_url = live_sites
    build_stories(sites)
    brand_like_the_demo(sites)
    context = new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    fonts = []
    tab.on("requestfinished", lambda request: fonts.append(request.url) if request.resource_type == "font" else None)

    for site, url, typeface in (("cipc", cipc_url, "Source Sans 3"), ("coalition", coalition_url, "Work Sans")):
        for width in WIDTHS:
            tab.set_viewport_size({"width": width, "height": 900})
            for kind, path in (("home", "/"), ("press-room", "/press/")):
                response = tab.goto(f"{url}{path}")
                assert response.status == 200, f"{site} {kind} answered {response.status}"
                tab.evaluate("document.fonts.ready")
                # The chosen face is the one the body text is set in, and it has loaded.
                assert tab.evaluate(f"document.fonts.check('16px \"{typeface}\"')")
                assert tab.evaluate("getComputedStyle(document.body).fontFamily").startswith(f'"{typeface}"')
                # The SVG logo and the banner are drawn, not broken images.
                for selector in (".site-header__logo", ".banner__image"):
                    natural_width = tab.locator(selector).evaluate("img => img.complete && img.naturalWidth")
                    assert natural_width, f"{selector} did not load on {site} {kind} at {width}px"
                # Nothing is wider than the window, however narrow.
                assert tab.evaluate("document.documentElement.scrollWidth") <= width
                screenshot(tab, f"issue12-{site}-{kind}-{width}")
        # The tab's icon, and /favicon.ico (redirected to it), as the browser fetches them.
        fetch = "url => fetch(url).then(r => [r.status, r.headers.get('content-type')])"
        icon = tab.locator('link[rel="icon"]').get_attribute("href")
        assert tab.evaluate(fetch, icon) == [200, "image/svg+xml"]
        assert tab.evaluate(fetch, "/favicon.ico") == [200, "image/svg+xml"]
    # Every font came from this site (no font service), and only the chosen faces were fetched.
    assert fonts and all(font.startswith((cipc_url, coalition_url)) for font in fonts)
    assert {font.rsplit("/", 1)[1].split("-latin")[0] for font in fonts} == {"source-sans-3", "work-sans"}
