from django.urls import path

from .password_reset import ThrottledPasswordResetView

# Mounted at admin/ ahead of Wagtail's admin URLs, so this view answers Wagtail's own
# password reset address (its name, wagtailadmin_password_reset, still reverses to it).
urlpatterns = [
    path("password_reset/", ThrottledPasswordResetView.as_view(), name="accounts_password_reset"),
]
