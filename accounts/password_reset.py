"""Wagtail's password reset, rate-limited per client address and per email address.

Each request that would send an email counts against both the address it comes from and
the email it names, in the cache (Redis in production), for an hour. Past either limit the
person gets a 429 page saying when to try again, and no email is sent.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from wagtail.admin.views.account import PasswordResetView

from .client_address import client_ip

WINDOW_SECONDS = 60 * 60


def _count(kind, value):
    """Add one request to this hour's count for (kind, value); return the new count."""
    window = int(time.time() // WINDOW_SECONDS)
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    key = f"password-reset:{kind}:{digest}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        return 1


class ThrottledPasswordResetView(PasswordResetView):
    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        by_address = _count("address", client_ip(self.request))
        by_email = _count("email", email)
        if by_address > settings.PASSWORD_RESET_LIMIT_PER_ADDRESS or by_email > settings.PASSWORD_RESET_LIMIT_PER_EMAIL:
            retry_after = WINDOW_SECONDS - int(time.time() % WINDOW_SECONDS)
            response = render(
                self.request,
                "accounts/password_reset_throttled.html",
                {"minutes": max(1, -(-retry_after // 60))},
                status=429,
            )
            response["Retry-After"] = str(retry_after)
            return response
        return super().form_valid(form)
