"""Whether a response may be shared between visitors, decided once it is complete, and the
surrogate keys it is filed under."""

import math

from django.conf import settings
from django.utils import timezone
from django.utils.cache import patch_cache_control
from wagtail.models import Site

from frontcache.decorators import shared_view
from frontcache.keys import ALL, page_key, site_key

# Statuses a shared cache may keep. 404s and redirects too: publishing a page at an address,
# or adding a redirect from it, purges the keys they are filed under like any other change.
SHAREABLE_STATUSES = {200, 301, 302, 404, 410}


def served_page(request):
    """The Wagtail page that answered ``request`` (recorded by wagtail_hooks), or None."""
    return getattr(request, "frontcache_page", None)


class SharedCacheMiddleware:
    """Public pages (views marked ``shared_cache``) get ``Cache-Control: public, max-age=…,
    s-maxage=…`` and an ``xkey`` header naming their surrogate keys, when the request is an
    anonymous GET or HEAD and the response sets no cookie: ``all``, the site's key, and what
    the answer shows (a page's own ``get_cache_keys``, else the keys its route is filed under).

    Personal requests and responses get ``private`` instead: a session (a signed-in editor
    sees the user bar; a visitor gave a page password), credentials, or a cookie being set
    (a CSRF token in a form). A view that chose its own Cache-Control keeps it.

    It sits right under whitenoise, above SessionMiddleware and CsrfViewMiddleware: their
    cookies are added on the way out, after the view has returned."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        view = shared_view(request)
        if self.is_personal(request, response):
            patch_cache_control(response, private=True, no_cache=True)
        elif view and request.method in ("GET", "HEAD") and response.status_code in SHAREABLE_STATUSES:
            left = self.seconds_left(response)
            patch_cache_control(
                response,
                public=True,
                max_age=min(settings.FRONTEND_CACHE_MAX_AGE, left),
                s_maxage=min(settings.FRONTEND_CACHE_S_MAXAGE, left),
            )
            response[settings.FRONTEND_CACHE_KEY_HEADER] = " ".join(self.keys(request, response, view))
        return response

    @staticmethod
    def keys(request, response, view):
        """``all``, the site's key, then what the answer shows."""
        site = Site.find_for_request(request)
        if site is None:
            return [ALL]
        page = served_page(request)
        if page is not None:
            # The context the page was rendered with (a TemplateResponse keeps it): the
            # stories and rooms it showed, already loaded.
            context = getattr(response, "context_data", None) or {}
            cache_keys = getattr(page, "get_cache_keys", None)
            shows = cache_keys(context) if cache_keys else {page_key(page.pk)}
        else:
            shows = {key(site.pk) for key in view.frontcache_site_keys}
        return [ALL, site_key(site.pk), *sorted(shows)]

    @staticmethod
    def seconds_left(response):
        """How long the answer stays true: until the ``fresh_until`` time its context names (a
        pinned story's end time), at least a second; else as long as any."""
        until = (getattr(response, "context_data", None) or {}).get("fresh_until")
        if until is None:
            return float("inf")
        return max(1, math.ceil((until - timezone.now()).total_seconds()))

    @staticmethod
    def is_personal(request, response):
        return (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            or "HTTP_AUTHORIZATION" in request.META
            or bool(response.cookies)
            or getattr(getattr(request, "user", None), "is_authenticated", False)
        )
