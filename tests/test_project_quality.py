"""The checks a reviewer would run by hand: Django's system checks, migrations in step with
the models, ruff, and the Dockerfile lint."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(*command):
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)


class ProjectQualityTests(SimpleTestCase):
    def test_django_system_checks_pass_with_deploy_checks(self):
        out = StringIO()
        call_command("check", stdout=out)
        self.assertIn("no issues", out.getvalue())

    def test_migrations_match_the_models(self):
        result = run(sys.executable, "manage.py", "makemigrations", "--check", "--dry-run")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_ruff_lint_is_clean(self):
        result = run(str(BIN / "ruff"), "check", "--output-format", "concise", ".")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_ruff_format_is_clean(self):
        result = run(str(BIN / "ruff"), "format", "--check", ".")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_dockerfile_lint_is_clean(self):
        result = run(str(BIN / "hadolint"), "Dockerfile")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_ci_entry_point_is_valid_shell_that_runs_make_test(self):
        result = run("bash", "-n", ".ci/run")
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
        self.assertEqual(lines[-1], "make test")

    def test_dockerfile_runs_as_non_root_without_migrating(self):
        dockerfile = (ROOT / "Dockerfile").read_text()
        self.assertEqual(dockerfile.count("FROM "), 2)  # multi-stage
        self.assertIn("USER 10001", dockerfile)
        self.assertIn("collectstatic", dockerfile)
        start_commands = [line for line in dockerfile.splitlines() if line.startswith(("CMD", "ENTRYPOINT"))]
        self.assertEqual(len(start_commands), 1)
        self.assertIn("gunicorn", start_commands[0])
        self.assertNotIn("migrate", start_commands[0])
