"""The story editor in a real browser: an editor clears the signatories a new coalition story
starts with (all eight members) at once."""

import pytest
from playwright.sync_api import expect

from tests.editing.test_moderation_in_browser import log_in
from tests.editors import team_members
from tests.sites import eight_members

pytestmark = pytest.mark.browser


def test_an_editor_clears_the_prefilled_signatories_at_once(live_sites, page, screenshot):
    sites, cipc_url, _coalition_url = live_sites
    team_members(sites)
    eight_members(sites)
    log_in(page, cipc_url, "iceout-editor")
    page.goto(f"{cipc_url}/admin/pages/add/press/storypage/{sites.coalition_press.pk}/")
    page.locator("#panel-child-content-signatories-section [data-panel-toggle]").first.click()  # starts folded
    rows = page.locator("#id_signatories-FORMS > [data-inline-panel-child]")
    assert rows.count() == 8
    page.get_by_role("button", name="Remove all signatories").click()
    marked = (
        "() => [...document.querySelectorAll('#id_signatories-FORMS input[name$=\"-DELETE\"]')].map((i) => i.value)"
    )
    page.wait_for_function(f"({marked})().every((value) => value === '1')")  # bounded by the page's timeout
    deleted = page.evaluate(marked)
    assert deleted == ["1"] * 8
    # Wagtail hides each removed row with an animation: wait (bounded) until none is shown.
    expect(page.locator("#id_signatories-FORMS > [data-inline-panel-child]:visible")).to_have_count(0)
    screenshot(page, "editor-signatories-cleared")
