from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from medialists import admin_views


@hooks.register("register_admin_urls")
def register_medialists_admin_urls():
    return [path("media-lists/", include((admin_views.urlpatterns, "medialists_admin")))]


@hooks.register("register_admin_menu_item")
def register_medialists_menu_item():
    # Shown to everyone in the admin; the pages list only the contacts of the user's own sites.
    return MenuItem("Media lists", reverse("medialists_admin:lists"), icon_name="group", order=165)
