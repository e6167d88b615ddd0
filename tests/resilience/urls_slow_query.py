"""The project's URLs plus one whose query runs as long as asked, to see a statement timeout."""

from django.db import connection
from django.http import HttpResponse
from django.urls import path

from config.urls import handler500
from config.urls import urlpatterns as project_urlpatterns


def slow(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(%s)", [float(request.GET.get("seconds", "30"))])
    return HttpResponse("finished")


urlpatterns = [path("slow/", slow), *project_urlpatterns]
__all__ = ["handler500", "urlpatterns"]
