"""Production settings refuse an unsafe start; media goes to S3 when a bucket is named."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.test import SimpleTestCase

from tests.servers import free_port, wait_until_listening

ROOT = Path(__file__).resolve().parents[2]


def django_run(code, **env):
    """Run ``code`` in a fresh interpreter with production settings and only ``env`` set."""
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        **env,
    }
    script = "import django; django.setup()\n" + code
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "press.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
}


class ProductionSettingsTests(SimpleTestCase):
    def test_refuses_to_start_without_a_secret_key(self):
        env = {**PRODUCTION_ENV}
        del env["SECRET_KEY"]
        result = django_run("", **env)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY must be set", result.stderr)

    def test_refuses_to_start_without_allowed_hosts_or_database(self):
        for missing in ("ALLOWED_HOSTS", "DATABASE_URL"):
            with self.subTest(missing=missing):
                env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
                result = django_run("", **env)
                self.assertIn(f"{missing} must be set", result.stderr)

    def test_secure_defaults(self):
        result = django_run(
            "from django.conf import settings as s\n"
            "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
            " s.SECURE_HSTS_SECONDS > 0, s.STORAGES['default']['BACKEND'])",
            **PRODUCTION_ENV,
        )
        self.assertEqual(
            result.stdout.split(),
            ["False", "True", "True", "True", "True", "django.core.files.storage.FileSystemStorage"],
            result.stderr,
        )

    def test_deploy_checks_pass_with_production_settings(self):
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=ROOT,
            env={
                "PATH": os.environ["PATH"],
                "DJANGO_SETTINGS_MODULE": "config.settings.production",
                **PRODUCTION_ENV,
            },
            capture_output=True,
            text=True,
            timeout=60,
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)


class S3MediaStorageTests(SimpleTestCase):
    """Against an S3-compatible server on 127.0.0.1 (moto in server mode)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.port = free_port()
        cls.server = subprocess.Popen(
            [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(cls.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_listening(cls.port, timeout=20)

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=10)
        super().tearDownClass()

    def test_uploads_go_to_the_bucket_and_never_overwrite_each_other(self):
        code = (
            "import boto3\n"
            "from django.core.files.base import ContentFile\n"
            "from django.core.files.storage import storages\n"
            "s = storages['default']\n"
            f"boto3.client('s3', endpoint_url='http://127.0.0.1:{self.port}', region_name='us-east-1')"
            ".create_bucket(Bucket='press-media')\n"
            "a = s.save('images/logo.png', ContentFile(b'first'))\n"
            "b = s.save('images/logo.png', ContentFile(b'second'))\n"
            "print(type(s).__name__, a != b, s.open(a).read().decode(), s.open(b).read().decode())\n"
        )
        result = django_run(
            code,
            **PRODUCTION_ENV,
            AWS_STORAGE_BUCKET_NAME="press-media",
            AWS_S3_ENDPOINT_URL=f"http://127.0.0.1:{self.port}",
            AWS_S3_REGION_NAME="us-east-1",
            AWS_ACCESS_KEY_ID="testing",
            AWS_SECRET_ACCESS_KEY="testing",
        )
        self.assertEqual(result.stdout.split(), ["MediaStorage", "True", "first", "second"], result.stderr)


class InstalledAppsTests(SimpleTestCase):
    def test_production_installs_neither_the_demo_nor_unused_form_pages(self):
        result = django_run(
            "from django.conf import settings; print(sorted(settings.INSTALLED_APPS))", **PRODUCTION_ENV
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("'press'", result.stdout)
        self.assertNotIn("'demo'", result.stdout)
        self.assertNotIn("wagtail.contrib.forms", result.stdout)

    def test_development_and_tests_have_the_demo_commands(self):
        from django.conf import settings

        self.assertIn("demo", settings.INSTALLED_APPS)
