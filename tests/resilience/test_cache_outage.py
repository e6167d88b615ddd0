"""A hung Redis costs speed, never availability: every public page is served, the first cache
call that hangs opens the circuit so later ones skip Redis instead of waiting for it (a page
costs at most one timeout, not one per cache call), the outage is logged once (not per cache
call), and /readyz/ reports the cache as down.

Before: with a Redis that accepted connections and never answered, the home page took
about 55 s and the press room about 65 s, /healthz/ stayed green and nothing was logged.
What a visitor waits is measured by `make survive`; here the behaviour behind it is counted:
how many calls reached the hung server, how many were skipped."""

import json
import shutil
import subprocess

from django.core.cache import caches
from django.test import SimpleTestCase, TestCase, override_settings

from config.settings.base import redis_cache
from resilience.cache import circuit_for
from tests.factories import block, make_story
from tests.resilience.outage import HungServer
from tests.servers import free_port, wait_until, wait_until_listening
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites

# Long enough that no test lasts it: every call after the first failure must be skipped.
NO_RETRY_DURING_THE_TEST = 3600


def hung_cache(server, **options):
    settings = redis_cache(f"redis://127.0.0.1:{server.port}/5")
    settings["OPTIONS"].update(options)
    return {"default": settings}


def circuit(settings):
    """The breaker the cache client uses for these settings (one per server per process)."""
    return circuit_for(settings["default"]["LOCATION"], settings["default"]["OPTIONS"])


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

    def test_every_public_page_is_served_with_one_call_to_the_hung_redis_and_one_log_line(self):
        with HungServer() as redis:
            settings = hung_cache(redis, CIRCUIT_RETRY_AFTER=NO_RETRY_DURING_THE_TEST)
            with override_settings(CACHES=settings), self.assertLogs("resilience.cache", level="WARNING") as logs:
                for _ in range(3):
                    for host, path in self.public_pages():
                        with self.subTest(host=host, path=path):
                            self.assertEqual(self.client.get(path, HTTP_HOST=host).status_code, 200)
                self.assertContains(self.client.get(self.story.url, HTTP_HOST=COALITION_HOST), "names the county")
                ready = self.client.get("/readyz/")
            # Redis was really asked, and hung, once: the 22 pages and the readiness probe after
            # that first timeout skipped it rather than each waiting for its own.
            self.assertEqual(redis.accepted, 1)
            self.assertTrue(circuit(settings).is_open)
            self.assertGreater(circuit(settings).skipped, 22)
        self.assertEqual(len(logs.records), 1, [r.getMessage() for r in logs.records])
        self.assertIn(f"Cache redis://127.0.0.1:{redis.port}/5 unavailable", logs.records[0].getMessage())
        self.assertIn("Timeout", logs.records[0].getMessage())

        self.assertEqual(ready.status_code, 200)
        self.assertEqual(ready["Content-Type"], "application/json")
        report = json.loads(ready.content)
        self.assertEqual(report["status"], "degraded")
        self.assertEqual(report["checks"]["database"]["status"], "ok")
        self.assertEqual(report["checks"]["cache"]["status"], "down")

    def test_readyz_alone_reports_a_hung_cache_after_one_try_and_then_at_once(self):
        with HungServer() as redis:
            settings = hung_cache(redis, CIRCUIT_RETRY_AFTER=NO_RETRY_DURING_THE_TEST)
            with override_settings(CACHES=settings), self.assertLogs("resilience.cache", level="WARNING"):
                first = self.client.get("/readyz/")
                self.assertEqual(redis.accepted, 1)  # one ping, which timed out: no retries
                second = self.client.get("/readyz/")
                self.assertEqual(redis.accepted, 1)  # the open circuit answers without asking Redis
        for response in (first, second):
            self.assertEqual(response.status_code, 200)
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
        wait_until_listening(cls.redis_port, timeout=10)

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()

    def readiness(self):
        return json.loads(self.client.get("/readyz/").content)["status"]

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
            # The next try comes once CIRCUIT_RETRY_AFTER has passed; until then readyz says down.
            wait_until(lambda: self.readiness() == "ok", "readyz never saw the cache come back", timeout=10)
            caches["default"].set("recovered", "yes")
            self.assertEqual(caches["default"].get("recovered"), "yes")
        messages = [record.getMessage() for record in logs.records]
        self.assertEqual(len(messages), 2, messages)
        self.assertIn("unavailable", messages[0])
        self.assertIn("is back after", messages[1])


class RedisSettingsTests(SimpleTestCase):
    def test_a_redis_timeout_of_zero_which_would_wait_forever_refuses_to_start(self):
        from tests.resilience.test_database_limits import django_run

        result = django_run("", REDIS_URL="redis://127.0.0.1:6379/5", REDIS_SOCKET_TIMEOUT="0")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("REDIS_SOCKET_TIMEOUT must be a number of seconds above 0", result.stderr)

        result = django_run(
            "from django.conf import settings\nprint(settings.CACHES['default']['OPTIONS'])",
            REDIS_URL="redis://127.0.0.1:6379/5",
        )
        self.assertIn("'SOCKET_CONNECT_TIMEOUT': 0.25, 'SOCKET_TIMEOUT': 0.25", result.stdout, result.stderr)
        self.assertIn("'CLIENT_CLASS': 'resilience.cache.ResilientRedisClient'", result.stdout)
