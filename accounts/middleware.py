from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from .two_factor import has_app_device, is_required_for

# Admin URLs a signed-in person reaches before the second step: the second step itself,
# the ways out, and the icons and translations its pages load (no data in either).
OPEN_BEFORE_SECOND_STEP = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "accounts_two_factor_verify",
    "accounts_two_factor_enrol",
}


class TwoFactorMiddleware:
    """Keep the admin closed to a password-only session when a second step is due.

    A person with a confirmed authenticator app is asked for a code (or a recovery code);
    a person who must use two-factor sign-in but has no app yet is sent to set one up.
    Either way no other admin page answers until then. It guards every URL under the
    admin's prefix, so admin pages added later by any app are covered without a list.
    Outside the admin such a half-signed-in session counts as signed out: no userbar, no
    pages kept for logged-in users.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.second_step(request)
        return response or self.get_response(request)

    def second_step(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            # Nobody is signed in without a session. Not opening it keeps anonymous
            # visitors' pages free of ``Vary: Cookie`` (and saves reading it).
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if has_app_device(user):
            target = "accounts_two_factor_verify"
        elif is_required_for(user):
            target = "accounts_two_factor_enrol"
        else:
            return None
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            request.user = AnonymousUser()
            return None
        match = _resolve(request.path_info)
        if match is not None and match.url_name in OPEN_BEFORE_SECOND_STEP:
            return None
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


def _resolve(path):
    try:
        return resolve(path)
    except Resolver404:
        return None
