"""The one address check and the one rich-text sanitiser every imported value goes through.

A WordPress export is input from outside: a post can hold ``javascript:`` or ``data:`` addresses
in links, frames, images and buttons. Every address the importer writes passes ``safe_url``;
every rich-text value it writes passes ``sanitise_rich_text`` last, whatever built it, so a path
that forgot the check still cannot put a script on a page."""

import html
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
# Browsers drop these before reading a scheme ("java\nscript:", " javascript:"), so must we.
IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")
# What the story body's rich text may hold (core.blocks.PARAGRAPH_FEATURES), and nothing else.
RICH_TEXT_TAGS = {"p", "h2", "h3", "b", "i", "a", "ul", "ol", "li", "br"}
ALLOWED_TAG = re.compile(r'</?(?:p|h2|h3|b|i|ul|ol|li|a)>|<br/?>|<a href="[^"<>]*">')
ALLOWED_LINK = re.compile(r'<a href="([^"<>]*)">')


def safe_url(url):
    """``url`` if it is an http(s), mailto or tel address or a relative one, else None."""
    url = html.unescape(url or "").strip()
    if not url:
        return None
    squeezed = IGNORED_IN_URLS.sub("", url)
    try:
        parts = urlsplit(squeezed)
    except ValueError:  # e.g. "http://[bad"
        return None
    if parts.scheme:
        return url if parts.scheme.lower() in SAFE_SCHEMES else None
    if ":" in squeezed.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return None  # "javascript&colon;…" decoded, or any "word:" the parser did not call a scheme
    return url


def sanitise_rich_text(value):
    """Rich text with only the story body's tags, and links only to safe addresses."""
    if _already_clean(value):
        return value  # what the converter writes: checked without parsing it again
    soup = BeautifulSoup(value, "html.parser")
    _clean(soup)
    return str(soup)


def _already_clean(value):
    """Whether every tag in ``value`` is an allowed one with no attribute but a safe href."""
    for href in ALLOWED_LINK.findall(value):
        if safe_url(href) is None:
            return False
    rest = ALLOWED_TAG.sub("", value)
    return "<" not in rest and ">" not in rest


def _clean(node):
    for child in list(node.children):
        if isinstance(child, NavigableString):
            if type(child) is not NavigableString:  # comments, CDATA, processing instructions
                child.extract()
            continue
        if not isinstance(child, Tag):
            continue
        if child.name not in RICH_TEXT_TAGS:
            if child.name in ("script", "style", "iframe", "object", "embed", "template"):
                child.decompose()
                continue
            _clean(child)
            child.unwrap()
            continue
        href = safe_url(child.get("href")) if child.name == "a" else None
        child.attrs = {}
        if child.name == "a":
            if href is None:
                _clean(child)
                child.unwrap()
                continue
            child["href"] = href
        _clean(child)


def sanitise_stream(blocks):
    """Runs the sanitiser over every rich-text value of a story body (raw StreamField data)."""
    for item in blocks:
        if item["type"] == "paragraph":
            item["value"] = sanitise_rich_text(item["value"])
        elif item["type"] in ("statement", "signatories_statement"):
            item["value"]["text"] = sanitise_rich_text(item["value"]["text"])
    return blocks
