"""A slow or unreachable database costs one request a few seconds, never a worker for minutes:
web requests run under a statement_timeout (migrations and commands do not), a cancelled
query is a 503 "try again" page, and /readyz/ says 503 when the database does not answer."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.db import connection
from django.test import SimpleTestCase, override_settings

from resilience.db import limit_web_statements, stop_limiting_web_statements
from tests.resilience.outage import HungServer

ROOT = Path(__file__).resolve().parents[2]


def this_database_url():
    """The database the tests run on (test_…), which exists: DATABASE_URL may name one that does not."""
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def django_run(code, settings="config.settings.test", **env):
    script = "import django; django.setup()\n" + code
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, "DATABASE_URL": this_database_url(), **env}
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


class StatementTimeoutTests(SimpleTestCase):
    databases = {"default"}

    @override_settings(ROOT_URLCONF="tests.resilience.urls_slow_query", DATABASE_STATEMENT_TIMEOUT="1s")
    def test_a_slow_query_in_a_web_request_is_cut_off_with_a_try_again_page(self):
        limit_web_statements()
        self.addCleanup(connection.close)  # the next test gets a connection without the limit
        self.addCleanup(stop_limiting_web_statements)
        connection.close()  # a fresh connection, as a new worker thread would open
        self.client.raise_request_exception = False

        self.assertContains(self.client.get("/slow/?seconds=0.1"), "finished")
        response = self.client.get("/slow/?seconds=30", HTTP_HOST="localhost")

        # The 30 s query was cancelled (it would have answered "finished"), so the worker is free.
        self.assertNotContains(response, "finished", status_code=503)
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "60")
        self.assertContains(response, "This page is taking too long to load right now.", status_code=503)

    def test_only_the_web_process_is_limited(self):
        show = "from django.db import connection\nc = connection.cursor()\n"
        show += "c.execute('SHOW statement_timeout')\nprint(c.fetchone()[0])\n"
        web = django_run("import config.wsgi\n" + show, DATABASE_STATEMENT_TIMEOUT="2s")
        self.assertEqual(web.stdout.strip(), "2s", web.stderr)
        command = django_run(show, DATABASE_STATEMENT_TIMEOUT="2s")  # manage.py, migrations, scheduler
        self.assertEqual(command.stdout.strip(), "0", command.stderr)

    def test_a_mistyped_timeout_stops_the_web_process_from_starting(self):
        result = django_run("import config.wsgi", DATABASE_STATEMENT_TIMEOUT="five seconds")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("DATABASE_STATEMENT_TIMEOUT must look like 5s", result.stderr)


class ReadinessTests(SimpleTestCase):
    databases = {"default"}

    def test_readyz_is_ok_when_the_database_and_cache_answer(self):
        response = self.client.get("/readyz/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Cache-Control"], "max-age=0, no-cache, no-store, must-revalidate, private")
        report = json.loads(response.content)
        self.assertEqual(report["status"], "ok")
        statuses = {name: check["status"] for name, check in report["checks"].items()}
        self.assertEqual(statuses, {"database": "ok", "cache": "ok"})

    def test_readyz_is_503_within_seconds_when_the_database_hangs_even_behind_https(self):
        # Production settings (HTTPS redirect on): the load balancer probes over plain HTTP.
        code = (
            "from django.test import Client\n"
            "r = Client().get('/readyz/', HTTP_HOST='localhost')\n"
            "print(r.status_code)\n"
            "print(r.content.decode())\n"
        )
        with HungServer() as database:
            result = django_run(
                code,
                settings="config.settings.production",
                SECRET_KEY="readyz-test-" + "x" * 40,
                ALLOWED_HOSTS="localhost",
                DATABASE_URL=f"postgres://postgres@127.0.0.1:{database.port}/pressroom",
                DATABASE_CONNECT_TIMEOUT="1",
            )
        # Without the connect timeout the probe would wait on the hung server past django_run's
        # own 60 s bound and fail; with it (1 s, tried with and without SSL) it answers 503.
        status, body = result.stdout.splitlines()[:2]
        self.assertEqual(status, "503", result.stdout + result.stderr)
        report = json.loads(body)
        self.assertEqual(report["status"], "unavailable")
        self.assertEqual(report["checks"]["database"]["status"], "down")
        self.assertEqual(report["checks"]["cache"]["status"], "ok")

    def test_healthz_stays_plain_and_needs_nothing(self):
        response = self.client.get("/healthz/")
        self.assertEqual((response.status_code, response.content), (200, b"ok"))
