"""Which views a shared cache (Varnish) may keep, and the surrogate keys they are filed under."""

from functools import wraps


def shared_cache(view, site_keys=()):
    """Mark a view's answers as the same for every anonymous visitor, so a shared cache may
    keep them. ``SharedCacheMiddleware`` applies the mark (Cache-Control and surrogate keys)
    to GET and HEAD answers, unless the request or the response turns out to be personal.
    The mark covers the view's 404s and the redirects that replace them, too.

    ``site_keys``: functions of the site id naming what else the answers show (e.g.
    ``frontcache.keys.search_key``), beside ``all`` and the site's key. A Wagtail page names
    its own keys (``get_cache_keys``)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    wrapped.frontcache_shared = True
    wrapped.frontcache_site_keys = tuple(site_keys)
    return wrapped


def filed_under(*site_keys):
    """``shared_cache`` with keys, for ``decorate_urlpatterns``: ``filed_under(search_key)``."""
    return lambda view: shared_cache(view, site_keys)


def shared_view(request):
    """The marked view that answered ``request``, or None."""
    match = getattr(request, "resolver_match", None)
    return match.func if match and getattr(match.func, "frontcache_shared", False) else None
