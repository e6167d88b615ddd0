import os
from pathlib import Path

import pytest
from django.core.cache import cache

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


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Wagtail caches site root paths; each test builds its own sites.
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


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


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
