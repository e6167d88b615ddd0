from django import template
from wagtail.models import Site

from press.models import PressIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def site_press_room(context):
    """The press room of the site being viewed (for the header's navigation)."""
    request = context.get("request")
    if request is None:
        return None
    cache = request.__dict__.setdefault("_press_room_cache", {})
    if "room" not in cache:
        site = Site.find_for_request(request)
        cache["room"] = PressIndexPage.objects.live().child_of(site.root_page).first() if site else None
    return cache["room"]
