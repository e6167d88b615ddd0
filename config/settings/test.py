"""Tests: base settings on the local PostgreSQL, relaxed only where speed needs it."""

import os
from urllib.parse import urlsplit, urlunsplit

import dj_database_url

from .base import postgres_options, redis_cache
from .relaxed import *  # noqa: F403
from .relaxed import BASE_DIR, CACHES

SECRET_KEY = "test-only-" + os.urandom(16).hex()

DATABASES = {
    "default": postgres_options(
        dj_database_url.parse(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pressroom"))
    )
}

ALLOWED_HOSTS = ["testserver", "localhost", ".localhost", "127.0.0.1"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"

WAGTAILADMIN_BASE_URL = "http://localhost"

# Two-factor sign-in is optional in tests; the tests of it switch it on.
REQUIRE_2FA_FOR = []


def worker_redis_url(url, worker):
    """``url`` for pytest-xdist's worker ``worker`` ("gw0", "gw1"…; "" outside xdist): the
    worker's number added to the database number, so gw0 keeps REDIS_URL's database and gw1
    takes the next. Each test empties its database (FLUSHDB): two workers must never share one."""
    if not worker:
        return url
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0) + int(worker.removeprefix("gw"))
    return urlunsplit(parts._replace(path=f"/{database}"))


# Redis, as production runs it: the same backend, client and options (base.redis_cache), so
# cached pages, query budgets and the alert and password-reset limits are tested on what
# production uses. The tests empty the cache before and after each test (FLUSHDB), so the
# database number must be one nothing else uses (REDIS_URL; by default 9, and with `-n 2`
# also 10: one per xdist worker, see worker_redis_url).
CACHES = {
    **CACHES,
    "default": redis_cache(
        worker_redis_url(
            os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9"), os.environ.get("PYTEST_XDIST_WORKER", "")
        ),
        os.environ.get("CACHE_KEY_PREFIX", "pressroom-test"),
    ),
}
DJANGO_REDIS_IGNORE_EXCEPTIONS = True
