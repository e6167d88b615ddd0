"""The feed opened in a real browser explains itself: what the page is, the address to copy into a
news reader, the stories as links, styled by its own stylesheet under the CSP, and accessible."""

import datetime

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, CspViolations
from tests.factories import make_story
from tests.sites import translate, translate_press_sites
from tests.visitors.test_accessibility import AXE, WCAG_22_AA

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def test_the_feed_explains_itself_in_a_browser(live_sites, browser, screenshot):
    sites, _cipc_url, coalition_url = live_sites
    make_story(sites.coalition_press, "Coalition statement on detention", summary="No more contracts.")
    # Chromium 156 lays its own "XSLT is deprecated" banner over any XSLT page, styled with
    # inline code our CSP rightly blocks: that banner is the browser's, not ours, so it is off.
    chromium = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--disable-blink-features=GenerateXSLTWarningBanner"]
    )
    try:
        context = chromium.new_context(viewport=DESKTOP)
        violations = CspViolations(context)
        page = context.new_page()
        page.goto(f"{coalition_url}/press/feed/")
        assert page.get_by_role("heading", name="What is this page?").is_visible()
        assert page.get_by_text("copy this address into your news reader").is_visible()
        assert page.locator(".feed__address code").inner_text() == f"{coalition_url}/press/feed/"
        link = page.get_by_role("link", name="Coalition statement on detention")
        assert link.get_attribute("href") == f"{coalition_url}/press/coalition-statement-on-detention/"
        assert page.get_by_role("link", name="Go to the press room").is_visible()
        # Styled by its own stylesheet, which the CSP let through: the note sits in a tinted box.
        tint = page.evaluate("getComputedStyle(document.querySelector('.feed__about')).backgroundColor")
        assert tint == "rgb(244, 245, 247)"
        screenshot(page, "feed-1280")
        page.wait_for_timeout(200)
        assert violations.enforced == []
        # And it is as accessible as the site's pages (axe-core, WCAG 2.2 AA; this context lets
        # axe's injected script past the CSP, which the context above has already checked).
        checked = chromium.new_context(viewport=PHONE, bypass_csp=True).new_page()
        checked.goto(f"{coalition_url}/press/feed/")
        checked.add_script_tag(path=str(AXE))
        result = checked.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA)
        assert result["passes"]
        assert [violation["id"] for violation in result["violations"]] == []
        screenshot(checked, "feed-375")
    finally:
        chromium.close()


def test_the_spanish_feed_gives_its_dates_in_spanish(live_sites, browser, screenshot):
    sites, _cipc_url, coalition_url = live_sites
    translate_press_sites(sites)
    story = make_story(sites.coalition_press, "ICE should not politicize tragedy", date=datetime.date(2018, 12, 20))
    translate(story, title="ICE no debe politizar la tragedia", slug="ice-no-debe-politizar-la-tragedia")
    chromium = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--disable-blink-features=GenerateXSLTWarningBanner"]
    )
    try:
        page = chromium.new_context(viewport=PHONE).new_page()
        page.goto(f"{coalition_url}/es/press/feed/")
        assert page.get_by_role("link", name="ICE no debe politizar la tragedia").is_visible()
        assert page.locator(".feed__date").first.inner_text().strip() == "20 de diciembre de 2018"
        screenshot(page, "feed-es-375")
    finally:
        chromium.close()
