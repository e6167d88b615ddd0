"""Sign-in and password reset are throttled; the locked-out person is told when to come back."""

import os
from io import StringIO
from unittest import mock

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

LOGIN = "/admin/login/"
RESET = "/admin/password_reset/"
PASSWORD = "a long test password"


class SignInLockoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_user(
            username="iceout-editor", email="iceout-editor@example.org", password=PASSWORD, is_superuser=True
        )

    def sign_in(self, password, username="iceout-editor", address="203.0.113.7", **headers):
        return self.client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)

    def test_five_failures_from_one_address_lock_the_user_out_even_with_the_right_password(self):
        for _ in range(4):
            response = self.sign_in("wrong password")
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "Your username and password didn&#x27;t match")
        locked = self.sign_in("wrong password")
        self.assertEqual(locked.status_code, 429)
        self.assertContains(locked, "Sign-in paused after too many attempts", status_code=429)
        self.assertContains(locked, "paused for 15 minutes", status_code=429)
        self.assertContains(locked, "You can try again after", status_code=429)
        self.assertContains(locked, "Ask a press room administrator", status_code=429)
        self.assertEqual(locked["Retry-After"], "900")

        right = self.sign_in(PASSWORD)
        self.assertEqual(right.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertEqual(self.client.get("/admin/pages/").status_code, 302)

    def test_failures_from_rotating_addresses_lock_the_user_name(self):
        for n in range(5):
            self.sign_in("wrong password", address=f"198.51.100.{n + 1}")
        response = self.sign_in(PASSWORD, address="192.0.2.200")
        self.assertContains(response, "Sign-in paused", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_an_address_that_fails_for_many_user_names_is_locked_for_everyone(self):
        for n in range(5):
            self.sign_in("wrong password", username=f"guess-{n}")
        response = self.sign_in(PASSWORD)
        self.assertContains(response, "Sign-in paused", status_code=429)
        # Another address is not affected by that address's guesses.
        self.assertRedirects(self.sign_in(PASSWORD, address="192.0.2.10"), "/admin/", fetch_redirect_response=False)

    def test_a_forged_x_forwarded_for_does_not_escape_the_lockout(self):
        for n in range(5):
            self.sign_in("wrong password", username=f"guess-{n}", HTTP_X_FORWARDED_FOR=f"10.0.0.{n + 1}")
        response = self.sign_in(PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.9")
        self.assertContains(response, "Sign-in paused", status_code=429)

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_behind_one_proxy_only_the_entry_the_proxy_wrote_counts(self):
        # The proxy (REMOTE_ADDR 10.0.0.2) appends the real client; what the client put first is ignored.
        for n in range(5):
            self.sign_in(
                "wrong password",
                username=f"guess-{n}",
                address="10.0.0.2",
                HTTP_X_FORWARDED_FOR=f"172.16.0.{n + 1}, 203.0.113.7",
            )
        forged = self.sign_in(PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="172.16.9.9, 203.0.113.7")
        self.assertContains(forged, "Sign-in paused", status_code=429)
        # A different real client behind the same proxy signs in.
        other = self.sign_in(PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.50")
        self.assertRedirects(other, "/admin/", fetch_redirect_response=False)

    def test_the_admin_unlocks_a_user_name_with_axes_reset_username(self):
        for _ in range(5):
            self.sign_in("wrong password", address=f"198.51.100.{_ + 1}")
        self.assertEqual(self.sign_in(PASSWORD, address="192.0.2.1").status_code, 429)
        call_command("axes_reset_username", "iceout-editor", stdout=StringIO())
        self.assertRedirects(self.sign_in(PASSWORD, address="192.0.2.1"), "/admin/", fetch_redirect_response=False)

    @override_settings(AXES_FAILURE_LIMIT=3, AXES_COOLOFF_MINUTES=30)
    def test_limit_and_pause_come_from_settings(self):
        from datetime import timedelta

        with override_settings(AXES_COOLOFF_TIME=timedelta(minutes=30)):
            self.sign_in("wrong password")
            self.sign_in("wrong password")
            response = self.sign_in("wrong password")
        self.assertContains(response, "paused for 30 minutes", status_code=429)

    def test_a_successful_sign_in_clears_earlier_failures(self):
        for _ in range(4):
            self.sign_in("wrong password")
        self.assertRedirects(self.sign_in(PASSWORD), "/admin/", fetch_redirect_response=False)
        self.client.logout()
        for _ in range(4):
            self.assertEqual(self.sign_in("wrong password").status_code, 200)


class PasswordResetLimitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        for name in ("editor-one", "editor-two", "editor-three"):
            get_user_model().objects.create_user(username=name, email=f"{name}@example.org", password=PASSWORD)

    def ask(self, email, address="203.0.113.7"):
        return self.client.post(RESET, {"email": email}, REMOTE_ADDR=address)

    def test_three_requests_per_email_then_a_429_and_no_email(self):
        for _ in range(3):
            self.assertRedirects(
                self.ask("editor-one@example.org", address=f"198.51.100.{_ + 1}"), "/admin/password_reset/done/"
            )
        self.assertEqual(len(mail.outbox), 3)
        refused = self.ask("editor-one@example.org", address="192.0.2.99")
        self.assertEqual(refused.status_code, 429)
        self.assertContains(refused, "Too many password reset requests", status_code=429)
        self.assertContains(refused, "no email was sent", status_code=429)
        self.assertContains(refused, "try again in", status_code=429)
        self.assertTrue(refused.has_header("Retry-After"))
        self.assertEqual(len(mail.outbox), 3)
        # Another person's reset from elsewhere is not held up.
        self.assertRedirects(self.ask("editor-two@example.org", address="192.0.2.98"), "/admin/password_reset/done/")

    def test_five_requests_per_address_then_a_429_and_no_email(self):
        emails = [f"{name}@example.org" for name in ("editor-one", "editor-two", "editor-three", "nobody", "x")]
        for email in emails:
            self.assertEqual(self.ask(email).status_code, 302)
        sent = len(mail.outbox)
        refused = self.ask("editor-three@example.org", address="203.0.113.7")
        self.assertContains(refused, "Too many password reset requests", status_code=429)
        self.assertEqual(len(mail.outbox), sent)
        forged = self.client.post(
            RESET, {"email": "editor-three@example.org"}, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="10.1.1.1"
        )
        self.assertEqual(forged.status_code, 429)


class WeakPasswordsRefusedByCommandsTests(TestCase):
    def test_ensure_admin_refuses_a_weak_admin_password_and_creates_nobody(self):
        weak = {"ADMIN_USERNAME": "admin", "ADMIN_PASSWORD": "admin"}
        with mock.patch.dict(os.environ, weak), self.assertRaises(CommandError) as raised:
            call_command("ensure_admin", stdout=StringIO())
        self.assertIn("ADMIN_PASSWORD is refused", str(raised.exception))
        self.assertIn("too short", str(raised.exception))
        self.assertFalse(get_user_model().objects.exists())

    def test_ensure_admin_exits_non_zero_from_the_command_line(self):
        import subprocess
        import sys

        from django.db import connection

        # The test database, seen from outside this test's transaction: no users in it.
        database = connection.settings_dict
        env = {
            **os.environ,
            "ADMIN_PASSWORD": "password1234",
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        }
        result = subprocess.run(
            [sys.executable, "manage.py", "ensure_admin"], env=env, capture_output=True, text=True, timeout=120
        )
        self.assertEqual(result.returncode, 1)
        self.assertIn("ADMIN_PASSWORD is refused", result.stderr)
        self.assertIn("too common", result.stderr)

    def test_ensure_admin_accepts_a_strong_password(self):
        with mock.patch.dict(os.environ, {"ADMIN_USERNAME": "admin", "ADMIN_PASSWORD": "plum-orchard-lantern-42"}):
            call_command("ensure_admin", stdout=StringIO())
        self.assertTrue(get_user_model().objects.get(username="admin").check_password("plum-orchard-lantern-42"))

    def test_demo_users_refuse_a_weak_password_and_create_nobody(self):
        from tests.sites import build_press_sites

        build_press_sites()
        for weak in ("12345678901234", "iceout-editor1", "short"):
            with mock.patch.dict(os.environ, {"DEMO_USER_PASSWORD": weak}), self.assertRaises(CommandError) as raised:
                call_command("demo_users", stdout=StringIO())
            self.assertIn("DEMO_USER_PASSWORD is refused", str(raised.exception))
        self.assertFalse(get_user_model().objects.exists())

    def test_demo_users_generate_a_password_the_validators_accept(self):
        from django.contrib.auth.password_validation import validate_password

        from tests.sites import build_press_sites

        build_press_sites()
        out = StringIO()
        with mock.patch.dict(os.environ, {"DEMO_USER_PASSWORD": ""}):
            call_command("demo_users", stdout=out)
        password = out.getvalue().split("with password: ")[1].split()[0]
        user = get_user_model().objects.get(username="cipc-moderator")
        validate_password(password, user=user)
        self.assertTrue(user.check_password(password))
