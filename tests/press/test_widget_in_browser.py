"""A member organisation pastes the coalition's widget code (copied from the coalition's home
page) into a page of its own site, on another origin: its visitors see the coalition's newest
statements in the frame, a click opens the story in their window, and nothing sets a cookie."""

import html
import re
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.factories import make_story

pytestmark = pytest.mark.browser

MEMBER_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example member</title></head>
<body><h1>Example Immigrant Rights Network</h1><p>Our coalition's latest statements:</p>{snippet}</body></html>"""


@pytest.fixture
def member_site(tmp_path):
    """A member organisation's own web server, on another origin (127.0.0.1, another port)."""

    def serve(snippet):
        (tmp_path / "index.html").write_text(MEMBER_PAGE.format(snippet=snippet), encoding="utf-8")
        return f"http://127.0.0.1:{server.server_address[1]}/"

    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield serve
    server.shutdown()
    server.server_close()


def test_a_member_site_shows_the_coalitions_latest_statements(live_sites, new_context, screenshot, member_site):
    sites, _cipc_url, coalition_url = live_sites
    for n in range(1, 7):
        make_story(sites.coalition_press, f"Sample coalition statement number {n}", category=sites.statement)
    tab = new_context(viewport={"width": 375, "height": 812}).new_page()
    tab.set_default_timeout(15_000)
    # What a member copies from the coalition's home page.
    tab.goto(coalition_url + "/")
    code = tab.locator(".member-widget__code").inner_text()
    assert code.startswith(f'<iframe src="{coalition_url}/press/widget/?count=5"')
    member_url = member_site(html.unescape(code))

    tab.goto(member_url)
    frame = tab.frame_locator("iframe")
    items = frame.locator("li a")
    items.first.wait_for()
    assert items.count() == 5
    assert items.first.inner_text() == "Sample coalition statement number 6"
    assert frame.get_by_role("heading", name="Latest statements from ICE Out of California").is_visible()
    screenshot(tab, "widget-on-a-member-site-375px")
    tab.set_viewport_size({"width": 1280, "height": 800})
    screenshot(tab, "widget-on-a-member-site-1280px")
    assert tab.context.cookies() == []  # neither site set one

    # A click opens the story in the member's window, not inside the frame.
    items.first.click()
    tab.wait_for_url(re.compile(r".*/press/sample-coalition-statement-number-6/$"))
    assert tab.url.startswith(coalition_url)
    assert tab.get_by_role("heading", level=1).inner_text() == "Sample coalition statement number 6"
