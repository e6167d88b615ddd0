"""A moderator in a real browser sends a live story with "Count clicks on links" ticked; a
reporter's click on the email's story link passes through the counting redirect to the story;
the send's page shows the click for that link and in total. Screenshots at 1280 and 375 px."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from medialists.models import MediaContact, MediaList
from releases_out.models import SendLink
from tests.editing.test_moderation_in_browser import log_in
from tests.editors import team_members
from tests.mail import html_part, record_count
from tests.sending.stories import HELP_LINE, help_line_story

pytestmark = pytest.mark.browser


def test_a_moderator_counts_clicks_on_a_send_and_sees_them(live_sites, smtp, page, new_context, screenshot, request):
    sites, cipc_url, coalition_url = live_sites
    team_members(sites)
    story = help_line_story(sites)
    reporters = MediaList.objects.create(site=sites.coalition_site, name="Sample courts reporters")
    reporters.contacts.add(
        MediaContact.objects.create(site=sites.coalition_site, name="Riley Sample", email="riley@example.org")
    )

    log_in(page, cipc_url, "iceout-moderator")
    page.goto(f"{cipc_url}/admin/releases/stories/{story.pk}/")
    page.get_by_label("Sample courts reporters").check()
    page.get_by_label("now (the story is live)").check()
    clicks_box = page.get_by_label("Count clicks on links")
    expect(clicks_box).not_to_be_checked()
    clicks_box.check()
    screenshot(page, "releases-send-form-clicks")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_text("Clicks on links")).to_be_visible()
    call_command("send_releases", verbosity=0)

    [(_recipients, message)] = smtp.inbox.received
    reader = new_context(viewport={"width": 375, "height": 800}).new_page()
    reader.set_content(html_part(message))
    story_link = reader.get_by_role("link", name="The story, with its pictures and documents")
    assert re.match(rf"{re.escape(coalition_url)}/releases/click/[^/]+/$", story_link.get_attribute("href"))
    story_link.click()
    expect(reader.get_by_role("heading", name=HELP_LINE)).to_be_visible()
    assert reader.url == f"{coalition_url}/press/{story.slug}/"
    assert SendLink.objects.get(kind="story").clicks == 1

    page.reload()
    table = page.locator("#send-clicks")
    expect(table.get_by_role("row", name=re.compile("^The story "))).to_contain_text("1")
    expect(table.get_by_role("row", name=re.compile("^The release as a PDF "))).to_contain_text("0")
    expect(table.get_by_role("row", name="Total 1")).to_be_visible()
    screenshot(page, "releases-send-clicks")
    narrow = new_context(viewport={"width": 375, "height": 800}).new_page()
    log_in(narrow, cipc_url, "iceout-moderator")
    narrow.goto(page.url)
    expect(narrow.locator("#send-clicks")).to_be_visible()
    screenshot(narrow, "releases-send-clicks-375")
    record_count(request.node.nodeid, smtp.inbox.total)
