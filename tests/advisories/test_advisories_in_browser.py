"""A reporter on a phone (375 px) finds the next media advisory on the home page, opens it, reads
When and Where at the top, downloads the calendar file and sends an RSVP; the pages fit the
screen and pass axe-core (WCAG 2.2 AA). Screenshots land in test-artifacts/screenshots/ and,
for looking at, /tmp/i22-advisory-shots/."""

import shutil
from pathlib import Path

import icalendar
import pytest

from advisories.models import RSVP
from tests.advisories.data import make_advisory, relative_day
from tests.sites import translate, translate_press_sites
from tests.visitors.test_accessibility import AXE, WCAG_22_AA

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
LAPTOP = {"width": 1280, "height": 900}
TITLE = "Sample press conference on the Capitol steps"
SHOTS = Path("/tmp/i22-advisory-shots")


def keep(screenshot, tab, name):
    path = screenshot(tab, name)
    SHOTS.mkdir(exist_ok=True)
    shutil.copy(path, SHOTS / path.name)


def no_axe_violations(tab):
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA)
    return [violation["id"] for violation in result["violations"]]


def test_a_reporter_on_a_phone_finds_the_advisory_adds_it_to_a_calendar_and_rsvps(live_sites, new_context, screenshot):
    sites, cipc_url, _coalition_url = live_sites
    story = make_advisory(
        sites.cipc_press,
        TITLE,
        date=relative_day(3),
        online_url="https://stream.example.org/sample-press-conference",
    )
    make_advisory(sites.cipc_press, "Sample town hall with families", date=relative_day(10))

    tab = new_context(viewport=PHONE, bypass_csp=True, accept_downloads=True).new_page()
    tab.goto(cipc_url + "/")
    upcoming = tab.locator(".upcoming")
    assert upcoming.locator(".upcoming__title").all_inner_texts() == [TITLE, "Sample town hall with families"]
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert no_axe_violations(tab) == []
    keep(screenshot, tab, "issue22-advisory-home-upcoming-375")

    upcoming.get_by_role("link", name=TITLE).click()
    tab.wait_for_url(cipc_url + f"/press/{story.slug}/")
    block = tab.locator(".advisory")
    assert "media advisory" in block.inner_text().casefold()  # shown in capitals
    assert "10:00 AM–11:30 AM" in block.locator("time").inner_text()
    box = block.locator("time").bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"]  # When, on the first screen
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert no_axe_violations(tab) == []
    keep(screenshot, tab, "issue22-advisory-story-375")

    with tab.expect_download() as download:
        block.get_by_role("link", name="Add to calendar").click()
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    assert str(calendar.walk("VEVENT")[0]["summary"]) == TITLE

    # The RSVP link jumps to the form; a mistake keeps what was typed.
    block.get_by_role("link", name="RSVP or request a credential").click()
    form = tab.locator("#rsvp")
    form.get_by_label("Your name").fill("Riley Sample")
    form.get_by_label("Email address").fill("riley@example.org")
    form.get_by_role("button", name="Send my RSVP").click()
    assert "Enter the outlet you report for" in tab.locator("#rsvp").inner_text()
    assert tab.get_by_label("Your name").input_value() == "Riley Sample"
    assert no_axe_violations(tab) == []
    keep(screenshot, tab, "issue22-advisory-rsvp-error-375")
    tab.get_by_label("News outlet").fill("The Example Gazette")
    tab.get_by_role("button", name="Send my RSVP").click()
    assert tab.get_by_role("heading", name="Thank you: your RSVP is in").is_visible()
    keep(screenshot, tab, "issue22-advisory-rsvp-thanks-375")
    assert list(RSVP.objects.values_list("story_id", "name", "outlet")) == [
        (story.pk, "Riley Sample", "The Example Gazette")
    ]


def test_the_spanish_advisory_on_a_laptop(live_sites, new_context, screenshot):
    sites, cipc_url, _coalition_url = live_sites
    translate_press_sites(sites)
    story = make_advisory(sites.cipc_press, TITLE, date=relative_day(3))
    spanish = translate(story, title="Rueda de prensa de muestra en el Capitolio", slug="rueda-de-prensa-de-muestra")
    tab = new_context(viewport=LAPTOP, bypass_csp=True).new_page()
    tab.goto(cipc_url + "/es/press/")
    assert tab.locator(".upcoming__heading").inner_text() == "Próximos avisos a los medios"
    tab.locator(".upcoming").get_by_role("link", name=spanish.title).click()
    block = tab.locator(".advisory")
    for word in ("Aviso a los medios", "Cuándo", "Dónde", "Imágenes", "Entrevistas"):
        assert word.casefold() in block.inner_text().casefold()
    assert no_axe_violations(tab) == []
    keep(screenshot, tab, "issue22-advisory-story-es-1280")
