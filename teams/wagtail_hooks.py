from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.permissions import permission_policy as documents_policy
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.permissions import permission_policy as images_policy

from teams.access import explorable_pages
from teams.media_guard import collection_media_visible_to


@hooks.register("construct_page_chooser_queryset")
def only_pages_of_the_users_sites(pages, request):
    """The page chooser lists the user's own sites only, never another team's pages."""
    return pages.filter(pk__in=explorable_pages(request.user).values("pk"))


class TeamImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    """The admin API's images: only those the user sees in the admin (Wagtail's lists all)."""

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=collection_media_visible_to(self.request.user, images_policy))


class TeamDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    """The admin API's documents: only those the user sees in the admin (Wagtail's lists all)."""

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=collection_media_visible_to(self.request.user, documents_policy))


# After wagtail.images and wagtail.documents register theirs (hooks run by order, then by app).
@hooks.register("construct_admin_api", order=100)
def only_media_of_the_users_collections(router):
    # Same endpoint names: they replace Wagtail's at the same addresses.
    router.register_endpoint("images", TeamImagesAdminAPIViewSet)
    router.register_endpoint("documents", TeamDocumentsAdminAPIViewSet)
