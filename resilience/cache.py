"""The Redis cache, made safe to lose: it only ever costs speed, never availability.

A Redis that refuses connections fails fast, but one that accepts them and never answers
used to hold every cache call until the socket gave up, so each page took about a minute.
Three things stop that:

- sub-second connect and read timeouts on every Redis socket (settings: ``redis_cache``);
- a circuit breaker shared by the process's threads: after one failure the cache is skipped
  (a miss for reads, a no-op for writes) and only one call every ``CIRCUIT_RETRY_AFTER``
  seconds tries Redis again, so a page costs at most one timeout, not one per cache call;
- one log line when an outage starts, a reminder every ``CIRCUIT_REMIND_AFTER`` seconds
  while it lasts, and one when the cache is back, instead of a traceback per call.
"""

import functools
import logging
import threading
import time
from urllib.parse import urlsplit

from django_redis.cache import RedisCache
from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

logger = logging.getLogger("resilience.cache")

DEFAULT_RETRY_AFTER = 15.0
DEFAULT_REMIND_AFTER = 600.0


class CacheSkipped(RedisConnectionError):
    """Raised instead of calling Redis while the circuit is open."""


class CacheCircuit:
    """The health of one Redis server as this process sees it."""

    def __init__(self, name, retry_after, remind_after):
        self.name = name
        self.retry_after = retry_after
        self.remind_after = remind_after
        self.down_since = None  # time.time() of the first failure of the current outage
        self.skipped = 0
        self._lock = threading.Lock()
        self._next_try = 0.0
        self._last_logged = 0.0

    @property
    def is_open(self):
        return self.down_since is not None

    def allows_call(self):
        if self.down_since is None:
            return True
        with self._lock:
            now = time.monotonic()
            if now >= self._next_try:
                self._next_try = now + self.retry_after  # one trial at a time, not a stampede
                return True
            self.skipped += 1
            return False

    def record_failure(self, error):
        with self._lock:
            now = time.monotonic()
            self._next_try = now + self.retry_after
            if self.down_since is None:
                self.down_since = time.time()
                self.skipped = 0
                self._last_logged = now
                logger.error(
                    "Cache %s unavailable (%s): pages are served without it; retrying every %g s",
                    self.name,
                    describe(error),
                    self.retry_after,
                )
            elif now - self._last_logged >= self.remind_after:
                self._last_logged = now
                logger.error(
                    "Cache %s still unavailable after %d s (%s); %d cache calls skipped so far",
                    self.name,
                    time.time() - self.down_since,
                    describe(error),
                    self.skipped,
                )

    def record_success(self):
        if self.down_since is None:
            return
        with self._lock:
            if self.down_since is None:
                return
            logger.warning(
                "Cache %s is back after %d s; %d cache calls were skipped meanwhile",
                self.name,
                time.time() - self.down_since,
                self.skipped,
            )
            self.down_since = None


def describe(error):
    cause = error.__cause__ if isinstance(error, ConnectionInterrupted) and error.__cause__ else error
    return f"{type(cause).__name__}: {cause}" if str(cause) else type(cause).__name__


_circuits = {}
_circuits_lock = threading.Lock()


def _without_password(url):
    parts = urlsplit(url)
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()


def circuit_for(server, options):
    """One circuit per server per process: Django builds a cache backend per thread."""
    servers = server if isinstance(server, list | tuple) else str(server).split(",")
    name = ",".join(_without_password(url) for url in servers)
    with _circuits_lock:
        if name not in _circuits:
            _circuits[name] = CacheCircuit(
                name,
                float(options.get("CIRCUIT_RETRY_AFTER", DEFAULT_RETRY_AFTER)),
                float(options.get("CIRCUIT_REMIND_AFTER", DEFAULT_REMIND_AFTER)),
            )
        return _circuits[name]


def _guarded(method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        if not self.circuit.allows_call():
            raise ConnectionInterrupted(connection=None) from CacheSkipped("cache skipped while it is unavailable")
        try:
            result = method(self, *args, **kwargs)
        except ConnectionInterrupted as error:
            self.circuit.record_failure(error)
            raise
        self.circuit.record_success()
        return result

    return call


class ResilientRedisClient(DefaultClient):
    """django-redis's client behind a circuit breaker (``OPTIONS["CLIENT_CLASS"]``)."""

    def __init__(self, server, params, backend):
        super().__init__(server, params, backend)
        self.circuit = circuit_for(server, params.get("OPTIONS", {}))

    def ping(self):
        try:
            return self.get_client(write=False).ping()
        except RedisError as error:
            raise ConnectionInterrupted(connection=None) from error


# Every command the cache backend hands to its client goes through the breaker.
for _name in {*(n for n in vars(RedisCache) if not n.startswith("_")), "get", "ping"} - {"close", "client"}:
    _method = getattr(ResilientRedisClient, _name, None)
    if callable(_method):
        setattr(ResilientRedisClient, _name, _guarded(_method))
