"""Wagtail frontend-cache backend for our Varnish (deploy/varnish/default.vcl)."""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest

logger = logging.getLogger("wagtail.frontendcache")


class VarnishBackend(HTTPBackend):
    """Purges one address (Wagtail's ``purge_url_from_cache``) or, with ``purge_keys``, every
    address filed under some surrogate keys: softly (the VCL's ``xkey-softpurge`` header: the
    old copy is served while the new one is fetched) or at once (``xkey-purge``: the next
    visitor waits for the new one), both in one request.

    Settings: ``LOCATION``, Varnish's address; ``TIMEOUT``, seconds to wait for it (default 2),
    so an unreachable Varnish delays an editor's save by at most that, never fails it."""

    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", 2))
        super().__init__(params)

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        target = urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, ""])
        self._send(target, {"Host": host}, url)

    def purge_keys(self, keys, soft=()):
        """Purge ``keys`` at once and ``soft`` softly (a key in both: at once)."""
        keys, soft = set(keys), set(soft) - set(keys)
        target = urlunsplit([self.cache_scheme, self.cache_netloc, "/", "", ""])
        headers = {name: " ".join(sorted(names)) for name, names in [("xkey-purge", keys), ("xkey-softpurge", soft)]}
        headers = {name: value for name, value in headers.items() if value}
        what = " ".join(sorted(keys | soft))
        self._send(target, headers, f"keys {what}")

    def _send(self, target, headers, what):
        request = PurgeRequest(url=target, headers={**headers, "User-Agent": f"Wagtail-frontendcache/{__version__}"})
        try:
            with urlopen(request, timeout=self.timeout):  # noqa: S310 (the configured Varnish)
                logger.info("Purged %s from %s", what, self.cache_netloc)
        except HTTPError as error:
            logger.error("Couldn't purge %s from %s: HTTP %d %s", what, self.cache_netloc, error.code, error.reason)
        except (URLError, OSError) as error:
            logger.error("Couldn't purge %s from %s: %s", what, self.cache_netloc, getattr(error, "reason", error))
