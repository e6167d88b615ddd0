"""Settings shared by every environment, secure by default.

Everything that differs between deployments comes from environment variables
(listed in docs/operators.md). ``dev`` and ``test`` only relax these settings;
``production`` adds the checks that refuse an unsafe start.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from wagtail.embeds import oembed_providers

from .environment import env_bool, env_list  # the other settings modules import them from here too

BASE_DIR = Path(__file__).resolve().parent.parent.parent


DEBUG = False

# No fallback: an environment that forgets SECRET_KEY must not run with a guessable one.
SECRET_KEY = os.environ.get("SECRET_KEY", "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps, core the shared kernel; which may import which: the README's "The house" (tested).
    "core",
    "security",  # security headers (CSP, Permissions-Policy) and the request guards
    "resilience",  # database statement timeout, Redis timeouts and circuit breaker
    "health",  # /healthz/ and /readyz/
    "languages",  # the address's language, the guarded Translate view, compile_translations
    "uploads",  # SVG upload checks, local media served under a policy that runs nothing
    "vcards",  # /contacts/<slug>.vcf
    "press",
    "people",  # spokespeople's pages, /people/<slug>/ (routes of the site root)
    "siteroot",
    "home",
    "coalition",
    "teams",
    "embargo",
    "desk",
    "search",
    "accounts",
    "wordpress",
    "images",
    "presskit",
    "alerts",
    "storymedia",  # a story's media section, release PDF and share card
    "interviews",
    "medialists",  # the teams' media contacts and lists, CSV import and export
    "releases_out",  # sending a story to media lists: now, at go-live or under embargo
    "advisories",  # media advisories: When/Where, .ics, Upcoming, RSVPs
    # Wagtail, then the libraries it and we build on, then Django's own apps: an app's
    # templates and static files win over those of the apps after it.
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",  # the story body's table block
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",  # sign-in throttling (accounts)
    "django_otp",  # two-factor sign-in (accounts)
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # django-csp: installed only for its system checks, which catch settings in the pre-4.0 format.
    "csp",
    # django-anymail: one interface to email providers and their signed webhooks (releases_out).
    "anymail",
    # HTTP caching and purging (Varnish). Last, where it has always been: signal receivers run
    # in the order apps connect them, so its purges follow every other app's publish handlers.
    "frontcache",
]
# (relaxed.py, for development and tests only, adds "demo".)

MIDDLEWARE = [
    # First: refuses pathological Cookie headers before anything parses them (CVE-2024-7592).
    "security.guards.RequestGuardMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (the admin's own under /admin/) and Permissions-Policy.
    "security.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Which pages Varnish may keep. Right under whitenoise, above sessions and CSRF: it must
    # see every cookie they set.
    "frontcache.middleware.SharedCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language is the address's: /es/… is Spanish, every other address English.
    "languages.middleware.URLLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Sends people who must use two-factor sign-in (REQUIRE_2FA_FOR) to set it up.
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Refuses malformed ids and NUL bytes before Wagtail's own views hand them to the ORM.
    "security.guards.WagtailViewInputGuard",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # The admin's form for a new page does not autosave: the page is stored when saved.
    "desk.new_pages.NewPageNotAutosavedMiddleware",
    # WordPress's old /?p=ID short links, 301 to the imported story.
    "wordpress.middleware.WordPressShortLinkMiddleware",
    # Last, as Axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# PostgreSQL in production and tests. DATABASE_URL is required here; dev falls back to SQLite.
DATABASES = {}
if os.environ.get("DATABASE_URL"):
    DATABASES["default"] = dj_database_url.parse(
        os.environ["DATABASE_URL"],
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )

DATABASE_PREPARE_THRESHOLD = os.environ.get("DATABASE_PREPARE_THRESHOLD", "5").strip()
if not DATABASE_PREPARE_THRESHOLD.isdigit():
    raise ImproperlyConfigured("DATABASE_PREPARE_THRESHOLD must be a whole number (default 5; 0 turns it off).")


def postgres_options(database):
    """``database`` (a DATABASES entry) with this project's PostgreSQL options. A database that
    does not answer fails a request (or /readyz/) in seconds, not minutes. Parameters are bound
    on the server, and a query a connection has run DATABASE_PREPARE_THRESHOLD times is kept
    prepared: the pages' queries carry their related rows (``core.rows``), and planning one took
    ten times as long as running it. 0 turns both off (a pooler in transaction mode, such as
    PgBouncer before 1.21, cannot keep prepared statements)."""
    if database.get("ENGINE") != "django.db.backends.postgresql":
        return database
    options = database.setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")))
    if int(DATABASE_PREPARE_THRESHOLD):
        options.setdefault("server_side_binding", True)
        options.setdefault("prepare_threshold", int(DATABASE_PREPARE_THRESHOLD))
    return database


if "default" in DATABASES:
    postgres_options(DATABASES["default"])

# Web requests only (config/wsgi.py turns it on): a query running longer is cancelled and the
# visitor gets a "try again" page (503) instead of a worker held until gunicorn kills it.
# Migrations and management commands are not limited.
DATABASE_STATEMENT_TIMEOUT = os.environ.get("DATABASE_STATEMENT_TIMEOUT", "5s")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------
# Redis is an accelerator only: a Redis that is down or hung must cost speed, never
# availability. Every socket has a sub-second timeout, and resilience.cache's client skips Redis
# (after one failed call) until it answers again, logging once per outage, not per call.
REDIS_SOCKET_TIMEOUT = float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.25"))
REDIS_RETRY_AFTER = float(os.environ.get("REDIS_RETRY_AFTER", "15"))
if not 0 < REDIS_SOCKET_TIMEOUT <= 5:
    # 0 would mean "wait forever" to redis-py: exactly the hang this setting prevents.
    raise ImproperlyConfigured("REDIS_SOCKET_TIMEOUT must be a number of seconds above 0 (default 0.25).")


def redis_cache(url, key_prefix="pressroom"):
    """The cache settings for the Redis at ``url``, with the timeouts and breaker above."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {
            "CLIENT_CLASS": "resilience.cache.ResilientRedisClient",
            "SOCKET_CONNECT_TIMEOUT": REDIS_SOCKET_TIMEOUT,
            "SOCKET_TIMEOUT": REDIS_SOCKET_TIMEOUT,
            # A failed cache call is a miss (or a skipped write), never an error page.
            "IGNORE_EXCEPTIONS": True,
            "CIRCUIT_RETRY_AFTER": REDIS_RETRY_AFTER,
        },
    }


if os.environ.get("REDIS_URL"):
    CACHES = {"default": redis_cache(os.environ["REDIS_URL"], os.environ.get("CACHE_KEY_PREFIX", "pressroom"))}
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Image renditions (Wagtail's "renditions" cache) are kept in each process's memory: Wagtail's
# get_rendition() writes the rendition back to the cache on every call, which with Redis cost
# two round trips per image per page. Safe per process: the key holds the image's file hash
# and focal point, so a replaced file or a moved focal point is a new key, never a stale one.
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",
    "TIMEOUT": 60 * 60,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

# --- Auth -----------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in throttling (django-axes, failures kept in the database). A user name is locked after
# AXES_FAILURE_LIMIT failed sign-ins from any addresses, and so is an address after that many
# failures for any user names; both for AXES_COOLOFF_MINUTES after the last failure.
# `manage.py axes_reset_username NAME` unlocks a person early (see docs/operators.md).
AUTHENTICATION_BACKENDS = [
    "accounts.backends.SignInThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_MINUTES = int(os.environ.get("AXES_COOLOFF_MINUTES", "15"))
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "accounts.client_address.client_ip"
AXES_USERNAME_FORM_FIELD = "username"
# How many proxies of ours stand in front of the app (each appends to X-Forwarded-For).
# 0: the client's address is the socket's, and X-Forwarded-For is ignored, as a client can
# write anything in it. Set it to the real number behind a load balancer, never more.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Password reset requests, per client address and per email address, per hour.
PASSWORD_RESET_LIMIT_PER_ADDRESS = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_ADDRESS", "5"))
PASSWORD_RESET_LIMIT_PER_EMAIL = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_EMAIL", "3"))

# Two-factor sign-in (TOTP apps, with recovery codes). Who must use it: "superusers" and
# group names (shell-style patterns, case-insensitive) — every site's moderators.
# Anybody else may turn it on under Account → Two-factor sign-in.
REQUIRE_2FA_FOR = env_list("REQUIRE_2FA_FOR", "superusers,*moderators")
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "CIPC press rooms")

# --- Internationalisation ---------------------------------------------------------------
# English is the default language, at today's addresses; every other language of LANGUAGES
# lives under its own prefix (/es/…). Adding a language is configuration: add it here and to
# WAGTAIL_CONTENT_LANGUAGES (and SEARCH_LANGUAGE_CONFIGS for its stemming), write its
# locale/<code>/LC_MESSAGES/django.po, then add the locale under Settings → Locales.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Both organisations work in California: dates and embargo times are Pacific.
TIME_ZONE = os.environ.get("TIME_ZONE", "America/Los_Angeles")
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]

MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Media on S3 (or any S3-compatible store) when a bucket is named.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    # django-storages' S3Storage, storing documents as downloads (uploads/storage.py).
    STORAGES["default"] = {"BACKEND": "uploads.storage.MediaStorage"}
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "")
    # Two uploads with the same name must never replace each other's file.
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)
    # Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the instance role.

# Local media is served by the app only when asked (small deployments without S3).
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)

# --- Content-Security-Policy and Permissions-Policy ----------------------------------------
# (django-csp 4). Public pages: scripts only from our own origin (no inline script at all),
# styles from our origin or carrying the response's nonce (the branding colours' <style>),
# images from us and the media store, frames only from the video providers below.
# No nonce for scripts: Varnish serves one response, nonce and all, to every visitor for up
# to an hour, so a nonce could not tell our script from an injected one. JSON-LD is a data
# block, which script-src does not govern. Inline style="" attributes cannot carry a nonce,
# so templates have none.
# The admin (everything under /admin/, live previews included) has its own policy: see
# security/headers.py and docs/operators.md, "Security headers". (The middleware and the csp
# app are in MIDDLEWARE and INSTALLED_APPS above.)

# The only oEmbed providers editors may embed, and so the only frames a page may show.
WAGTAILEMBEDS_FINDERS = [
    {
        "class": "wagtail.embeds.finders.oembed",
        "providers": [oembed_providers.youtube, oembed_providers.vimeo],
    }
]
EMBED_FRAME_ORIGINS = ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"]


def media_origins():
    """Origins that serve uploaded images: the S3 bucket (or its CDN domain), or MEDIA_URL's host."""
    if AWS_STORAGE_BUCKET_NAME:
        if AWS_S3_CUSTOM_DOMAIN:
            return [f"https://{AWS_S3_CUSTOM_DOMAIN}"]
        if AWS_S3_ENDPOINT_URL:
            endpoint = urlsplit(AWS_S3_ENDPOINT_URL)
            # path-style (endpoint/bucket/key) or virtual-hosted (bucket.endpoint/key) URLs
            return [
                f"{endpoint.scheme}://{endpoint.netloc}",
                f"{endpoint.scheme}://{AWS_STORAGE_BUCKET_NAME}.{endpoint.netloc}",
            ]
        regional = (
            [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{AWS_S3_REGION_NAME}.amazonaws.com"] if AWS_S3_REGION_NAME else []
        )
        return [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com", *regional]
    media = urlsplit(MEDIA_URL)
    return [f"{media.scheme}://{media.netloc}"] if media.scheme and media.netloc else []


_csp_report_uri = os.environ.get("CSP_REPORT_URI") or None
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, *media_origins()],
        "media-src": [SELF, *media_origins()],
        "frame-src": EMBED_FRAME_ORIGINS,
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # Wagtail's live preview frames our own pages; nobody else may.
        "frame-ancestors": [SELF],
        "report-uri": _csp_report_uri,
    },
}
# Wagtail 7.4's admin runs inline <script>s (date pickers, inline panels, jQuery modals) and
# inline styles, so its enforced policy allows inline code but still pins every origin: no
# third-party script, style, image or frame, no plugins, no foreign form targets, no framing.
_admin_policy = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:", *media_origins()],
    # the live preview panel frames our pages, whose embeds frame the video providers
    "frame-src": [SELF, *EMBED_FRAME_ORIGINS],
}
ADMIN_CONTENT_SECURITY_POLICY = {"DIRECTIVES": _admin_policy}
# The same without inline code, reported only: what stands between the admin and a strict policy.
ADMIN_CONTENT_SECURITY_POLICY_REPORT_ONLY = {
    "DIRECTIVES": {**_admin_policy, "script-src": [SELF, NONCE], "style-src": [SELF, NONCE]}
}
# Avatars are uploaded, never fetched from Gravatar: no third-party image origin, and editors'
# email addresses (hashed) are not sent to it.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "browsing-topics": [],
    "interest-cohort": [],
    "fullscreen": ["self", *EMBED_FRAME_ORIGINS],
}
# --- end of Content-Security-Policy and Permissions-Policy --------------------------------

# --- Email: the server, and what alerts, interviews, RSVPs and releases send (mail.py) ------
from .mail import *  # noqa: E402, F403

# --- Security -------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
X_FRAME_OPTIONS = "SAMEORIGIN"  # the Wagtail preview panel frames our own pages
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [
    # Subdomains of a coalition's domain may not be ours to force onto HTTPS; preloading
    # is a per-domain decision. Both are switched on by environment variable.
    "security.W005",
    "security.W021",
    # SAMEORIGIN, not DENY: Wagtail's live preview shows our own pages in a frame.
    "security.W019",
]

# --- Wagtail --------------------------------------------------------------------------
# Demo only (`make run`, `make stack`; production never carries the demo): a "Sample content"
# note on every public page; on the fictional site (its root's slug) it says all of it is made up.
SAMPLE_CONTENT_NOTICE = env_bool("SAMPLE_CONTENT_NOTICE", False)
SAMPLE_CONTENT_FICTIONAL_ROOTS = ("example",)

WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "CIPC press rooms")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost")
# Wagtail's database backend, cleaning every query first (core/search.py says why).
# Each language's stories are stemmed with its PostgreSQL text search configuration (English
# keeps the database's default, as before); a new language adds its entry here.
SEARCH_LANGUAGE_CONFIGS = {"es": "spanish"}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "core.search", "LANGUAGE_CONFIGS": SEARCH_LANGUAGE_CONFIGS}}
# SVG: press kits' logos (a document, so it is only ever downloaded, never shown inline).
# Audio and video files are documents too: the story body's audio and video blocks play them.
WAGTAILDOCS_EXTENSIONS = [
    *["csv", "docx", "odt", "pdf", "pptx", "rtf", "svg", "txt", "xlsx", "zip"],
    *["m4a", "mp3", "mp4", "ogg", "wav", "webm"],
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# An SVG document must be a plain drawing, like an SVG image (uploads/forms.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "uploads.forms.DocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
# The most pixels an uploaded image may have (width × height × frames), past which it is a form
# error: a rendition decodes the whole image, some 4 bytes a pixel. 64 million takes a
# 61-megapixel camera's photo; an image too large even to open (a decompression bomb) is refused too.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("WAGTAILIMAGES_MAX_IMAGE_PIXELS", "64000000"))
# Images carry a credit and a licence (the images app), shown wherever they are shown.
WAGTAILIMAGES_IMAGE_MODEL = "images.CreditedImage"
# The largest press kit offered as one "download all" zip (sum of its files), in megabytes.
PRESS_KIT_ARCHIVE_MAX_MB = int(os.environ.get("PRESS_KIT_ARCHIVE_MAX_MB", "200"))
# The WordPress import in the admin (wordpress/views.py): the largest export and zip of
# uploads it takes, in MB; what the zip may unpack to (MB, files); exports (with their zip)
# up to WORDPRESS_IMPORT_INLINE_MAX_MB get their dry run in the upload's request, larger ones
# in the background; a dry run nobody imports has its files deleted after KEEP_DAYS.
WORDPRESS_IMPORT_EXPORT_MAX_MB = int(os.environ.get("WORDPRESS_IMPORT_EXPORT_MAX_MB", "100"))
WORDPRESS_IMPORT_MEDIA_MAX_MB = int(os.environ.get("WORDPRESS_IMPORT_MEDIA_MAX_MB", "1000"))
WORDPRESS_IMPORT_MEDIA_MAX_UNZIPPED_MB = int(os.environ.get("WORDPRESS_IMPORT_MEDIA_MAX_UNZIPPED_MB", "2000"))
WORDPRESS_IMPORT_MEDIA_MAX_FILES = int(os.environ.get("WORDPRESS_IMPORT_MEDIA_MAX_FILES", "20000"))
WORDPRESS_IMPORT_INLINE_MAX_MB = int(os.environ.get("WORDPRESS_IMPORT_INLINE_MAX_MB", "1"))
WORDPRESS_IMPORT_KEEP_DAYS = int(os.environ.get("WORDPRESS_IMPORT_KEEP_DAYS", "7"))
# SVG for logos and icons: checked on upload (uploads/svg.py) and only ever shown through <img>.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "svg", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "uploads.forms.ImageForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
# Nothing an editor saves is lost. Both are Wagtail's defaults, stated so nobody turns them
# off by accident: the editor autosaves a draft revision half a second after typing stops
# (0 would switch it off), and every open editor pings every 10 s so two people on one
# story see each other and are warned before one overwrites the other's newer revision.
WAGTAIL_AUTOSAVE_INTERVAL = 500
WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10_000
# Wagtail's default. While a story is in moderation only its moderators can edit it (the
# approval task locks it for everyone else), so what they approve is what gets published.
# Requiring re-approval after edits would make a moderator's own "Approve" in the editor put
# the story back in the queue instead of publishing it whenever the form counts as changed.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = False
# Submissions are emailed to the moderators of the story's site, not to every superuser.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# Page editor forms are large (StreamFields); Django's default of 1000 fields is too low.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# WordPress import: a post whose content (or excerpt, or title) is longer than this many
# characters is skipped and reported; the parser keeps no more than this of any field, so
# memory stays flat whatever the export holds (one 200 MB post took 5 GB before).
WORDPRESS_MAX_POST_SIZE = int(os.environ.get("WORDPRESS_MAX_POST_SIZE", str(2 * 2**20)))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # One line per background task is noise; failures are still logged.
        "django_tasks": {"level": "WARNING"},
        # WeasyPrint narrates every step of a release PDF (storymedia); its warnings still show.
        "weasyprint.progress": {"level": "WARNING"},
        # Bad Host headers are visitors' mistakes, not ours: keep them out of error reports.
        "django.security.DisallowedHost": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}


def require(setting_name, value):
    """Refuse to start when a required setting is missing."""
    if not value:
        raise ImproperlyConfigured(f"{setting_name} must be set in the environment.")
    return value


# --- HTTP caching and purging (frontcache) ---------------------------------------------
# Anonymous visitors' public pages are kept by Varnish (deploy/varnish/) and purged by
# surrogate key whenever an editor changes what they show (frontcache/).
# (The app and its middleware are in INSTALLED_APPS and MIDDLEWARE above.)
# Browsers keep a page a minute; Varnish an hour, or until a purge (the usual way out).
FRONTEND_CACHE_MAX_AGE = int(os.environ.get("FRONTEND_CACHE_MAX_AGE", "60"))
FRONTEND_CACHE_S_MAXAGE = int(os.environ.get("FRONTEND_CACHE_S_MAXAGE", "3600"))
# The response header naming a page's surrogate keys (Varnish's xkey vmod reads it).
FRONTEND_CACHE_KEY_HEADER = "xkey"
# Where purges go: Varnish address(es), comma-separated, e.g. http://127.0.0.1:8080. Empty: no
# purging (make run, most tests). Purges are sent when a change commits, TIMEOUT at most each.
FRONTEND_CACHE_URLS = env_list("FRONTEND_CACHE_URLS")
WAGTAILFRONTENDCACHE = {
    f"varnish-{number}": {
        "BACKEND": "frontcache.backends.VarnishBackend",
        "LOCATION": url,
        "TIMEOUT": float(os.environ.get("FRONTEND_CACHE_TIMEOUT", "2")),
    }
    for number, url in enumerate(FRONTEND_CACHE_URLS, 1)
}
# --- end of HTTP caching and purging ----------------------------------------------------
