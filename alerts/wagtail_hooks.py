from alerts import admin_views
from core.admin_menus import (
    register_admin_menu_item,
    register_admin_views,
    register_log_actions,
    register_page_header_item,
)
from press.models import StoryPage

register_admin_views("alerts/", admin_views.urlpatterns, "alerts_admin")
register_admin_menu_item("Email alerts", "alerts_admin:index", icon_name="mail", order=160)
# After Embargoed preview links in the ⋮ menu.
register_page_header_item(
    "Email alerts: hold or release",
    "alerts_admin:hold",
    icon_name="mail",
    priority=67,
    page_types=(StoryPage,),
    permission="can_publish",
)
register_log_actions(
    (admin_views.ALERTS_HELD, "Hold email alerts", "Email alerts held"),
    (admin_views.ALERTS_RELEASED, "Release email alerts", "Email alerts released"),
)
