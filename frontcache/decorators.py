"""Which views a shared cache (Varnish) may keep."""

from functools import wraps


def shared_cache(view):
    """Mark a view's answers as the same for every anonymous visitor, so a shared cache may
    keep them. ``SharedCacheMiddleware`` applies the mark (Cache-Control and surrogate keys)
    to GET and HEAD answers, unless the request or the response turns out to be personal.
    The mark covers the view's 404s and the redirects that replace them, too."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    wrapped.frontcache_shared = True
    return wrapped


def is_shared_view(request):
    match = getattr(request, "resolver_match", None)
    return bool(match and getattr(match.func, "frontcache_shared", False))
