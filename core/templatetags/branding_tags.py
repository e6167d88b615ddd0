from django import template

from core.branding import site_icon as icon_for

register = template.Library()


@register.simple_tag
def site_icon(branding):
    """``{% site_icon branding as icon %}``: ``icon.url`` and ``icon.content_type`` of the favicon."""
    return icon_for(branding)
