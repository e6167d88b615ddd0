from axes.backends import AxesStandaloneBackend


class SignInThrottleBackend(AxesStandaloneBackend):
    """Axes' lockout check, for sign-ins that come with a request.

    Every sign-in over HTTP (the Wagtail login form, password reset confirmation) passes the
    request and is throttled. ``authenticate()`` called from Python without one (a shell,
    Django's test client ``login()``) has no client to throttle, and Axes would refuse it
    outright; it is left to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
