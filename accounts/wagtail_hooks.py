from django.urls import path, reverse
from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", views.manage, name="accounts_two_factor"),
        path("two-factor/verify/", views.verify, name="accounts_two_factor_verify"),
        path("two-factor/set-up/", views.enrol, name="accounts_two_factor_enrol"),
        path("two-factor/recovery-codes/", views.regenerate_recovery_codes, name="accounts_two_factor_recovery_codes"),
        path("two-factor/turn-off/", views.turn_off, name="accounts_two_factor_turn_off"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("accounts_two_factor"),
        "label": "Two-factor sign-in",
        "help_text": "Ask for a code from an authenticator app after your password.",
    }
