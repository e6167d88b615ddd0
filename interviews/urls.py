from django.urls import path

from frontcache.decorators import filed_under
from frontcache.keys import search_key
from interviews import views

app_name = "interviews"
urlpatterns = [
    # The form is the same for every visitor: Varnish keeps it. It offers the room's latest
    # stories, so it is filed under the key their publishing purges for the site (the site's
    # search results, which list the same stories).
    path("", filed_under(search_key)(views.request_form), name="request"),
    path("send/", views.send_request, name="send"),
]
