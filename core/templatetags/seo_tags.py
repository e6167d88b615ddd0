"""What a page says about itself to search engines and link previews."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext
from wagtail import hooks

from core.models import DEFAULT_NAME, MetadataPageMixin
from core.pictures import share_picture

register = template.Library()

# Characters that could close a <script> element or be read as HTML inside one.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """``url`` made absolute against the request's host (media may already be absolute)."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Title, description, canonical URL, kind and share image for the page being rendered.

    A page states its own (``MetadataPageMixin``); views without a page (search) may set
    ``meta_title``, ``meta_description`` and ``canonical_url``; the site's branding fills the rest."""
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, MetadataPageMixin):
        page = None
    branding = context.get("branding")
    site_name = branding.display_name if branding is not None else DEFAULT_NAME
    generic = gettext("News and statements from %(site)s.") % {"site": site_name}
    fallback = getattr(branding, "shown_tagline", "") or generic
    title = context.get("meta_title") or (page.get_meta_title() if page else "") or site_name
    description = context.get("meta_description") or (page.get_meta_description() if page else "") or fallback
    social = context.get("meta_description") or (page.get_social_description() if page else "") or fallback
    canonical = context.get("canonical_url")
    if canonical is None and page is not None and request is not None:
        canonical = page.get_full_url(request)
    image = page.get_meta_image() if page else None
    generated = generated_share_image(page, request) if page is not None and image is None else None
    if generated:
        image_url, image_alt = generated
    else:
        shared, spec = share_picture(page, branding)
        rendition = shared.rendition_or_none(spec) if shared is not None else None
        if rendition is None and image is not None:  # the page's own picture is unreadable: the site's
            shared, spec = share_picture(None, branding)
            rendition = shared.rendition_or_none(spec) if shared is not None else None
        image_url = request.build_absolute_uri(rendition.url) if rendition and request else ""
        image_alt = getattr(image, "default_alt_text", "") if image else ""
    return {
        "title": title,
        "description": plain_summary(description),
        "social_description": plain_summary(social),
        "canonical": canonical,
        "kind": page.og_type if page else "website",
        "image": image_url,
        "image_alt": image_alt,
        "site_name": site_name,
    }


def generated_share_image(page, request):
    """(absolute URL, alt text) of a share picture made for ``page``, which has none of its own,
    by the first ``generated_share_image`` hook that makes one (a story's card: storymedia), or
    None: the site's banner or logo is shared instead."""
    if request is None:
        return None
    for hook in hooks.get_hooks("generated_share_image"):
        made = hook(page, request)
        if made:
            return made
    return None


def plain_summary(text):
    return Truncator(" ".join(text.split())).chars(300)


@register.simple_tag
def json_ld(data):
    """A <script type="application/ld+json"> element holding ``data``, safe inside HTML.

    A data block is never run, so the CSP's script-src does not apply and it needs no nonce."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
