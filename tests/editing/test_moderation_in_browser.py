"""In a real browser: a coalition editor writes a statement and submits it, a moderator approves
it, and it appears in the coalition's press room and, because CIPC signed it, in CIPC's; a
moderator approves from the dashboard, which says how to add a story, and is told so."""

import pytest

from tests.editors import team_members
from tests.factories import SpokespersonFactory, make_story

pytestmark = pytest.mark.browser

TITLE = "Coalition condemns courthouse arrests"


def log_in(page, base_url, username):
    page.context.clear_cookies()
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a long test password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base_url}/admin/")


def choose_action(page, name):
    """Click an action in the editor's footer menu, opening its dropdown if it is folded away."""
    action = page.get_by_role("button", name=name, exact=True)
    if not action.is_visible():
        page.get_by_role("button", name="More actions").click()
    action.click()


def write_statement(page):
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("Arrests at courthouses keep victims and witnesses away.")
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Statement", exact=True).click()
    page.get_by_role("button", name="Choose spokesperson").click()
    page.get_by_role("link", name="Casey Placeholder").click()
    page.locator("[data-contentpath='text'] [contenteditable='true']").first.click()
    page.keyboard.type("Courthouses must be safe for everyone.")


def test_editor_submits_a_statement_and_a_moderator_approves_it(live_sites, page, screenshot):
    sites, cipc_url, coalition_url = live_sites
    team_members(sites)
    SpokespersonFactory(name="Casey Placeholder", title="Executive Director", organization=sites.sample_org)

    # The coalition's editor writes the statement.
    log_in(page, cipc_url, "iceout-editor")
    page.goto(f"{cipc_url}/admin/pages/add/press/storypage/{sites.coalition_press.pk}/")
    write_statement(page)
    # Autosave may be storing the new page in the background: let it finish, then save the
    # draft by hand (as editors do) so the submission goes to the saved page, never a second copy.
    page.wait_for_timeout(1_000)
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url("**/edit/")
    assert page.get_by_text("Courthouses must be safe for everyone.").is_visible()
    screenshot(page, "issue4-editor-writes-statement")

    choose_action(page, "Submit to ICE Out of California moderation")
    page.wait_for_load_state("networkidle")
    screenshot(page, "issue4-editor-submitted")
    assert page.get_by_text("submitted for moderation").first.is_visible()

    # Not public yet.
    response = page.goto(f"{coalition_url}/press/")
    assert TITLE not in page.content()

    # The coalition's moderator finds it waiting and approves it.
    log_in(page, cipc_url, "iceout-moderator")
    assert page.get_by_text("Awaiting your review").is_visible()
    page.get_by_role("link", name=TITLE).first.click()
    page.wait_for_load_state("networkidle")
    screenshot(page, "issue4-moderator-reviews")
    choose_action(page, "Approve and Publish")
    page.wait_for_load_state("networkidle")
    screenshot(page, "issue4-moderator-approved")
    row = page.get_by_role("row").filter(has_text=TITLE)
    assert "live" in row.inner_text().lower()

    # Live on the coalition's press room, with its lead-in written from the spokesperson. A
    # visitor's own browser: the editor's kept the press room it saw before approval (public
    # pages may be kept by browsers for FRONTEND_CACHE_MAX_AGE seconds; a reload refetches).
    page = page.context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    response = page.goto(f"{coalition_url}/press/")
    assert response.status == 200
    page.get_by_role("link", name=TITLE).click()
    assert page.get_by_text(
        "Casey Placeholder, Executive Director of the Example Immigrant Rights Network"
    ).is_visible()
    assert page.get_by_text("Courthouses must be safe for everyone.").is_visible()
    screenshot(page, "issue4-coalition-story")

    # CIPC is one of the coalition's default signatories, so CIPC's press room lists it too.
    page.goto(f"{cipc_url}/press/")
    assert page.get_by_role("link", name=TITLE).is_visible()
    assert page.get_by_text("From ICE Out of California").first.is_visible()
    screenshot(page, "issue4-cipc-press-room")
    page.context.close()


def test_a_moderator_approves_from_the_dashboard_and_is_told_so(live_sites, page, screenshot):
    sites, cipc_url, _coalition_url = live_sites
    users = team_members(sites)
    story = make_story(sites.coalition_press, "Coalition statement awaiting review")
    story.title = "Coalition statement for review"
    story.save_revision(user=users["iceout-editor"])
    story.get_workflow().start(story, users["iceout-editor"])

    log_in(page, cipc_url, "iceout-moderator")
    # The dashboard says how to add a story, for this moderator's own site only.
    panel = page.locator("#add-story-section")
    assert panel.get_by_role("link", name="Add a story to ICE Out of California").is_visible()
    assert panel.get_by_role("link", name="Add story").is_visible()
    assert panel.get_by_text("California Immigrant Policy Center").count() == 0
    screenshot(page, "moderator-dashboard")

    page.get_by_role("button", name="Actions").first.click()
    page.get_by_role("button", name="Approve", exact=True).first.click()
    page.wait_for_load_state("networkidle")
    message = page.get_by_text("“Coalition statement for review” approved and published.")
    message.wait_for()
    assert message.is_visible()
    screenshot(page, "moderator-dashboard-approved")
