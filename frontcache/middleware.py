"""Whether a response may be shared between visitors, decided once it is complete."""

from django.conf import settings
from django.utils.cache import patch_cache_control
from wagtail.models import Site

from frontcache.decorators import is_shared_view
from frontcache.keys import ALL, site_key

# Statuses a shared cache may keep. 404s and redirects too: publishing a page at an address,
# or adding a redirect from it, purges the site's key like any other change.
SHAREABLE_STATUSES = {200, 301, 302, 404, 410}


class SharedCacheMiddleware:
    """Public pages (views marked ``shared_cache``) get ``Cache-Control: public, max-age=…,
    s-maxage=…`` and an ``xkey`` header naming their site's surrogate key, when the request
    is an anonymous GET or HEAD and the response sets no cookie.

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
        if self.is_personal(request, response):
            patch_cache_control(response, private=True, no_cache=True)
        elif (
            is_shared_view(request) and request.method in ("GET", "HEAD") and response.status_code in SHAREABLE_STATUSES
        ):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.FRONTEND_CACHE_MAX_AGE,
                s_maxage=settings.FRONTEND_CACHE_S_MAXAGE,
            )
            site = Site.find_for_request(request)
            keys = [ALL] + ([site_key(site.pk)] if site else [])
            response[settings.FRONTEND_CACHE_KEY_HEADER] = " ".join(keys)
        return response

    @staticmethod
    def is_personal(request, response):
        return (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            or "HTTP_AUTHORIZATION" in request.META
            or bool(response.cookies)
            or getattr(getattr(request, "user", None), "is_authenticated", False)
        )
