"""axe-core (from npm, injected into headless Chromium) finds no WCAG 2.2 A/AA violations on
any page kind of either site."""

from pathlib import Path

import pytest

from tests.advisories.data import add_checked_advisories
from tests.listing_data import build_spanish_stories, build_stories
from tests.presskit_data import add_press_kits_and_contacts
from tests.sites import brand_like_the_demo
from tests.visitors.checked_pages import checked_pages

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def test_axe_finds_no_violations_on_either_site(live_sites, page):
    assert AXE.exists(), f"{AXE} is missing: run `make node-deps`"
    sites, _cipc_url, _coalition_url = live_sites
    stories, people = build_stories(sites)
    build_spanish_stories(sites, stories)
    add_press_kits_and_contacts(sites, people)  # press kits, and contact cards on rooms, homes and stories
    add_checked_advisories(sites)  # a media advisory per site; the Upcoming lists
    # Logos, icons, banners, typefaces and colours: everything a site's branding can add.
    brand_like_the_demo(sites)
    port = sites.cipc_site.port
    # Injected by the browser itself: an inline <script> added to the page would break its CSP.
    page.context.add_init_script(path=str(AXE))
    found = {}
    # A desktop window, and the narrowest phone WCAG's reflow criterion names (320 CSS px).
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for label, host, path, status in checked_pages(spanish=True):
            response = page.goto(f"http://{host}:{port}{path}")
            assert response.status == status, f"{label} answered {response.status}, not {status}"
            result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA)
            assert result["passes"], f"axe checked nothing on {label} at {width}px"
            for violation in result["violations"]:
                targets = [node["target"] for node in violation["nodes"]][:3]
                problem = f"{violation['id']}: {violation['help']} {targets}"
                found.setdefault(f"{label} at {width}px", []).append(problem)
    assert found == {}
