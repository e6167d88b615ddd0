"""What a site's branding turns into on a page: its icon and its banner's pictures."""

from dataclasses import dataclass

from django.templatetags.static import static

# Square for an icon the editor chose; the logo, seldom square, is fitted inside the square
# instead of cropped. PNG for raster uploads; an SVG stays an SVG (format-* cannot apply).
ICON_SPEC = "fill-64x64|format-png|preserve-svg"
LOGO_AS_ICON_SPEC = "max-64x64|format-png|preserve-svg"
# The logo in every page's header (templates/base.html).
HEADER_LOGO_SPEC = "height-96"
# The banner's sizes (templates/includes/banner.html: a home page's hero, a press room's band).
BANNER_SPECS = ["fill-640x240|format-webp|preserve-svg", "fill-1280x480|format-webp|preserve-svg"]
BANNER_SPECS += ["fill-1920x720|format-webp|preserve-svg"]
DEFAULT_ICON = "img/favicon.svg"
DEFAULT_ICO = "img/favicon.ico"


@dataclass(frozen=True)
class Icon:
    url: str
    content_type: str


def site_icon(branding):
    """The site's favicon: its icon, else its logo, else the install's default. Renditions
    come from the cache after the first request, so this costs no query per page."""
    source, spec = None, None
    if branding is not None:
        if branding.icon:
            source, spec = branding.icon, ICON_SPEC
        elif branding.logo:
            source, spec = branding.logo, LOGO_AS_ICON_SPEC
    rendition = source.rendition_or_none(spec) if source is not None else None
    if rendition is None:
        return Icon(static(DEFAULT_ICON), "image/svg+xml")
    return Icon(rendition.url, "image/svg+xml" if source.is_svg() else "image/png")
