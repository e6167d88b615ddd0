from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from advisories import admin_views
from core.admin_menus import PageHeaderMenuItem, page_header_menu_item
from press.models import StoryPage


@hooks.register("register_admin_urls")
def register_advisories_admin_urls():
    return [path("advisories/", include((admin_views.urlpatterns, "advisories_admin")))]


@hooks.register("register_admin_menu_item")
def register_advisories_menu_item():
    # Shown to everyone in the admin; the page lists only the advisories of the user's sites.
    return MenuItem("Media advisories", reverse("advisories_admin:index"), icon_name="date", order=165)


@page_header_menu_item
class StoryRSVPsMenuItem(PageHeaderMenuItem):
    label = "Media advisory: RSVPs"
    icon_name = "group"
    url_name = "advisories_admin:rsvps"
    priority = 68  # after Email alerts
    page_types = (StoryPage,)
    permission = "can_edit"
