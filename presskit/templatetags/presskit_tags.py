from django import template
from wagtail.models import Site

from presskit.models import PressKitPage, kit_address

register = template.Library()


@register.simple_tag(takes_context=True)
def site_press_kit_url(context, press_room=None):
    """The address of the live press kit of the site being viewed, in the page's language if
    it has been translated (for the header's navigation), or "" if it has none. A press room
    the site root found carries it already (``press_kit_url_path``, see ``SiteRootPage``): no
    query of its own then."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return ""
    if hasattr(press_room, "press_kit_url_path"):
        url_path = press_room.press_kit_url_path
    else:
        url_path = PressKitPage.top_of(site).values_list("url_path", flat=True).first()
    return kit_address(site, url_path) if url_path else ""
