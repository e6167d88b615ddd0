from django.urls import include, path
from wagtail import hooks

from core.admin_menus import PageHeaderMenuItem, page_header_menu_item
from press.models import StoryPage
from releases_out import admin_views


@hooks.register("register_admin_urls")
def register_releases_out_admin_urls():
    return [path("releases/", include((admin_views.urlpatterns, "releases_out_admin")))]


@page_header_menu_item
class SendToMediaListsMenuItem(PageHeaderMenuItem):
    label = "Send to media lists"
    icon_name = "mail"
    url_name = "releases_out_admin:story"
    priority = 68  # after Email alerts
    page_types = (StoryPage,)
    permission = "can_publish"


@hooks.register("register_log_actions")
def register_releases_out_log_actions(actions):
    actions.register_action(admin_views.SEND_RECORDED, "Send to media lists", "Release sent to media lists")
    actions.register_action(admin_views.SEND_CANCELLED, "Cancel a release send", "Release send cancelled")
