"""A real Varnish (the repository's VCL) in front of pytest-django's live server.

One varnishd per test session, on a free loopback port; each test starts with an empty cache
and the app's purges pointed at it. Missing varnishd fails the tests: it is a dependency of
the suite (.ci/run installs it), not an optional extra."""

import http.client
import time
from dataclasses import dataclass

import pytest

from harness.varnish import Varnish
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str

    @property
    def cache(self):
        """HIT, MISS or PASS, as Varnish's VCL reports it."""
        return self.headers.get("X-Cache")


class ThroughVarnish:
    """Requests as a visitor's browser would send them, to Varnish's port."""

    def __init__(self, server):
        self.server = server

    def request(self, method, path, host=CIPC_HOST, cookies=None, headers=None, source_address=None, body=None):
        connection = http.client.HTTPConnection(
            self.server.host, self.server.port, timeout=30, source_address=source_address
        )
        all_headers = {"Host": host, **(headers or {})}
        if cookies:
            all_headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read().decode("utf-8", "replace"))
        finally:
            connection.close()

    def get(self, path, host=CIPC_HOST, **kwargs):
        return self.request("GET", path, host, **kwargs)

    def fresh(self, path, host=CIPC_HOST, attempts=100, **kwargs):
        """The answer once Varnish holds the current page. An address purged softly (after a
        publish) is first served as it was (``X-Cache: STALE``) while Varnish fetches the new
        copy in the background; the fetch must land within ``attempts`` requests (about 2 s),
        after which nobody gets the old copy."""
        for _attempt in range(attempts):
            answer = self.get(path, host, **kwargs)
            if answer.cache != "STALE":
                return answer
            time.sleep(0.02)
        raise AssertionError(f"{host}{path} still served stale after {attempts} requests")

    def purge_everything(self):
        answer = self.request("PURGE", "/", headers={"xkey-purge": "all"})
        assert answer.status == 200, answer.text


@pytest.fixture(scope="session")
def varnish_server(live_server):
    port = int(live_server.url.rsplit(":", 1)[1])
    server = Varnish([("127.0.0.1", port)], storage="malloc,32m").start()
    yield server
    server.stop()


@pytest.fixture
def varnish(varnish_server, transactional_db, settings):
    """Varnish with an empty cache, and the app purging it."""
    through = ThroughVarnish(varnish_server)
    through.purge_everything()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "frontcache.backends.VarnishBackend", "LOCATION": varnish_server.url}
    }
    return through


@pytest.fixture
def cached_sites(varnish, varnish_server):
    """Both press-room sites, at the addresses visitors reach through Varnish."""
    return build_press_sites(port=varnish_server.port)


__all__ = ["CIPC_HOST", "COALITION_HOST", "cached_sites", "varnish", "varnish_server"]
