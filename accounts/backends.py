from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend


class SignInThrottleBackend(AxesStandaloneBackend):
    """Axes' lockout check, first in AUTHENTICATION_BACKENDS, for sign-ins that come with a request.

    Every sign-in over HTTP (the Wagtail login form) passes the request and is throttled.
    ``authenticate()`` called from Python without one (a shell, Django's test client
    ``login()``) has no client to throttle, and Axes would refuse it outright; it is left
    to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id):
        # Being first, this backend is the one Django's force_login() records in the session.
        return ModelBackend().get_user(user_id)
