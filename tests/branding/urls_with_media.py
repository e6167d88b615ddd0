"""The project's URLs with local media served (as ``SERVE_MEDIA=1`` does), so tests can open
uploaded images and browser screenshots show them."""

from django.conf import settings
from django.urls import re_path

from config.urls import handler500
from config.urls import urlpatterns as project_urlpatterns
from uploads.svg import serve_media

urlpatterns = [
    re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_media, {"document_root": settings.MEDIA_ROOT}),
    *project_urlpatterns,
]
__all__ = ["handler500", "urlpatterns"]
