"""The renditions a page shows, asked for together: its own pictures (listing images, a story's
blocks, member logos) and its frame's (the site's logo, icon and banner, the share image) in
one query, instead of one query per picture when Wagtail's renditions cache is empty (a
deploy, a new worker, a Redis outage); and in none when that cache holds them all (the
first request after a publish), as Wagtail's own ``get_rendition`` would answer them."""

from django.db.models import prefetch_related_objects
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from core.branding import BANNER_SPECS, HEADER_LOGO_SPEC, ICON_SPEC, LOGO_AS_ICON_SPEC
from core.models import SiteBranding

# What a link preview shows (core.templatetags.seo_tags.page_meta).
SHARE_IMAGE_SPEC = "fill-1200x630"
LOGO_SPEC = "max-600x600"
# The logo in a story's structured data (StoryPage.structured_data).
PUBLISHER_LOGO_SPEC = "max-600x60"


def fetch_renditions(images):
    """``images`` with their renditions fetched in one query for them all: a story with many
    pictures asks the database once for their sizes, not once per picture or per block type
    (Wagtail's ``get_rendition`` reads prefetched renditions)."""
    images = [image for image in images if image is not None]
    if images:
        prefetch_related_objects(images, "renditions")


def fetch_missing_renditions(wanted):
    """``wanted``: pairs (image or None, the specs it is shown at). Every image's renditions in
    one query when Wagtail's renditions cache lacks one of the sizes; no query when it holds
    them all (one read of the cache for them all). A size left out here costs only what
    Wagtail's ``get_rendition`` costs anyway: the query budgets (tests/caching) notice it."""
    wanted = [(image, specs) for image, specs in wanted if image is not None]
    rendition_model = get_image_model().get_rendition_model()
    keys = set()
    for image, specs in wanted:
        for spec in specs:
            spec = image.clean_filter_for_svg(Filter(spec=spec))
            keys.add(rendition_model.construct_cache_key(image, spec.get_cache_key(image), spec.spec))
    if keys and len(rendition_model.cache_backend.get_many(list(keys))) < len(keys):
        fetch_renditions([image for image, _specs in wanted])


def share_picture(page, branding):
    """(image, spec) of the picture a link to ``page`` shows: the page's own (``get_meta_image``),
    else the site's banner, else its logo, never an SVG, which link previews do not show; or
    (None, None)."""
    image = page.get_meta_image() if page is not None else None
    if image is not None:
        return image, SHARE_IMAGE_SPEC
    if branding is not None:
        for fallback, spec in ((branding.banner_image, SHARE_IMAGE_SPEC), (branding.logo, LOGO_SPEC)):
            if fallback and not fallback.is_svg():
                return fallback, spec
    return None, None


def frame_pictures(branding, page=None, banner=False, logo_specs=()):
    """(image, specs) of what the frame of every page shows of the site's ``branding``: the
    header's logo (and its ``logo_specs``, such as a story's structured data's), the icon (the
    logo's when there is no icon), the banner where the page shows it, and the share image."""
    if branding is None:
        return []
    logo_specs = [HEADER_LOGO_SPEC, *logo_specs] + ([] if branding.icon else [LOGO_AS_ICON_SPEC])
    pictures = [(branding.logo, logo_specs)]
    pictures += [(branding.icon, [ICON_SPEC])]
    if banner:
        pictures += [(branding.banner_image, BANNER_SPECS)]
    image, spec = share_picture(page, branding)
    return pictures + [(image, [spec] if spec else [])]


def fetch_page_pictures(request, pictures, page=None, banner=False, logo_specs=()):
    """The renditions of a page's own ``pictures`` ((image, specs) pairs) and of its frame's
    (``frame_pictures``, with the branding read once per request by Wagtail's settings), in
    at most one query."""
    try:
        branding = SiteBranding.for_request(request)
    except SiteBranding.DoesNotExist:  # no site answers this host: no branding
        branding = None
    fetch_missing_renditions([*pictures, *frame_pictures(branding, page, banner, logo_specs)])
