from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.admin_menus import register_admin_views
from wordpress import views

urlpatterns = [
    path("", views.ImportIndexView.as_view(), name="index"),
    path("sites/<int:site_id>/upload/", views.UploadView.as_view(), name="upload"),
    path("runs/<int:run_id>/", views.RunView.as_view(), name="run"),
    path("runs/<int:run_id>/import/", views.start_import, name="start"),
    path("runs/<int:run_id>/discard/", views.discard, name="discard"),
    path("runs/<int:run_id>/progress/", views.progress, name="progress"),
]


register_admin_views("wordpress/", urlpatterns, "wordpress_import")


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return views.may_import_somewhere(request.user)


@hooks.register("register_admin_menu_item")
def register_wordpress_import_menu_item():
    return ImportMenuItem("WordPress import", reverse("wordpress_import:index"), icon_name="download", order=170)
