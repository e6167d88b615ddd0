"""Tests: base settings on the local PostgreSQL, relaxed only where speed needs it."""

import os

import dj_database_url

from .relaxed import *  # noqa: F403
from .relaxed import BASE_DIR

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
