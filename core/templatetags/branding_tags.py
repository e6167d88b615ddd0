from django import template
from wagtail.images.models import ResponsiveImage
from wagtail.images.shortcuts import get_rendition_or_not_found

from core.branding import BANNER_SPECS
from core.branding import site_icon as icon_for

register = template.Library()


@register.simple_tag
def site_icon(branding):
    """``{% site_icon branding as icon %}``: ``icon.url`` and ``icon.content_type`` of the favicon."""
    return icon_for(branding)


@register.simple_tag
def banner_image(image, **attrs):
    """``{% banner_image branding.banner_image sizes=… class=… alt=… %}``: the banner at its
    sizes (``BANNER_SPECS``), as ``{% srcset_image %}`` renders it, each size asked for on its
    own (``get_rendition``) so that each is kept in Wagtail's renditions cache even when the
    page fetched it with its other pictures (``core.pictures``), which Wagtail's
    ``get_renditions`` does not keep: the next request would miss them and fetch again."""
    return ResponsiveImage({spec: get_rendition_or_not_found(image, spec) for spec in BANNER_SPECS}, attrs)
