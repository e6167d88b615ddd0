"""Local development (``make run``): base settings, relaxed.

SQLite unless DATABASE_URL is set, console email, no HTTPS. The secret key is generated
once per checkout into var/ (ignored by git), so no key is ever committed.
"""

import os

from django.core.management.utils import get_random_secret_key

from .relaxed import *  # noqa: F403
from .relaxed import BASE_DIR, DATABASES, env_bool, env_list

DEBUG = True

_secret_file = BASE_DIR / "var" / "dev-secret-key"
SECRET_KEY = os.environ.get("SECRET_KEY") or ""
if not SECRET_KEY:
    _secret_file.parent.mkdir(parents=True, exist_ok=True)
    if not _secret_file.exists():
        _secret_file.write_text(get_random_secret_key())
    SECRET_KEY = _secret_file.read_text().strip()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,.localhost,127.0.0.1,[::1]")

if "default" not in DATABASES:
    DATABASES["default"] = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "var" / "db.sqlite3",
    }

# Quieter than production: page actions are in the admin's history anyway.
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "WARNING")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Links in moderation emails: on the port `make run PORT=…` serves (it exports PORT).
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"http://localhost:{os.environ.get('PORT', '8000')}")

# Two-factor sign-in is optional in `make run` (REQUIRE_2FA_FOR=superusers,*moderators to try it).
REQUIRE_2FA_FOR = env_list("REQUIRE_2FA_FOR", "")

# `make run` loads the demo content: say so on every page (SAMPLE_CONTENT_NOTICE=false to hide).
SAMPLE_CONTENT_NOTICE = env_bool("SAMPLE_CONTENT_NOTICE", True)
