"""A journalist in a real browser: signs up for health stories on the coalition's press room,
follows the confirmation link from the email the SMTP server received, gets one alert when a
matching story goes live, and unsubscribes from the link in that email. Screenshots of each
step (and of the alert itself) land in test-artifacts/screenshots/."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from alerts.models import Subscription
from tests.editing.test_moderation_in_browser import log_in
from tests.editors import team_members
from tests.factories import TopicFactory, make_story
from tests.mail import html_part, record_count, text_part

pytestmark = pytest.mark.browser

CONFIRM_LINK = re.compile(r"http://\S+/alerts/confirm/\S+/")


def test_subscribe_confirm_get_an_alert_and_unsubscribe(live_sites, smtp, page, new_context, screenshot, request):
    sites, _cipc_url, coalition_url = live_sites
    health = TopicFactory(name="Health care", slug="health")
    detention = TopicFactory(name="Detention", slug="detention")
    for title, topic in (("Clinics stay open", health), ("Detention report", detention)):
        make_story(sites.coalition_press, title, category=sites.statement, topics=[topic])
    smtp.inbox.clear()

    # Sign up on the press room for health stories only.
    page.goto(f"{coalition_url}/press/")
    signup = page.locator(".alerts-signup")
    signup.get_by_label("Email address").fill("reporter@example.org")
    signup.get_by_label("Health care").check()
    screenshot(page, "alerts-press-room-signup")
    signup.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    screenshot(page, "alerts-check-inbox")

    # The confirmation email: follow its link, press the button.
    [confirmation] = smtp.inbox.to("reporter@example.org")
    link = CONFIRM_LINK.search(text_part(confirmation)).group(0)
    assert link.startswith(f"{coalition_url}/alerts/confirm/")
    page.goto(link)
    page.get_by_role("button", name="Yes, send me alerts").click()
    expect(page.get_by_role("heading", name="You are subscribed")).to_be_visible()
    expect(page.locator("main")).to_contain_text("about Health care")
    screenshot(page, "alerts-confirmed")

    # A health story goes live (and one about something else): one alert, for the health one.
    smtp.inbox.clear()
    make_story(
        sites.coalition_press,
        "Coalition welcomes expanded health coverage",
        date=datetime.date(2026, 11, 2),
        category=sites.statement,
        topics=[health],
        summary="The coalition welcomes the state's decision to expand health coverage.",
    )
    make_story(sites.coalition_press, "Another detention report", category=sites.statement, topics=[detention])
    call_command("send_alerts", verbosity=0)
    [alert] = smtp.inbox.to("reporter@example.org")
    assert alert["Subject"] == "Coalition welcomes expanded health coverage"
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The alert as a mail client shows it; its visible unsubscribe link leads to the site.
    page.goto("about:blank")  # a fresh document, not our site's (whose CSP forbids the email's inline styles)
    page.set_content(html_part(alert))
    expect(page.get_by_role("heading", name="Coalition welcomes expanded health coverage")).to_be_visible()
    screenshot(page, "alerts-email")
    page.get_by_role("link", name="Unsubscribe").click()
    expect(page.get_by_text("Stop the email alerts to reporter@example.org")).to_be_visible()
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    screenshot(page, "alerts-unsubscribed")

    make_story(sites.coalition_press, "A later health story", category=sites.statement, topics=[health])
    call_command("send_alerts", verbosity=0)
    assert len(smtp.inbox.to("reporter@example.org")) == 1
    record_count(request.node.nodeid, smtp.inbox.total)


def test_the_footer_signup_works_at_375px(live_sites, smtp, new_context, screenshot, request):
    _sites, cipc_url, _coalition_url = live_sites
    tab = new_context(viewport={"width": 375, "height": 800}).new_page()
    tab.goto(f"{cipc_url}/")
    footer = tab.locator(".site-footer__alerts")
    footer.get_by_label("Your email address").fill("not an address")
    footer.get_by_role("button", name="Subscribe").click()
    # The browser's own check stops it first; without it the server would answer 400.
    expect(tab).to_have_url(f"{cipc_url}/")
    footer.get_by_label("Your email address").fill("desk@example.org")
    footer.get_by_role("button", name="Subscribe").click()
    expect(tab.get_by_role("heading", name="Check your inbox")).to_be_visible()
    screenshot(tab, "alerts-check-inbox-375")
    [confirmation] = smtp.inbox.to("desk@example.org")
    assert "California Immigrant Policy Center" in confirmation["Subject"]
    record_count(request.node.nodeid, smtp.inbox.total)


def test_a_moderator_sees_the_rooms_subscribers_and_holds_a_storys_alerts(live_sites, smtp, page, screenshot, request):
    sites, cipc_url, _coalition_url = live_sites
    team_members(sites)
    for email in ("one@example.org", "two@example.org"):
        Subscription.objects.create(press_room=sites.coalition_press, email=email, confirmed_at=timezone.now())
    Subscription.objects.create(press_room=sites.coalition_press, email="pending@example.org")
    Subscription.objects.create(press_room=sites.cipc_press, email="cipc@example.org", confirmed_at=timezone.now())
    story = make_story(sites.coalition_press, "Correction to our statement", category=sites.statement)

    log_in(page, cipc_url, "iceout-moderator")
    page.goto(f"{cipc_url}/admin/alerts/")
    row = page.get_by_role("row", name=re.compile("ICE Out of California: Press room"))
    expect(row.get_by_role("cell").nth(1)).to_have_text("2")  # subscribed
    expect(row.get_by_role("cell").nth(2)).to_have_text("1")  # awaiting confirmation
    expect(page.get_by_text("CIPC: Press room")).to_have_count(0)  # another site's room
    expect(page.get_by_role("link", name="Correction to our statement")).to_be_visible()
    screenshot(page, "alerts-admin-index")

    page.get_by_role("link", name="Correction to our statement").click()
    expect(page.get_by_text("Alerts for this story: 0 sent, 2 waiting")).to_be_visible()
    page.get_by_role("button", name="Hold the alerts").click()
    expect(page.get_by_text(re.compile("Held by"))).to_be_visible()
    screenshot(page, "alerts-admin-held")
    call_command("send_alerts", verbosity=0)
    assert smtp.inbox.messages == []
    page.get_by_role("button", name="Release the alerts").click()
    call_command("send_alerts", verbosity=0)
    assert sorted(message["To"] for message in smtp.inbox.messages) == ["one@example.org", "two@example.org"]
    assert all(message["Subject"] == story.title for message in smtp.inbox.messages)
    record_count(request.node.nodeid, smtp.inbox.total)
