"""The dashboard's first panel: how to add a story, and where each of the user's rooms' stories are."""

from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import Site

from press.models import PressIndexPage


def rooms_for(user):
    """[(site, press room)] for the press rooms ``user`` may add stories to, by site name."""
    rooms = []
    for site in Site.objects.select_related("root_page").order_by("site_name", "hostname"):
        room = PressIndexPage.objects.child_of(site.root_page).first()
        if room is not None and room.permissions_for_user(user).can_add_subpage():
            rooms.append((site, room))
    return rooms


class AddStoryPanel(Component):
    name = "add_story"
    template_name = "desk/dashboard_panel.html"
    order = 50  # above Wagtail's own panels: it is what most visits to the dashboard are for

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        desk = reverse("stories_modeladmin_index")
        rooms = [
            {
                "name": site.site_name or site.hostname,
                "add_url": reverse("wagtailadmin_pages:add", args=("press", "storypage", room.pk)),
                "stories_url": f"{desk}?site={site.pk}",
            }
            for site, room in rooms_for(request.user)
        ]
        return {"rooms": rooms, "desk_url": desk, "add_url": reverse("stories_modeladmin_create")}
