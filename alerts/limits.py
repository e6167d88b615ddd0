"""Flood limits for sign-ups, counted in the shared cache (Redis in production), per hour:
ALERTS_SUBSCRIBE_LIMIT_PER_ADDRESS sign-ups from one client address and
ALERTS_SUBSCRIBE_LIMIT_PER_EMAIL for one email address (whatever the site). Past the first
the visitor gets a 429; past the second nothing is sent but the answer is the usual "check your
inbox", so nobody can lock an address's owner out by signing it up. With the cache down nothing is counted: sign-ups
still work and each address still gets at most one confirmation an hour (kept in the
database). The counting is ``core.limits``'s, shared with the interview requests."""

from django.conf import settings

from core.limits import count_over_limit


def over_limit(kind, value):
    """Count one more sign-up for ``value`` and say whether it is one too many."""
    limit = {
        "address": settings.ALERTS_SUBSCRIBE_LIMIT_PER_ADDRESS,
        "email": settings.ALERTS_SUBSCRIBE_LIMIT_PER_EMAIL,
    }[kind]
    return count_over_limit("alerts-limit", kind, value, limit)
