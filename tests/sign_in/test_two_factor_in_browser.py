"""In a real browser: a moderator sets up two-factor sign-in from the QR page, then signs in with a code."""

import re
from base64 import b32decode
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import totp

from teams.setup import ensure_all_teams

pytestmark = pytest.mark.browser

PASSWORD = "a long test password"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page):
    assert AXE.exists(), f"{AXE} is missing: run `make node-deps`"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA)
    assert result["passes"], "axe checked nothing"
    return [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


def app_code(secret, drift=0):
    """What an authenticator app shows for the secret typed from the page."""
    key = b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key, drift=drift):06d}"


def sign_in(page, base_url):
    page.context.clear_cookies()
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill("iceout-moderator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_moderator_sets_up_two_factor_and_signs_in_with_a_code(live_sites, page, settings, screenshot):
    settings.REQUIRE_2FA_FOR = ["superusers", "*moderators"]
    sites, base_url, _ = live_sites
    team = next(team for team in ensure_all_teams() if team.site_id == sites.coalition_site.pk)
    moderator = get_user_model().objects.create_user("iceout-moderator", "mod@example.org", PASSWORD)
    moderator.groups.add(team.moderators)

    sign_in(page, base_url)
    page.wait_for_url(re.compile(r"/admin/two-factor/set-up/"))
    assert page.get_by_role("img", name="QR code for your authenticator app").is_visible()
    screenshot(page, "two-factor-set-up")
    assert axe_violations(page) == []
    secret = page.locator("main code").first.inner_text().replace(" ", "")

    page.locator("#id_code").fill(app_code(secret))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.get_by_role("heading", name=re.compile("save your recovery codes")).wait_for()
    screenshot(page, "two-factor-recovery-codes")
    assert axe_violations(page) == []
    assert page.locator(".accounts-recovery-codes li").count() == 10
    page.get_by_role("link", name="I have saved them: continue").click()
    page.wait_for_url(f"{base_url}/admin/")

    sign_in(page, base_url)
    page.wait_for_url(re.compile(r"/admin/two-factor/verify/"))
    assert axe_violations(page) == []
    page.locator("#id_code").fill(app_code(secret, drift=1))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(f"{base_url}/admin/")
    page.goto(f"{base_url}/admin/pages/")
    # The moderator's explorer opens at their own site.
    assert re.search(r"/admin/pages/\d+/$", page.url), page.url
    page.get_by_role("heading", name="ICE Out of California").first.wait_for()
    screenshot(page, "two-factor-signed-in")


def test_the_locked_out_person_is_told_when_to_come_back(live_sites, page, screenshot):
    _, base_url, _ = live_sites
    get_user_model().objects.create_user("iceout-editor", "ed@example.org", PASSWORD)
    page.goto(f"{base_url}/admin/login/")
    for _ in range(5):
        page.get_by_label("Username").fill("iceout-editor")
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
    page.get_by_role("heading", name="Sign-in paused after too many attempts").wait_for()
    assert "You can try again after" in page.inner_text("main")
    screenshot(page, "sign-in-paused")
    assert axe_violations(page) == []
