"""A story as a press release on paper (PDF), made on the server with WeasyPrint: the issuer's
logo, the release line, title, subtitle, dateline, the text of every statement, quote and
paragraph, the media contacts and "###". Partners forward it; journalists file it.

WeasyPrint fetches nothing from the network here: the only resource it may load is the
site's logo, handed over from the media storage (``_fetch_only_the_logo``); an image, a font
or a stylesheet named in a story's text is skipped."""

import mimetypes

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from core.models import SiteBranding
from core.translations import language_of_locale

LOGO_URL = "storymedia:logo"


def media_contacts(story):
    """Who journalists call about the story: its own media contacts blocks' people, else its
    room's."""
    people = []
    for bound in story.body:
        if bound.block_type == "media_contacts":
            people += [person for person in bound.value.get("contacts") or () if person and person not in people]
    if people:
        return people
    room = story.press_room
    return list(room.default_media_contacts()) if room is not None else []


def release_pdf(story, request):
    """PDF bytes of ``story``, in its own language (a Spanish story's labels are Spanish)."""
    try:
        branding = SiteBranding.for_request(request)
    except SiteBranding.DoesNotExist:
        branding = None
    logo = branding.logo if branding is not None and branding.logo else None
    with translation.override(language_of_locale(story.locale_id)):
        html = render_to_string(
            "print/release.html",
            {
                "page": story,
                "branding": branding,
                "logo_url": LOGO_URL if logo is not None else "",
                "media_contacts": media_contacts(story),
            },
            request=request,
        )
    # Relative links in the story's text become links to its site.
    document = HTML(string=html, base_url=story.get_full_url(request), url_fetcher=LogoOnlyFetcher(logo))
    return document.write_pdf()


class LogoOnlyFetcher(URLFetcher):
    """Hands WeasyPrint the site's logo from the media storage (local or S3) and refuses every
    other address: a story's text cannot make the server fetch anything."""

    def __init__(self, logo):
        super().__init__(allowed_protocols=[])
        self.logo = logo

    def fetch(self, url, headers=None):
        if self.logo is None or url != LOGO_URL:
            raise ValueError(f"The release PDF loads nothing but the logo, not {url[:80]!r}")
        with self.logo.open_file() as opened:
            data = opened.read()
        mime_type = mimetypes.guess_type(self.logo.file.name)[0] or "application/octet-stream"
        return URLFetcherResponse(LOGO_URL, data, {"Content-Type": mime_type})
