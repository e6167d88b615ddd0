"""What a page says about itself to search engines and link previews."""

import json

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

register = template.Library()

SHARE_IMAGE_SPEC = "fill-1200x630"
LOGO_SPEC = "max-600x600"
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

    Templates and views may set ``meta_title``, ``meta_description`` and ``canonical_url``;
    otherwise they come from the Wagtail page, then from the site's branding."""
    request = context.get("request")
    page = context.get("page")
    branding = context.get("branding")
    site_name = getattr(branding, "name", "") or "Press room"
    title = context.get("meta_title") or getattr(page, "seo_title", "") or getattr(page, "title", "") or site_name
    description = (
        context.get("meta_description")
        or getattr(page, "search_description", "")
        or getattr(page, "summary", "")
        or strip_tags(getattr(page, "intro", "") or "")
        or getattr(branding, "tagline", "")
        or f"News and statements from {site_name}."
    )
    canonical = context.get("canonical_url")
    if canonical is None and page is not None and request is not None:
        canonical = page.get_full_url(request)
    image = getattr(page, "listing_image", None)
    rendition = image.get_rendition(SHARE_IMAGE_SPEC) if image else None
    if rendition is None and getattr(branding, "logo", None):
        rendition = branding.logo.get_rendition(LOGO_SPEC)
    return {
        "title": title,
        "description": Truncator(" ".join(description.split())).chars(300),
        "canonical": canonical,
        "kind": "article" if hasattr(page, "date") and hasattr(page, "summary") else "website",
        "image": request.build_absolute_uri(rendition.url) if rendition and request else "",
        "image_alt": getattr(image, "default_alt_text", "") if image else "",
        "site_name": site_name,
    }


@register.simple_tag(takes_context=True)
def json_ld(context, data):
    """A <script type="application/ld+json"> element holding ``data``, safe inside HTML.

    A data block is never run, but it carries the CSP nonce like every other <script>."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(JSON_SCRIPT_ESCAPES)
    nonce = getattr(context.get("request"), "csp_nonce", "")
    return format_html('<script type="application/ld+json" nonce="{}">{}</script>', nonce, mark_safe(text))  # noqa: S308
