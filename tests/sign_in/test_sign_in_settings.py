"""Production turns two-factor on for moderators and superusers; every limit comes from the environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "press.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
}
PRINT = (
    "import django; django.setup()\n"
    "from django.conf import settings as s\n"
    "print(s.REQUIRE_2FA_FOR, s.AXES_FAILURE_LIMIT, int(s.AXES_COOLOFF_TIME.total_seconds()), s.TRUSTED_PROXY_COUNT,"
    " s.PASSWORD_RESET_LIMIT_PER_ADDRESS, s.PASSWORD_RESET_LIMIT_PER_EMAIL, sep='|')"
)


def settings_line(module, **env):
    environment = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": module, **env}
    result = subprocess.run(
        [sys.executable, "-c", PRINT], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1].split("|")


class SignInSettingsTests(SimpleTestCase):
    def test_production_defaults(self):
        self.assertEqual(
            settings_line("config.settings.production", **PRODUCTION_ENV),
            ["['superusers', '*moderators']", "5", "900", "0", "5", "3"],
        )

    def test_production_reads_the_environment(self):
        env = {
            **PRODUCTION_ENV,
            "REQUIRE_2FA_FOR": "superusers",
            "AXES_FAILURE_LIMIT": "8",
            "AXES_COOLOFF_MINUTES": "60",
            "TRUSTED_PROXY_COUNT": "1",
            "PASSWORD_RESET_LIMIT_PER_ADDRESS": "10",
            "PASSWORD_RESET_LIMIT_PER_EMAIL": "2",
        }
        self.assertEqual(
            settings_line("config.settings.production", **env), ["['superusers']", "8", "3600", "1", "10", "2"]
        )

    def test_make_run_leaves_two_factor_optional(self):
        self.assertEqual(settings_line("config.settings.dev")[0], "[]")
        self.assertEqual(settings_line("config.settings.dev", REQUIRE_2FA_FOR="superusers")[0], "['superusers']")
