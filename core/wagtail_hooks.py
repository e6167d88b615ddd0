from wagtail.admin.ui.tables import BooleanColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.models import Category, Organization, Spokesperson, Topic


class SpokespersonViewSet(SnippetViewSet):
    model = Spokesperson
    icon = "user"
    menu_label = "Spokespeople"
    list_display = ["name", "title", "organization", BooleanColumn("active"), UpdatedAtColumn()]
    list_filter = ["organization", "active"]
    search_fields = ["name", "title"]
    # The database's own search (name or title contains the words), not the search index:
    # the index cannot sort by the organisation column, so searching and then sorting by
    # it was a server error. The directory is small; a substring match suits names.
    search_backend_name = None
    ordering = ["name"]
    list_per_page = 50


class OrganizationViewSet(SnippetViewSet):
    model = Organization
    icon = "site"
    menu_label = "Organizations"
    list_display = ["name", "short_name", "website"]
    search_fields = ["name", "short_name"]
    ordering = ["name"]


class LabelViewSet(SnippetViewSet):
    """Categories and topics: a name and a slug each."""

    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class CategoryViewSet(LabelViewSet):
    model = Category


class TopicViewSet(LabelViewSet):
    model = Topic


class PressDirectoryGroup(SnippetViewSetGroup):
    """Shared by every site: one menu for the people, organisations and labels stories use."""

    menu_label = "Press directory"
    menu_icon = "group"
    menu_order = 250
    items = (SpokespersonViewSet, OrganizationViewSet, CategoryViewSet, TopicViewSet)


register_snippet(PressDirectoryGroup)
