"""What development and tests relax in the base settings (never production): plain HTTP, and
static files served straight from the apps and static/ without collectstatic."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, STORAGES

# The demo content and benchmark commands: for a developer's machine and the tests only.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Nothing is collected, so WhiteNoise serves from the finders alone (and needs no directory).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
