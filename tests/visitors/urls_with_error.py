"""The project's URLs plus one that fails, to see the 500 page a visitor would get."""

from django.urls import path

from config.urls import handler500
from config.urls import urlpatterns as project_urlpatterns


def broken(request):
    raise RuntimeError("Something broke while rendering.")


urlpatterns = [path("broken/", broken), *project_urlpatterns]
__all__ = ["handler500", "urlpatterns"]
