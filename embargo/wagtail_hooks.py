from wagtail import hooks

from core.admin_menus import register_admin_views, register_page_header_item
from embargo import admin_views
from press.models import StoryPage

register_admin_views("embargo/", admin_views.urlpatterns, "embargo_admin")
# After History in the ⋮ menu.
register_page_header_item(
    "Embargoed preview links", "embargo_admin:links", icon_name="link", priority=66, page_types=(StoryPage,)
)


@hooks.register("register_log_actions")
def register_embargo_log_actions(actions):
    for action, verb, past in (
        (admin_views.LINK_CREATED, "create", "created"),
        (admin_views.LINK_REVOKED, "revoke", "revoked"),
    ):
        actions.register_action(action, f"Embargoed preview link: {verb}", f"Embargoed preview link {past}")
