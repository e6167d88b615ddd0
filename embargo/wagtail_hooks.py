from django.urls import include, path
from wagtail import hooks

from core.admin_menus import PageHeaderMenuItem, page_header_menu_item
from embargo import admin_views
from press.models import StoryPage


@hooks.register("register_admin_urls")
def register_embargo_admin_urls():
    return [path("embargo/", include((admin_views.urlpatterns, "embargo_admin")))]


@page_header_menu_item
class EmbargoLinksMenuItem(PageHeaderMenuItem):
    label = "Embargoed preview links"
    icon_name = "link"
    url_name = "embargo_admin:links"
    priority = 66  # after History
    page_types = (StoryPage,)
    permission = "can_edit"


@hooks.register("register_log_actions")
def register_embargo_log_actions(actions):
    for action, verb, past in (
        (admin_views.LINK_CREATED, "create", "created"),
        (admin_views.LINK_REVOKED, "revoke", "revoked"),
    ):
        actions.register_action(action, f"Embargoed preview link: {verb}", f"Embargoed preview link {past}")
