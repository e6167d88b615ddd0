"""The last word on whether a response may be shared between visitors."""

from django.conf import settings
from django.utils.cache import patch_cache_control


class SharedCacheGuardMiddleware:
    """Take back a view's ``public`` mark when the response is personal: the request carries
    a session (a signed-in editor sees the user bar) or credentials, or the response sets a
    cookie (a CSRF token in a form, a session). Such responses become ``private`` and lose
    their surrogate keys, so neither Varnish nor any proxy keeps them; personal responses
    that said nothing about caching say ``private`` too.

    It must sit above SessionMiddleware and CsrfViewMiddleware: their cookies are added on
    the way out, after the view has returned."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        personal = (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            or "HTTP_AUTHORIZATION" in request.META
            or bool(response.cookies)
            or getattr(getattr(request, "user", None), "is_authenticated", False)
        )
        if not personal:
            return response
        if "public" in response.get("Cache-Control", ""):
            del response["Cache-Control"]
            if settings.FRONTEND_CACHE_KEY_HEADER in response:
                del response[settings.FRONTEND_CACHE_KEY_HEADER]
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response
