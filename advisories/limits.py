"""Flood limit for RSVPs, counted in the shared cache (Redis in production) as the email
alerts' sign-ups are (alerts.limits): ADVISORY_RSVP_LIMIT_PER_ADDRESS an hour from one client
address, past which the visitor gets a 429. With the cache down nothing is counted, and an
address can still hold only one RSVP per story (the database's constraint)."""

import hashlib

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def over_limit(client_address):
    """Count one more RSVP from ``client_address`` and say whether it is one too many."""
    key = f"advisories-rsvp-limit:{hashlib.sha256(client_address.encode()).hexdigest()}"
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr, or the cache is unavailable
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        count = 1
    return count > settings.ADVISORY_RSVP_LIMIT_PER_ADDRESS
