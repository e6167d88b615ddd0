"""A story's take-aways at addresses under the story: its release as a PDF, its share card and
the original file of each of its pictures. Each is the story's: filed under the story's own
keys at the edge and purged with it (``stories.live_story``); a draft, private or embargoed
story has none of them (404)."""

import mimetypes
import posixpath

from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.views.decorators.http import require_safe
from django.views.defaults import page_not_found

from core.models import DEFAULT_ACCENT_COLOUR, DEFAULT_NAME, DEFAULT_PRIMARY_COLOUR, SiteBranding
from storymedia.card import social_card
from storymedia.media import story_media
from storymedia.release import release_pdf
from storymedia.stories import live_story, under_embargo


def _downloaded(response, filename):
    """Always saved, never shown as a page; if a browser shows it anyway, it runs and loads nothing."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_safe
def release_pdf_view(request, story_path):
    story = live_story(request, story_path)
    if under_embargo(story):
        # Not kept at the edge: the embargo lifts with no publish to purge it.
        response = page_not_found(request, Http404("Embargoed"))
        patch_cache_control(response, private=True, no_cache=True)
        return response
    response = HttpResponse(release_pdf(story, request), content_type="application/pdf")
    return _downloaded(response, f"{story.slug}.pdf")


@require_safe
def social_card_view(request, story_path):
    story = live_story(request, story_path)
    try:
        branding = SiteBranding.for_request(request)
    except SiteBranding.DoesNotExist:
        branding = None
    if branding is None:  # a site nobody branded yet: the install's look
        name, primary, accent = DEFAULT_NAME, DEFAULT_PRIMARY_COLOUR, DEFAULT_ACCENT_COLOUR
    else:
        name, primary, accent = branding.display_name, branding.primary, branding.accent
    response = HttpResponse(social_card(story.title, name, primary, accent), content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def original_image_view(request, story_path, image_id):
    """The file the editor uploaded, of a picture the story shows: nothing else."""
    story = live_story(request, story_path)
    item = story_media(story).image(int(image_id))
    if item is None:
        raise Http404("Not a picture of this story")
    image = item.image
    try:
        opened = image.file.storage.open(image.file.name, "rb")
    except FileNotFoundError as missing:
        raise Http404("This picture's file is missing from the storage") from missing
    name = posixpath.basename(image.file.name)
    stem, extension = posixpath.splitext(name)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(opened, content_type=content_type)
    return _downloaded(response, f"{slugify(stem) or 'image'}{extension.lower()}")
