import os
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django_redis import get_redis_connection
from redis.exceptions import RedisError

from tests.mail import SmtpServer
from tests.runlog import RunLog
from tests.servers import MotoS3Server
from tests.varnish import cached_sites, varnish, varnish_server  # noqa: F401 (fixtures)

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# inside one unless told it is safe. It is here: the test drives the browser, and the
# live server handles requests in its own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    # Both demo hostnames are loopback; say so rather than rely on the resolver.
    "--host-resolver-rules=MAP localhost 127.0.0.1, MAP *.localhost 127.0.0.1",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


# The fast lane (`make test-fast`: -m "not browser and not servers and not slow") leaves out
# what these mark.
SERVER_FIXTURES = {"live_server", "live_sites", "varnish", "varnish_server", "cached_sites"}


def _starts_processes(module):
    """A module that imports subprocess or holds an S3 server starts a server (gunicorn, moto,
    redis-server), Java's HTML checker or a fresh Django: seconds each, so out of the fast lane."""
    return any(value is subprocess or isinstance(value, MotoS3Server) for value in vars(module).values())


# Also out of the fast lane, though in-process: the sweeps over every address, parameter or
# team endpoint, and the tests whose set-up loads the whole demo, imports the real WordPress
# exports or builds fifty stories. Together they were two thirds of the lane's time (a run's
# --durations); `make test` runs them all.
SLOW_TESTS = (
    "tests/security/test_malformed_requests.py",
    "tests/teams/test_team_permissions.py",
    "tests/harness/test_bench_press.py",
    "tests/caching/test_query_budget.py",
    "tests/people/test_person_page_queries.py",
    "tests/demo/test_demo_honesty.py",
    "tests/demo/test_demo_loader.py",
    "tests/wordpress/test_real_exports.py",
    "tests/wordpress/test_block_editor.py::ThemeTestDataTests",
    "tests/editing/test_desk.py::DeskQueryParameterTests",
    "tests/press/test_listing.py::BadInputTests",
    "tests/alerts/test_alert_bad_input.py::BadInputTests",
    "tests/branding/test_branding.py::DemoLookTests",
)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.nodeid.startswith(SLOW_TESTS):
            item.add_marker(pytest.mark.slow)
        fixtures = set(getattr(item, "fixturenames", ()))
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if fixtures & SERVER_FIXTURES or (item.module is not None and _starts_processes(item.module)):
            item.add_marker(pytest.mark.servers)


@pytest.fixture(scope="session", autouse=True)
def _redis_answers():
    """The suite runs on Redis (config.settings.test). The cache ignores a lost Redis, as
    production does, so without this check a missing server would quietly test no cache."""
    location = settings.CACHES["default"]["LOCATION"]
    try:
        get_redis_connection("default").ping()
    except RedisError as error:
        pytest.fail(f"Redis at {location} does not answer ({error}): start redis-server (.ci/run does)", False)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Wagtail caches site root paths; each test builds its own sites. On Redis this is a
    # FLUSHDB of the tests' own database (REDIS_URL's number, 9 by default; under xdist that
    # number plus the worker's, config.settings.test.worker_redis_url).
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium, driven by Playwright. Missing Chromium is a failure, not a skip."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# Runs first in every document and frame of a watched context: each CSP violation goes to
# Python through an exposed function, so none is lost when the page navigates away.
CSP_LISTENER = """
window.addEventListener("securitypolicyviolation", (event) => {
    window.__recordCspViolation({
        page: document.location.href,
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        disposition: event.disposition,
        source: `${event.sourceFile}:${event.lineNumber}`,
        sample: event.sample,
    });
}, true);
"""


class CspViolations:
    """The Content-Security-Policy violations a browser context met.

    ``events`` are the pages' ``securitypolicyviolation`` events (with the directive broken
    and what it blocked); ``messages`` are Chromium's console lines about the policy, which
    also arrive when JavaScript is off. ``enforced`` were blocked; ``reported`` were allowed
    by a report-only policy and only reported."""

    def __init__(self, context):
        self.events = []
        self.messages = []
        context.expose_function("__recordCspViolation", self._event)
        context.add_init_script(script=CSP_LISTENER)
        context.on("console", self._console)

    def _event(self, event):
        self.events.append(event)

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.messages.append(message.text)

    @property
    def enforced(self):
        return [e for e in self.events if e["disposition"] == "enforce"] + [
            m for m in self.messages if "report-only" not in m
        ]

    @property
    def reported(self):
        return [e for e in self.events if e["disposition"] == "report"]


@pytest.fixture(scope="session")
def csp_log():
    """test-artifacts/csp-violations.tsv, started afresh by each test run (one file for all workers)."""
    return RunLog(
        ARTIFACTS / "csp-violations.tsv", "test\tenforced events\treport-only events\tconsole lines\n"
    ).start()


def _record_csp_counts(log, test_id, violations):
    """One line per test: its violations enforced and reported, then each event."""
    enforced = sum(e["disposition"] == "enforce" for e in violations.events)
    lines = [f"{test_id}\t{enforced}\t{len(violations.reported)}\t{len(violations.messages)}\n"]
    lines += [f"\t{event}\n" for event in violations.events]
    lines += [f"\t\t{message}\n" for message in violations.messages]
    log.write("".join(lines))


@pytest.fixture
def new_context(browser, request, csp_log):
    """``browser.new_context(**options)``, watched: the test fails on any CSP violation."""
    watched = []

    def make(**options):
        context = browser.new_context(**options)
        watched.append((context, CspViolations(context)))
        return context

    yield make
    for context, violations in watched:
        for tab in context.pages:
            if not tab.is_closed():
                tab.wait_for_timeout(200)  # violation reports are queued tasks: let them arrive
        context.close()
        _record_csp_counts(csp_log, request.node.nodeid, violations)
    enforced = [violation for _context, violations in watched for violation in violations.enforced]
    assert enforced == [], "Content-Security-Policy violations"


@pytest.fixture
def page(new_context):
    context = new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    return tab


@pytest.fixture
def live_sites(live_server, transactional_db):
    """Both sites, answering on the live server's port: returns (sites, cipc_url, coalition_url)."""
    from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites

    port = int(live_server.url.rsplit(":", 1)[1])
    sites = build_press_sites(port=port)
    return sites, f"http://{CIPC_HOST}:{port}", f"http://{COALITION_HOST}:{port}"


@pytest.fixture
def screenshot():
    """Save a full-page screenshot as a test artifact: screenshot(page, "press-room")."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)

    def take(tab, name):
        path = folder / f"{name}.png"
        tab.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def smtp(settings):
    """A real SMTP server on 127.0.0.1 that Django sends to for this test: ``smtp.inbox``."""
    server = SmtpServer().start()
    for name, value in server.settings().items():
        setattr(settings, name, value)
    yield server
    server.stop()
