from core.admin_menus import register_admin_menu_item, register_admin_views
from medialists import admin_views

register_admin_views("media-lists/", admin_views.urlpatterns, "medialists_admin")
register_admin_menu_item("Media lists", "medialists_admin:lists", icon_name="group", order=165)
