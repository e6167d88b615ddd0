from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-in security: throttled sign-in and password reset, two-factor sign-in."""

    name = "accounts"
    verbose_name = "Sign-in security"
