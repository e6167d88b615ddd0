"""The dashboard's first panel: how to add a story, and where each of the user's rooms' stories are."""

from django.urls import reverse
from django.utils.translation import get_language, get_supported_language_variant
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Site

from press.models import PressIndexPage


def editors_locale():
    """The content locale of the language the editor works in (the admin's language, their
    account's preference): 'es' for an editor whose admin is in Spanish."""
    try:
        language = get_supported_language_variant(get_language() or "")
    except LookupError:
        return None
    return Locale.objects.filter(language_code=language).first()


def rooms_for(user, locale=None):
    """[(site, press room)] for the press rooms ``user`` may add stories to, by site name:
    each site's room in ``locale`` when it has one, else its default-language room."""
    rooms = []
    for site in Site.objects.select_related("root_page").order_by("site_name", "hostname"):
        room = PressIndexPage.objects.child_of(site.root_page).first()
        if room is None:
            continue
        if locale is not None and room.locale_id != locale.pk:
            room = room.get_translation_or_none(locale) or room
        if room.permissions_for_user(user).can_add_subpage():
            rooms.append((site, room))
    return rooms


def add_story_url(room):
    return reverse("wagtailadmin_pages:add", args=("press", "storypage", room.pk))


class AddStoryPanel(Component):
    name = "add_story"
    template_name = "desk/dashboard_panel.html"
    order = 50  # above Wagtail's own panels: it is what most visits to the dashboard are for

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        desk = reverse("stories_modeladmin_index")
        found = rooms_for(request.user, editors_locale())
        rooms = [
            {
                "name": site.site_name or site.hostname,
                "add_url": add_story_url(room),
                "stories_url": f"{desk}?site={site.pk}",
            }
            for site, room in found
        ]
        # One click to the form: an editor of one site starts in their language's room of it
        # (with its defaults); only an editor of several sites is asked which room.
        add_url = add_story_url(found[0][1]) if len(found) == 1 else reverse("stories_modeladmin_create")
        return {"rooms": rooms, "desk_url": desk, "add_url": add_url}
