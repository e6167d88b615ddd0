"""A moderator in a real browser sends a story under embargo to a media list, from the story's
⋮ menu; the scheduler's send_releases hands one message per reporter to the SMTP server on
127.0.0.1, headed "EMBARGOED UNTIL", with the unsubscribe headers; the send's page counts them;
a reporter's personal link shows the draft. Screenshots at 1280 and 375 px."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from medialists.models import MediaContact, MediaList, Suppression
from tests.editing.test_moderation_in_browser import log_in
from tests.editors import team_members
from tests.mail import html_part, record_count, text_part
from tests.sending.stories import help_line_story

pytestmark = pytest.mark.browser


def test_a_moderator_sends_a_release_under_embargo_to_a_media_list(
    live_sites, smtp, page, new_context, screenshot, request
):
    sites, cipc_url, coalition_url = live_sites
    team_members(sites)

    story = help_line_story(sites, dateline="Sample City, CA")
    story.unpublish()
    story.refresh_from_db()
    story.go_live_at = timezone.now() + timedelta(days=2)
    story.save_revision()
    site = sites.coalition_site
    reporters = MediaList.objects.create(site=site, name="Sample courts reporters")
    for name, email in (("Riley Sample", "riley@example.org"), ("Morgan Placeholder", "morgan@example.net")):
        reporters.contacts.add(MediaContact.objects.create(site=site, name=name, email=email, outlet="Example Daily"))
    reporters.contacts.add(
        MediaContact.objects.create(
            site=site,
            name="Gone Sample",
            email="gone@example.org",
            suppressed_reason=Suppression.UNSUBSCRIBED,
            suppressed_at=timezone.now(),
        )
    )
    MediaList.objects.create(site=sites.cipc_site, name="CIPC's own list")

    log_in(page, cipc_url, "iceout-moderator")
    page.goto(f"{cipc_url}/admin/media-lists/contacts/")
    expect(page.get_by_text("Not emailed: Unsubscribed on")).to_be_visible()
    screenshot(page, "releases-media-contacts")

    page.goto(f"{cipc_url}/admin/pages/{story.pk}/edit/")
    menu_item = page.get_by_role("link", name="Send to media lists")
    if not menu_item.is_visible():
        page.get_by_role("button", name=re.compile("^(Actions|More actions)$")).first.click()
    menu_item.click()
    expect(page.get_by_role("heading", name=re.compile("Send to media lists"))).to_be_visible()
    expect(page.get_by_text("CIPC's own list")).to_have_count(0)  # another site's list
    page.get_by_label("Sample courts reporters").check()
    page.get_by_label("now, under embargo until the story goes live").check()
    screenshot(page, "releases-send-form")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_text("Release recorded for 3 recipients (1 not emailed)")).to_be_visible()

    call_command("send_releases", verbosity=0)
    page.reload()
    numbers = page.locator("#send-numbers")
    expect(numbers.locator("td").nth(1)).to_have_text("2")  # sent
    expect(numbers.locator("th").nth(1)).to_have_text("Sent")
    screenshot(page, "releases-send-report")

    received = {recipients[0]: message for recipients, message in smtp.inbox.received}
    assert sorted(received) == ["morgan@example.net", "riley@example.org"]
    message = received["riley@example.org"]
    assert message["To"] == "riley@example.org"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].strip().startswith(f"<{coalition_url}/releases/unsubscribe/")
    text = text_part(message)
    assert text.startswith("EMBARGOED UNTIL ")
    assert "Every sample family deserves a lawyer." in text

    # The email as a mail client shows it, at 1280 and 375 px.
    page.goto("about:blank")  # a fresh document: our site's CSP forbids the email's inline styles
    page.set_content(html_part(message))
    expect(page.get_by_text(re.compile("^Embargoed until", re.I))).to_be_visible()
    screenshot(page, "releases-email")
    narrow = new_context(viewport={"width": 375, "height": 800}).new_page()
    narrow.set_content(html_part(message))
    screenshot(narrow, "releases-email-375")

    # Its unsubscribe link, on a phone: a page that asks first, then says it is done.
    narrow.get_by_role("link", name="Unsubscribe").click()
    question = "Stop the press releases ICE Out of California sends to riley@example.org?"
    expect(narrow.get_by_text(question)).to_be_visible()
    screenshot(narrow, "releases-unsubscribe-375")
    narrow.get_by_role("button", name="Unsubscribe").click()
    expect(narrow.get_by_role("heading", name="Unsubscribed")).to_be_visible()
    assert MediaContact.objects.get(email="riley@example.org").suppressed_reason == Suppression.UNSUBSCRIBED

    # The reporter's personal link shows the draft, under the embargo banner.
    link = re.search(r"http://\S+/embargoed/[A-Za-z0-9_-]{43}/", text).group(0)
    assert urlsplit(link).hostname == urlsplit(coalition_url).hostname
    page.goto(link)
    expect(page.get_by_text("Every sample family deserves a lawyer.")).to_be_visible()
    record_count(request.node.nodeid, smtp.inbox.total)
