from axes.helpers import get_client_username
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def locked_out(request, original_response=None, credentials=None):
    """Axes' lockout response: say when to try again and who can help (429)."""
    # This attempt counts as a failure too, so the pause runs from now.
    retry_at = timezone.localtime() + settings.AXES_COOLOFF_TIME
    context = {
        "username": get_client_username(request, credentials) or "",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": settings.AXES_COOLOFF_MINUTES,
        "retry_at": retry_at,
    }
    response = render(request, "accounts/locked_out.html", context, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
