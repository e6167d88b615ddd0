from advisories import admin_views
from core.admin_menus import register_admin_menu_item, register_admin_views, register_page_header_item
from press.models import StoryPage

register_admin_views("advisories/", admin_views.urlpatterns, "advisories_admin")
register_admin_menu_item("Media advisories", "advisories_admin:index", icon_name="date", order=165)
# After Email alerts in the ⋮ menu.
register_page_header_item(
    "Media advisory: RSVPs", "advisories_admin:rsvps", icon_name="group", priority=68, page_types=(StoryPage,)
)
