from django import template
from wagtail.models import Site

from presskit.models import PressKitPage

register = template.Library()


@register.simple_tag(takes_context=True)
def site_press_kit_url(context):
    """The address of the live press kit of the site being viewed (for the header's
    navigation), or "" if it has none."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return ""
    return _press_kit_url(site)


def _press_kit_url(site):
    root_path = next((root.root_path for root in Site.get_site_root_paths() if root.site_id == site.pk), None)
    if root_path is None:
        return ""
    url_path = (
        PressKitPage.objects.live()
        .filter(depth=3, url_path__startswith=root_path)
        .values_list("url_path", flat=True)
        .first()
    )
    return "/" + url_path[len(root_path) :] if url_path else ""
