"""Two-factor sign-in: required people set it up before the admin opens; codes are checked for real."""

import re
from base64 import b32encode
from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import TestCase, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "a long test password"
REQUIRED = ["superusers", "*moderators"]
VERIFY = "/admin/two-factor/verify/"
ENROL = "/admin/two-factor/set-up/"


def code_for(device, drift=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def wrong_code_for(device):
    valid = {code_for(device, drift) for drift in range(-3, 4)}
    return next(f"{n:06d}" for n in range(123456, 999999) if f"{n:06d}" not in valid)


@override_settings(REQUIRE_2FA_FOR=REQUIRED)
class TwoFactorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        User = get_user_model()
        access_admin = Permission.objects.get(codename="access_admin")
        moderators = Group.objects.create(name="ICE Out of California moderators")
        editors = Group.objects.create(name="ICE Out of California editors")
        for group in (moderators, editors):
            group.permissions.add(access_admin)
        cls.moderator = User.objects.create_user("iceout-moderator", "mod@example.org", PASSWORD)
        cls.moderator.groups.add(moderators)
        cls.editor = User.objects.create_user("iceout-editor", "ed@example.org", PASSWORD)
        cls.editor.groups.add(editors)
        cls.admin = User.objects.create_superuser("admin", "admin@example.org", PASSWORD)

    def sign_in(self, username):
        response = self.client.post("/admin/login/", {"username": username, "password": PASSWORD})
        self.assertEqual(response.status_code, 302, "the password step should pass")
        return response

    def enrol(self, username="iceout-moderator"):
        """Sign in and set up the app as a person would; returns (device, recovery codes)."""
        self.sign_in(username)
        page = self.client.get(ENROL)
        device = TOTPDevice.objects.get(user__username=username)
        done = self.client.post(ENROL, {"code": code_for(device), "next": "/admin/pages/"})
        self.assertContains(done, "save your recovery codes")
        codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
        return page, device, codes

    def test_a_moderator_without_an_app_cannot_reach_the_admin_before_setting_it_up(self):
        self.sign_in("iceout-moderator")
        for url in ("/admin/", "/admin/pages/", "/admin/users/", "/admin/account/"):
            response = self.client.get(url)
            self.assertRedirects(response, f"{ENROL}?next={url.replace('/', '%2F')}", fetch_redirect_response=False)
        # The pages of the second step load the admin's icons and translations.
        self.assertContains(self.client.get("/admin/sprite/"), "<svg")
        self.assertEqual(self.client.get("/admin/jsi18n/").status_code, 200)
        page = self.client.get(ENROL)
        self.assertContains(page, "Set up two-factor sign-in")
        self.assertContains(page, "needs a second step after the password")
        self.assertContains(page, '<svg role="img" aria-label="QR code for your authenticator app"')

    def test_a_superuser_is_required_too(self):
        self.sign_in("admin")
        self.assertRedirects(
            self.client.get("/admin/pages/"), f"{ENROL}?next=%2Fadmin%2Fpages%2F", fetch_redirect_response=False
        )

    def test_enrolment_shows_the_secret_and_ten_recovery_codes_once_and_opens_the_admin(self):
        page, device, codes = self.enrol()
        secret_in_page = re.search(r"<code>([A-Z2-7 ]+)</code>", page.content.decode()).group(1).replace(" ", "")
        self.assertEqual(secret_in_page, b32encode(device.bin_key).decode().rstrip("="))
        device.refresh_from_db()
        self.assertTrue(device.confirmed)
        self.assertEqual(len(codes), 10)
        self.assertEqual(len(set(codes)), 10)
        self.assertContains(self.client.get("/admin/"), "Dashboard")
        # Shown once: the page that managed it only says how many are left.
        settings_page = self.client.get("/admin/two-factor/")
        self.assertContains(settings_page, "10 left")
        self.assertNotContains(settings_page, codes[0])

    def test_a_wrong_code_at_enrolment_is_refused_and_the_secret_stays(self):
        self.sign_in("iceout-moderator")
        self.client.get(ENROL)
        device = TOTPDevice.objects.get(user=self.moderator)
        response = self.client.post(ENROL, {"code": wrong_code_for(device)})
        self.assertContains(response, "That code is not right")
        self.assertFalse(TOTPDevice.objects.get(pk=device.pk).confirmed)
        self.assertEqual(TOTPDevice.objects.filter(user=self.moderator).count(), 1)
        self.assertRedirects(
            self.client.get("/admin/pages/"), f"{ENROL}?next=%2Fadmin%2Fpages%2F", fetch_redirect_response=False
        )

    def test_signing_in_again_needs_a_code_from_the_app(self):
        _, device, _ = self.enrol()
        self.client.logout()
        self.sign_in("iceout-moderator")
        self.assertRedirects(
            self.client.get("/admin/pages/"), f"{VERIFY}?next=%2Fadmin%2Fpages%2F", fetch_redirect_response=False
        )
        self.assertContains(self.client.get(VERIFY), "Enter your code")
        # The enrolment used this time step's code; the app's next one is accepted.
        response = self.client.post(VERIFY, {"code": code_for(device, drift=1), "next": "/admin/pages/"})
        self.assertRedirects(response, "/admin/pages/", fetch_redirect_response=False)
        self.assertContains(self.client.get("/admin/"), "Dashboard")

    def test_a_wrong_code_is_refused(self):
        _, device, _ = self.enrol()
        self.client.logout()
        self.sign_in("iceout-moderator")
        response = self.client.post(VERIFY, {"code": wrong_code_for(device), "next": "/admin/pages/"})
        self.assertContains(response, "That code is not right")
        self.assertRedirects(
            self.client.get("/admin/pages/"), f"{VERIFY}?next=%2Fadmin%2Fpages%2F", fetch_redirect_response=False
        )

    def test_a_recovery_code_works_once(self):
        _, _, codes = self.enrol()
        self.client.logout()
        self.sign_in("iceout-moderator")
        response = self.client.post(VERIFY, {"code": codes[0].upper(), "next": "/admin/pages/"})
        self.assertRedirects(response, "/admin/pages/", fetch_redirect_response=False)
        self.assertContains(self.client.get("/admin/"), "Dashboard")
        self.assertEqual(StaticToken.objects.filter(device__user=self.moderator).count(), 9)

        self.client.logout()
        self.sign_in("iceout-moderator")
        again = self.client.post(VERIFY, {"code": codes[0], "next": "/admin/pages/"})
        self.assertContains(again, "That code is not right, or has been used")
        self.assertEqual(self.client.get("/admin/pages/").status_code, 302)

    def test_an_editor_without_an_app_signs_in_with_the_password_only(self):
        self.sign_in("iceout-editor")
        self.assertContains(self.client.get("/admin/"), "Dashboard")
        account = self.client.get("/admin/account/")
        self.assertContains(account, "Two-factor sign-in")
        self.assertContains(self.client.get("/admin/two-factor/"), "Set up two-factor sign-in")

    def test_an_editor_may_turn_it_on_and_off_again(self):
        _, device, _ = self.enrol("iceout-editor")
        self.client.logout()
        self.sign_in("iceout-editor")
        self.assertRedirects(
            self.client.get("/admin/pages/"), f"{VERIFY}?next=%2Fadmin%2Fpages%2F", fetch_redirect_response=False
        )
        self.client.post(VERIFY, {"code": code_for(device, drift=1)})
        response = self.client.post("/admin/two-factor/turn-off/", follow=True)
        self.assertContains(response, "Two-factor sign-in is off")
        self.client.logout()
        self.sign_in("iceout-editor")
        self.assertContains(self.client.get("/admin/"), "Dashboard")

    def test_a_moderator_cannot_turn_it_off(self):
        _, _, _ = self.enrol()
        response = self.client.post("/admin/two-factor/turn-off/", follow=True)
        self.assertContains(response, "cannot be turned off")
        self.assertTrue(TOTPDevice.objects.filter(user=self.moderator, confirmed=True).exists())

    def test_the_admin_removes_a_lost_device_with_remove_2fa(self):
        self.enrol()
        self.client.logout()
        out = StringIO()
        call_command("remove_2fa", "iceout-moderator", stdout=out)
        self.assertIn("must set it up again", out.getvalue())
        self.assertFalse(TOTPDevice.objects.filter(user=self.moderator).exists())
        self.sign_in("iceout-moderator")
        self.assertRedirects(
            self.client.get("/admin/pages/"), f"{ENROL}?next=%2Fadmin%2Fpages%2F", fetch_redirect_response=False
        )

    def test_the_next_address_never_leaves_the_site(self):
        _, device, _ = self.enrol()
        self.client.logout()
        self.sign_in("iceout-moderator")
        response = self.client.post(VERIFY, {"code": code_for(device, drift=1), "next": "https://evil.example/"})
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)

    def test_on_the_site_a_half_signed_in_session_counts_as_signed_out(self):
        from tests.sites import CIPC_HOST, build_press_sites

        build_press_sites()
        _, device, _ = self.enrol()
        self.assertContains(self.client.get("/", HTTP_HOST=CIPC_HOST), "wagtail-userbar")
        self.client.logout()
        self.sign_in("iceout-moderator")
        self.assertNotContains(self.client.get("/", HTTP_HOST=CIPC_HOST), "wagtail-userbar")
        self.client.post(VERIFY, {"code": code_for(device, drift=1)})
        self.assertContains(self.client.get("/", HTTP_HOST=CIPC_HOST), "wagtail-userbar")


class TwoFactorOptionalByDefaultInTestsTests(TestCase):
    def test_a_superuser_signs_in_with_the_password_only_when_nothing_is_required(self):
        get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)
        self.client.post("/admin/login/", {"username": "admin", "password": PASSWORD})
        self.assertContains(self.client.get("/admin/"), "Dashboard")
