from core.admin_menus import register_admin_views, register_log_actions, register_page_header_item
from embargo import admin_views
from press.models import StoryPage

register_admin_views("embargo/", admin_views.urlpatterns, "embargo_admin")
# After History in the ⋮ menu.
register_page_header_item(
    "Embargoed preview links", "embargo_admin:links", icon_name="link", priority=66, page_types=(StoryPage,)
)
register_log_actions(
    (admin_views.LINK_CREATED, "Embargoed preview link: create", "Embargoed preview link created"),
    (admin_views.LINK_REVOKED, "Embargoed preview link: revoke", "Embargoed preview link revoked"),
)
