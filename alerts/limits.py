"""Flood limits for sign-ups, counted in the shared cache (Redis in production), per hour:
ALERTS_SUBSCRIBE_LIMIT_PER_ADDRESS sign-ups from one client address and
ALERTS_SUBSCRIBE_LIMIT_PER_EMAIL for one email address (whatever the site). Past the first
the visitor gets a 429; past the second nothing is sent but the answer is the usual "check your
inbox", so nobody can lock an address's owner out by signing it up. With the cache down nothing is counted: sign-ups
still work and each address still gets at most one confirmation an hour (kept in the
database)."""

import hashlib

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def _key(kind, value):
    return f"alerts-limit:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"


def over_limit(kind, value):
    """Count one more sign-up for ``value`` and say whether it is one too many."""
    limit = {
        "address": settings.ALERTS_SUBSCRIBE_LIMIT_PER_ADDRESS,
        "email": settings.ALERTS_SUBSCRIBE_LIMIT_PER_EMAIL,
    }[kind]
    key = _key(kind, value)
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr, or the cache is unavailable
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        count = 1
    return count > limit
