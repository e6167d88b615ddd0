"""Tests: base settings on the local PostgreSQL, relaxed only where speed needs it."""

import os

import dj_database_url

from .base import redis_cache
from .relaxed import *  # noqa: F403
from .relaxed import BASE_DIR, CACHES

SECRET_KEY = "test-only-" + os.urandom(16).hex()

DATABASES = {
    "default": dj_database_url.parse(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pressroom"))
}

ALLOWED_HOSTS = ["testserver", "localhost", ".localhost", "127.0.0.1"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"

WAGTAILADMIN_BASE_URL = "http://localhost"

# Two-factor sign-in is optional in tests; the tests of it switch it on.
REQUIRE_2FA_FOR = []

# Redis, as production runs it: the same backend, client and options (base.redis_cache), so
# cached pages, query budgets and the alert and password-reset limits are tested on what
# production uses. The tests empty the cache before and after each test (FLUSHDB), so the
# database number must be one nothing else uses (REDIS_URL; by default 9).
CACHES = {
    **CACHES,
    "default": redis_cache(
        os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9"), os.environ.get("CACHE_KEY_PREFIX", "pressroom-test")
    ),
}
DJANGO_REDIS_IGNORE_EXCEPTIONS = True
