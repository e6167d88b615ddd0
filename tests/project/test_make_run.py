"""`make run PORT=…`: the links the admin puts in emails (moderation, workflow) lead to the
port the sites are served on, not to 8000."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[2]
SCHEDULER = ".venv/bin/python manage.py run_scheduler"  # $(MANAGE) run_scheduler


class MakeRunPortTests(SimpleTestCase):
    def admin_base_url_under_make_run(self, *make_args, **env):
        """WAGTAILADMIN_BASE_URL as the server `make run` starts would read it: the run recipe's
        own shell line (from a dry run, which runs nothing) up to the server, then the settings."""
        dry_run = subprocess.run(
            ["make", "-n", "run", *make_args], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
        ).stdout
        [line] = [line for line in dry_run.splitlines() if SCHEDULER in line]
        prefix = line[: line.index(SCHEDULER)]  # what the recipe sets before it starts anything
        read = "import django; django.setup(); from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)"
        environment = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "config.settings.dev", **env}
        script = f'{prefix} "{sys.executable}" -c "{read}"'
        result = subprocess.run(
            ["bash", "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout.strip()

    def test_the_admin_links_follow_the_port_make_run_serves_on(self):
        self.assertEqual(self.admin_base_url_under_make_run("PORT=8200"), "http://localhost:8200")
        self.assertEqual(self.admin_base_url_under_make_run(), "http://localhost:8000")

    def test_an_explicit_base_url_still_wins(self):
        url = self.admin_base_url_under_make_run("PORT=8200", WAGTAILADMIN_BASE_URL="https://press.example.org")
        self.assertEqual(url, "https://press.example.org")
