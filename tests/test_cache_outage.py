"""A hung Redis costs speed, never availability: every public page answers within a second,
the outage is logged once (not per cache call), and /readyz/ reports the cache as down.

Before: with a Redis that accepted connections and never answered, the home page took
about 55 s and the press room about 65 s, /healthz/ stayed green and nothing was logged."""

import json
import shutil
import subprocess
import time

from django.core.cache import caches
from django.test import SimpleTestCase, TestCase, override_settings

from config.settings.base import redis_cache
from tests.factories import block, make_story
from tests.outage import HungServer
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites
from tests.test_request_guard import free_port


def hung_cache(server, **options):
    settings = redis_cache(f"redis://127.0.0.1:{server.port}/5")
    settings["OPTIONS"].update(options)
    return {"default": settings}


class HungRedisTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.story = make_story(
            cls.sites.coalition_press,
            "Coalition sues over detention contracts",
            body=[block("paragraph", "<p>The complaint names the county.</p>")],
        )

    def public_pages(self):
        return [
            (CIPC_HOST, "/"),
            (CIPC_HOST, "/press/"),
            (COALITION_HOST, "/"),
            (COALITION_HOST, "/press/"),
            (COALITION_HOST, self.story.url),
            (COALITION_HOST, "/search/?q=detention"),
            (COALITION_HOST, "/press/feed/"),
        ]

    def get_timed(self, host, path):
        started = time.perf_counter()
        response = self.client.get(path, HTTP_HOST=host)
        return response, time.perf_counter() - started

    def test_every_public_page_answers_within_a_second_and_the_outage_is_logged_once(self):
        with HungServer() as redis, override_settings(CACHES=hung_cache(redis)):
            with self.assertLogs("resilience.cache", level="WARNING") as logs:
                for _ in range(3):
                    for host, path in self.public_pages():
                        with self.subTest(host=host, path=path):
                            response, elapsed = self.get_timed(host, path)
                            self.assertEqual(response.status_code, 200)
                            self.assertLess(elapsed, 1.0)
                self.assertContains(self.client.get(self.story.url, HTTP_HOST=COALITION_HOST), "names the county")
                ready = self.client.get("/readyz/")
            self.assertGreater(len(redis.held), 0)  # Redis was really asked, and hung
        self.assertEqual(len(logs.records), 1, [r.getMessage() for r in logs.records])
        self.assertIn(f"Cache redis://127.0.0.1:{redis.port}/5 unavailable", logs.records[0].getMessage())
        self.assertIn("Timeout", logs.records[0].getMessage())

        self.assertEqual(ready.status_code, 200)
        self.assertEqual(ready["Content-Type"], "application/json")
        report = json.loads(ready.content)
        self.assertEqual(report["status"], "degraded")
        self.assertEqual(report["checks"]["database"]["status"], "ok")
        self.assertEqual(report["checks"]["cache"]["status"], "down")

    def test_readyz_alone_reports_a_hung_cache_within_a_second(self):
        with HungServer() as redis, override_settings(CACHES=hung_cache(redis)):
            response, elapsed = self.get_timed("localhost", "/readyz/")
        self.assertLess(elapsed, 1.0)
        self.assertEqual(json.loads(response.content)["checks"]["cache"]["status"], "down")


REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


class RedisRecoveryTests(TestCase):
    """A real Redis behind a hung connection that recovers: the cache is used again and the
    recovery is logged; an outage and its end are two lines, whatever the traffic."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.redis_port = free_port()
        cls.redis = subprocess.Popen(
            [REDIS_SERVER, "--port", str(cls.redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        cls.addClassCleanup(cls.redis.wait, timeout=10)
        cls.addClassCleanup(cls.redis.terminate)
        time.sleep(0.3)

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()

    def test_the_cache_comes_back_and_the_recovery_is_logged(self):
        with (
            HungServer(forward_to=self.redis_port) as redis,
            override_settings(CACHES=hung_cache(redis, CIRCUIT_RETRY_AFTER=0.3)),
            self.assertLogs("resilience.cache", level="WARNING") as logs,
        ):
            for _ in range(5):
                self.assertEqual(self.client.get("/", HTTP_HOST=CIPC_HOST).status_code, 200)
            self.assertEqual(json.loads(self.client.get("/readyz/").content)["checks"]["cache"]["status"], "down")

            redis.answer()
            time.sleep(0.4)
            report = json.loads(self.client.get("/readyz/").content)
            self.assertEqual(report, {**report, "status": "ok"})
            caches["default"].set("recovered", "yes")
            self.assertEqual(caches["default"].get("recovered"), "yes")
        messages = [record.getMessage() for record in logs.records]
        self.assertEqual(len(messages), 2, messages)
        self.assertIn("unavailable", messages[0])
        self.assertIn("is back after", messages[1])


class RedisSettingsTests(SimpleTestCase):
    def test_a_redis_timeout_of_zero_which_would_wait_forever_refuses_to_start(self):
        from tests.test_database_limits import django_run

        result = django_run("", REDIS_URL="redis://127.0.0.1:6379/5", REDIS_SOCKET_TIMEOUT="0")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("REDIS_SOCKET_TIMEOUT must be a number of seconds above 0", result.stderr)

        result = django_run(
            "from django.conf import settings\nprint(settings.CACHES['default']['OPTIONS'])",
            REDIS_URL="redis://127.0.0.1:6379/5",
        )
        self.assertIn("'SOCKET_CONNECT_TIMEOUT': 0.25, 'SOCKET_TIMEOUT': 0.25", result.stdout, result.stderr)
        self.assertIn("'CLIENT_CLASS': 'resilience.cache.ResilientRedisClient'", result.stdout)
