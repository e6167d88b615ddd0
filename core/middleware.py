"""Refuses requests whose headers would be expensive to parse, before anything parses them."""

import logging

from django.conf import settings
from django.http import HttpResponseBadRequest

logger = logging.getLogger("core.request_guard")

# A few session, CSRF and preference cookies are well under 1 KB; browsers cap one cookie at
# 4 KB. Nothing this site sets is quoted with backslashes.
DEFAULT_MAX_COOKIE_BYTES = 8192
DEFAULT_MAX_COOKIE_BACKSLASHES = 64

COOKIE_REFUSED = (
    "Bad request: the Cookie header is too large or malformed.\n"
    "Clear this site's cookies in your browser and try again.\n"
)


class RequestGuardMiddleware:
    """First in MIDDLEWARE: a Cookie header that is too long or full of backslashes gets a 400.

    Python before 3.11.10 unquotes cookie values in quadratic time (CVE-2024-7592): one
    request with many Cookie headers of backslashes (WSGI joins them into one) could hold a
    CPU core for minutes, and no worker timeout stops it. A deployment may run on such a
    Python, so the app refuses the header itself. It reads only the raw header: the session
    and CSRF middleware parse ``request.COOKIES`` later, and must never see it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.max_bytes = getattr(settings, "REQUEST_GUARD_MAX_COOKIE_BYTES", DEFAULT_MAX_COOKIE_BYTES)
        self.max_backslashes = getattr(settings, "REQUEST_GUARD_MAX_COOKIE_BACKSLASHES", DEFAULT_MAX_COOKIE_BACKSLASHES)

    def __call__(self, request):
        cookie = request.META.get("HTTP_COOKIE", "")
        if len(cookie) > self.max_bytes or cookie.count("\\") > self.max_backslashes:
            logger.warning(
                "Refused a Cookie header of %d characters (%d backslashes) for %s",
                len(cookie),
                cookie.count("\\"),
                request.path,
            )
            return HttpResponseBadRequest(COOKIE_REFUSED, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
