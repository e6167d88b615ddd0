"""Flood limits counted in the shared cache (Redis in production): how many times a value (a
client address, an email address) did something in the last window. Public forms use it (the
alerts sign-up, the interview requests). With the cache down nothing is counted: the forms
still work, which a flood limit must never prevent."""

import hashlib

from django.core.cache import cache

WINDOW_SECONDS = 3600


def limit_key(namespace, kind, value):
    # Hashed: no email address is kept in the cache, and any value makes a valid key.
    return f"{namespace}:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"


def count_over_limit(namespace, kind, value, limit, window=WINDOW_SECONDS):
    """Count one more for ``value`` and say whether it is one too many in the window."""
    key = limit_key(namespace, kind, value)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr, or the cache is unavailable
        cache.set(key, 1, timeout=window)
        count = 1
    # None: the cache is down (the resilient client answers a failed call with None), so
    # nothing was counted and nobody is refused.
    return count is not None and count > limit
