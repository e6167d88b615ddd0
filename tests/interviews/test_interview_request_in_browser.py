"""A reporter on a phone (375 px) taps "Request an interview" under a story's media contacts,
gets a form error that keeps what they typed, sends the request and is told it arrived; the
scheduler's run then brings the on-call contact and the reporter their emails."""

from pathlib import Path

import pytest
from django.core.management import call_command

from interviews.models import InterviewRequest
from tests.factories import make_story
from tests.interviews.helpers import ON_CALL, give_room_an_on_call_contact, tomorrow_at_five
from tests.mail import record_count, text_part

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
SHOTS = Path("/tmp/i22-interview-shots")


def shoot(screenshot, tab, name):
    path = screenshot(tab, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / path.name).write_bytes(path.read_bytes())


def test_a_reporter_on_a_phone_asks_for_an_interview_from_a_story(live_sites, smtp, new_context, screenshot, request):
    sites, _cipc_url, coalition_url = live_sites
    give_room_an_on_call_contact(sites.coalition_press, sites.sample_org)
    story = make_story(sites.coalition_press, "Coalition statement on a fictional oversight bill")
    tab = new_context(viewport=PHONE).new_page()
    tab.set_default_timeout(15_000)
    SHOTS.mkdir(parents=True, exist_ok=True)

    tab.goto(f"{coalition_url}/press/{story.slug}/")
    button = tab.locator(".story__contacts").get_by_role("link", name="Request an interview")
    button.scroll_into_view_if_needed()
    tab.screenshot(path=str(SHOTS / "issue22-story-contacts-interview-375.png"))  # the screen the reporter sees
    button.click()
    tab.wait_for_url(f"{coalition_url}/interview/")
    tab.get_by_label("Your name").fill("Sam Sample")
    tab.get_by_label("Outlet").fill("The Example Ledger")
    tab.get_by_label("Your deadline").fill(tomorrow_at_five())
    tab.get_by_label("About a story (optional)").select_option(label=story.title)
    tab.get_by_label("Message (optional)").fill("Could someone speak to us about the bill before 5 p.m.?")
    tab.get_by_role("button", name="Send the request").click()  # no email address yet

    tab.wait_for_url(f"{coalition_url}/interview/send/")
    assert tab.get_by_role("alert").inner_text().startswith("Please correct the fields marked below")
    assert tab.get_by_text("Enter your email address.").is_visible()
    assert tab.get_by_label("Your name").input_value() == "Sam Sample"  # kept
    assert tab.get_by_label("Message (optional)").input_value().startswith("Could someone speak")
    assert tab.get_by_label("About a story (optional)").input_value() == str(story.pk)
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    shoot(screenshot, tab, "issue22-interview-form-error-375")

    tab.get_by_label("Email address", exact=True).fill("sam.sample@example.net")
    tab.get_by_role("button", name="Send the request").click()
    assert tab.get_by_role("heading", level=1).inner_text() == "We have your request"
    shoot(screenshot, tab, "issue22-interview-received-375")
    stored = InterviewRequest.objects.get()
    assert (stored.status, stored.story_id, stored.outlet) == ("new", story.pk, "The Example Ledger")

    call_command("run_scheduler", once=True)
    [on_call] = smtp.inbox.to(ON_CALL)
    assert "before 5 p.m.?" in text_part(on_call)
    [acknowledgement] = smtp.inbox.to("sam.sample@example.net")
    assert acknowledgement["Subject"] == "We have your interview request: ICE Out of California"
    record_count(request.node.nodeid, smtp.inbox.total)

    wide = new_context(viewport={"width": 1280, "height": 900}).new_page()
    wide.goto(f"{coalition_url}/interview/")
    assert wide.get_by_role("heading", level=1).inner_text() == "Request an interview"
    shoot(screenshot, wide, "issue22-interview-form-1280")
    tab.goto(f"{coalition_url}/interview/")
    shoot(screenshot, tab, "issue22-interview-form-375")
