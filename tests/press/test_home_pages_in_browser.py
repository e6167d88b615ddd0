"""The coalition's home page in a real browser: with eight members, its latest news still
starts near the top on a phone, the members' cards compact, two to a row."""

import pytest

from tests.factories import make_story
from tests.sites import eight_members

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def test_coalition_news_starts_near_the_top_on_a_phone(live_sites, new_context, screenshot):
    sites, _cipc_url, coalition_url = live_sites
    eight_members(sites)
    for i in range(3):
        make_story(sites.coalition_press, f"Coalition statement {i}", category=sites.statement)
    tab = new_context(viewport=PHONE).new_page()
    tab.goto(f"{coalition_url}/")
    assert tab.locator(".members__item").count() == 8
    news_top = tab.locator("#latest-heading").bounding_box()["y"]
    assert news_top < 1000, f"the latest news starts {news_top}px down at 375px"
    first_story = tab.locator(".story-card__title").first.bounding_box()["y"]
    assert first_story < 1100
    # Compact cards, two to a row, names whole.
    boxes = [tab.locator(".members__item").nth(i).bounding_box() for i in range(2)]
    assert boxes[0]["y"] == boxes[1]["y"] and boxes[0]["width"] < 180
    screenshot(tab, "coalition-home-375")
    wide = new_context(viewport=DESKTOP).new_page()
    wide.goto(f"{coalition_url}/")
    screenshot(wide, "coalition-home-1280")
