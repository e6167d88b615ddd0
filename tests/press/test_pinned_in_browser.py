"""A reporter on a phone (375 px) opening the press room or the home page during a crisis sees
the breaking story first, on the first screen, with its banner in the page's language; the
pages stay accessible (axe-core, WCAG 2.2 AA)."""

import pytest

from press.models import PressIndexPage
from tests.factories import make_story
from tests.sites import translate_press_sites
from tests.visitors.test_accessibility import AXE, WCAG_22_AA

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
TITLE = "Example Network responds to a fictional emergency order"


def test_the_breaking_story_leads_room_and_home_on_a_phone_in_both_languages(live_sites, new_context, screenshot):
    sites, _cipc_url, coalition_url = live_sites
    translate_press_sites(sites)
    story = make_story(sites.coalition_press, TITLE, summary="The network's lawyers are at the courthouse.")
    for number in range(1, 4):
        make_story(sites.coalition_press, f"A newer fictional update {number}")
    room = PressIndexPage.objects.get(pk=sites.coalition_press.pk)
    room.pinned_story, room.pinned_breaking = story, True
    room.save_revision().publish()

    tab = new_context(viewport=PHONE, bypass_csp=True).new_page()
    for path, banner in [("/press/", "Breaking"), ("/", "Breaking"), ("/es/press/", "Última hora")]:
        tab.goto(coalition_url + path)
        lead = tab.locator(".pinned")
        assert lead.locator(".pinned__banner").inner_text().casefold() == banner.casefold()
        link = lead.get_by_role("link", name=TITLE)
        box = link.bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE["height"], (path, box)  # no scrolling
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        tab.add_script_tag(path=str(AXE))
        result = tab.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA)
        assert [violation["id"] for violation in result["violations"]] == [], path
        if path == "/press/":
            screenshot(tab, "issue22-coalition-room-breaking-375")
    link.click()
    tab.wait_for_url(coalition_url + f"/press/{story.slug}/")
