"""A reporter on a phone (375 px) reading a statement taps the speaker's name and lands on
their page: name, role and photo first, the bio, then how to reach them, then their
statements, in one column that fits the screen; the same in Spanish; and on a laptop (1280 px) the statements and the
contact sit side by side."""

import shutil
from pathlib import Path

import pytest

from tests.people.people_data import speakers, speeches
from tests.sites import translate_press_sites

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
LAPTOP = {"width": 1280, "height": 900}
# A copy for reviewers who read the screenshots outside the artifacts folder.
SHOTS = Path("/tmp/i22-people-shots")


def shoot(screenshot, tab, name):
    screenshot(tab, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    artifacts = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots" / f"{name}.png"
    if artifacts.exists():
        shutil.copy(artifacts, SHOTS / artifacts.name)


def test_a_reporter_on_a_phone_goes_from_a_quote_to_the_speakers_page(live_sites, new_context, screenshot):
    sites, cipc_url, _coalition_url = live_sites
    translate_press_sites(sites)
    alex, jordan, casey, _avery = speakers(sites)
    (bio_story, quote_story, _statement_story), _coalition = speeches(sites, alex, jordan, casey)
    tab = new_context(viewport=PHONE).new_page()
    tab.set_default_timeout(15_000)
    tab.goto(f"{cipc_url}/press/{quote_story.slug}/")
    tab.locator(".block-quote figcaption").get_by_role("link", name="Alex Sample").click()  # the one tap
    tab.wait_for_url(cipc_url + "/people/alex-sample/")
    heading = tab.get_by_role("heading", level=1)
    assert heading.inner_text() == "Alex Sample"
    box = heading.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"]  # on the first screen
    assert tab.locator(".person__role").inner_text() == "Communications Director, Example Immigrant Rights Network"
    assert tab.get_by_text("Credit: Sample Photo Desk").is_visible()
    phone = tab.get_by_role("link", name="(213) 555-0142")
    assert phone.get_attribute("href") == "tel:2135550142"
    phone_box = phone.bounding_box()
    # How to reach them comes before what they said: within the second screen.
    assert phone_box is not None and phone_box["y"] + phone_box["height"] <= 2 * PHONE["height"], phone_box
    titles = tab.locator(".story-card__title").all_inner_texts()
    assert titles[0] == bio_story.title  # newest first
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    shoot(screenshot, tab, "issue22-person-page-375")
    # The same person in Spanish, from the language switcher.
    tab.get_by_role("link", name="Español").click()
    tab.wait_for_url(cipc_url + "/es/people/alex-sample/")
    assert tab.locator(".person__role").inner_text() == "Directora de comunicaciones, Example Immigrant Rights Network"
    assert tab.get_by_role("heading", name="Declaraciones y citas").is_visible()
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(screenshot, tab, "issue22-person-page-es-375")


def test_on_a_laptop_the_statements_and_the_contact_sit_side_by_side(live_sites, new_context, screenshot):
    sites, cipc_url, _coalition_url = live_sites
    translate_press_sites(sites)
    alex, jordan, casey, _avery = speakers(sites)
    speeches(sites, alex, jordan, casey)
    tab = new_context(viewport=LAPTOP).new_page()
    tab.set_default_timeout(15_000)
    tab.goto(cipc_url + "/press/?spokesperson=alex-sample")
    tab.get_by_role("link", name="About Alex Sample: photo, bio and contact").click()
    tab.wait_for_url(cipc_url + "/people/alex-sample/")
    stories = tab.locator(".person__stories").bounding_box()
    contact = tab.locator(".person__contact").bounding_box()
    assert contact["x"] > stories["x"] + stories["width"] - 1  # beside, not below
    assert contact["y"] < stories["y"] + stories["height"]
    shoot(screenshot, tab, "issue22-person-page-1280")
    tab.get_by_role("link", name="All spokespeople").click()
    tab.wait_for_url(cipc_url + "/people/")
    assert tab.get_by_role("link", name="Alex Sample").is_visible()
    shoot(screenshot, tab, "issue22-people-index-1280")
