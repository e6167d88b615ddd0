"""In a real browser: a coalition moderator uploads a real WordPress export (theme-preview.xml),
reads the dry run's report, imports, watches the run finish (the background step is the
command the scheduler calls) and finds the stories in the coalition's press room."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.editing.test_moderation_in_browser import log_in
from tests.editors import team_members
from tests.wordpress.test_admin_import import PREVIEW_TITLES, THEME_PREVIEW

pytestmark = pytest.mark.browser


def test_a_moderator_imports_a_wordpress_export(live_sites, page, screenshot):
    sites, _cipc_url, coalition_url = live_sites
    team_members(sites)
    log_in(page, coalition_url, "iceout-moderator")

    page.goto(f"{coalition_url}/admin/wordpress/")
    page.get_by_role("link", name="ICE Out of California").click()
    page.get_by_label("WordPress export").set_input_files(str(THEME_PREVIEW))
    page.get_by_role("radio", name=re.compile("Import them behind the same password")).check()
    screenshot(page, "wordpress-import-upload")
    page.get_by_role("button", name="Upload and check").click()

    expect(page.get_by_role("heading", name="What the import would do (dry run: nothing was written)")).to_be_visible()
    report = page.locator("table.listing")
    expect(report.get_by_role("row", name="Posts read")).to_contain_text("7")
    expect(report.get_by_role("row", name="Stories created")).to_contain_text("7")
    expect(page.get_by_text("Password-protected posts: import them behind the same password")).to_be_visible()
    screenshot(page, "wordpress-import-dry-run")

    page.get_by_role("button", name="Import into ICE Out of California").click()
    expect(page.locator("#import-status")).to_contain_text("Status: Waiting to import")
    # The scheduler's step, in the test: the page sees the run finish by itself.
    call_command("run_wordpress_imports", verbosity=0)
    expect(page.get_by_role("heading", name="What the import did")).to_be_visible()
    expect(page.locator("#import-status")).to_contain_text("Status: Imported")
    expect(page.locator("table.listing").get_by_role("row", name="Stories created")).to_contain_text("7")
    screenshot(page, "wordpress-import-done")

    page.goto(f"{coalition_url}/press/")
    for title in PREVIEW_TITLES:
        expect(page.get_by_role("link", name=title, exact=True).first).to_be_visible()
