"""Which views a shared cache (Varnish) may keep, and for how long."""

from functools import wraps

from django.conf import settings
from django.utils.cache import patch_cache_control
from wagtail.models import Site

from frontcache.keys import ALL, site_key

# Statuses a shared cache may keep. A 404 is kept too: publishing a page at its address
# purges the site's key like any other change.
SHAREABLE_STATUSES = {200, 301, 302, 404, 410}


def shared_cache(view):
    """Mark the view's GET and HEAD answers as cacheable by a shared cache, tagged with the
    site they were rendered for.

    This only proposes: ``SharedCacheGuardMiddleware`` takes the mark back when the visitor
    is signed in or the response sets a cookie. A view that set its own Cache-Control
    (e.g. ``never_cache``) keeps it."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code in SHAREABLE_STATUSES
            and not response.has_header("Cache-Control")
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

    return wrapped
