from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from alerts import admin_views
from core.admin_menus import PageHeaderMenuItem, page_header_menu_item
from press.models import StoryPage


@hooks.register("register_admin_urls")
def register_alerts_admin_urls():
    return [path("alerts/", include((admin_views.urlpatterns, "alerts_admin")))]


@hooks.register("register_admin_menu_item")
def register_alerts_menu_item():
    # Shown to everyone in the admin (deciding costs no query); the page lists only the
    # rooms of the user's own sites.
    return MenuItem("Email alerts", reverse("alerts_admin:index"), icon_name="mail", order=160)


@page_header_menu_item
class HoldAlertsMenuItem(PageHeaderMenuItem):
    label = "Email alerts: hold or release"
    icon_name = "mail"
    url_name = "alerts_admin:hold"
    priority = 67  # after Embargoed preview links
    page_types = (StoryPage,)
    permission = "can_publish"


@hooks.register("register_log_actions")
def register_alerts_log_actions(actions):
    actions.register_action(admin_views.ALERTS_HELD, "Hold email alerts", "Email alerts held")
    actions.register_action(admin_views.ALERTS_RELEASED, "Release email alerts", "Email alerts released")
