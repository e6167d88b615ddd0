from django.urls import re_path
from wagtail.utils.urlpatterns import decorate_urlpatterns

from advisories import views
from frontcache.decorators import filed_under
from frontcache.keys import paths_key

app_name = "advisories"
# Story ids of at most 9 digits: a longer number is no story (and no database integer).
urlpatterns = [
    # The calendar file is kept by Varnish, filed under the site's addresses, which every publish
    # of one of the site's stories purges; the RSVP answers are never cached (the view says so).
    *decorate_urlpatterns(
        [re_path(r"^(?P<story_id>[0-9]{1,9})/event\.ics$", views.event_ics, name="ics")], filed_under(paths_key)
    ),
    re_path(r"^(?P<story_id>[0-9]{1,9})/rsvp/$", views.rsvp, name="rsvp"),
]
