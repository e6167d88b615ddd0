"""In a real browser: a moderator sets up two-factor sign-in from the QR page, then signs in with a code."""

import re
from base64 import b32decode

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import totp

from teams.setup import ensure_all_teams

pytestmark = pytest.mark.browser

PASSWORD = "a long test password"


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
    secret = page.locator("main code").first.inner_text().replace(" ", "")

    page.locator("#id_code").fill(app_code(secret))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.get_by_role("heading", name=re.compile("save your recovery codes")).wait_for()
    assert page.locator(".accounts-recovery-codes li").count() == 10
    page.get_by_role("link", name="I have saved them: continue").click()
    page.wait_for_url(f"{base_url}/admin/")

    sign_in(page, base_url)
    page.wait_for_url(re.compile(r"/admin/two-factor/verify/"))
    page.locator("#id_code").fill(app_code(secret, drift=1))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(f"{base_url}/admin/")
    page.goto(f"{base_url}/admin/pages/")
    # The moderator's explorer opens at their own site.
    assert re.search(r"/admin/pages/\d+/$", page.url), page.url
    page.get_by_role("heading", name="ICE Out of California").first.wait_for()
    screenshot(page, "two-factor-signed-in")
