from core.admin_menus import register_admin_views, register_log_actions, register_page_header_item
from press.models import StoryPage
from releases_out import admin_views

register_admin_views("releases/", admin_views.urlpatterns, "releases_out_admin")
# After Email alerts in the ⋮ menu.
register_page_header_item(
    "Send to media lists",
    "releases_out_admin:story",
    icon_name="mail",
    priority=68,
    page_types=(StoryPage,),
    permission="can_publish",
)
register_log_actions(
    (admin_views.SEND_RECORDED, "Send to media lists", "Release sent to media lists"),
    (admin_views.SEND_CANCELLED, "Cancel a release send", "Release send cancelled"),
)
