"""Reads a WordPress export (WXR 1.0, 1.1 or 1.2) as a stream of posts.

The file is parsed with defusedxml, item by item, and each item is cleared once read, so
memory stays flat however long the archive is. A DOCTYPE (the carrier of entity-expansion
bombs and external entities) is refused before any entity is expanded or fetched."""

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlparse
from xml.etree.ElementTree import ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, iterparse

# Every namespace WordPress has written: WXR 1.0-1.2, over http (older self-hosted exports)
# and https (WordPress 5+ and WordPress.com).
WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.[012]/$")
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
EXCERPT_NS = re.compile(r"^https?://wordpress\.org/export/1\.[012]/excerpt/$")


# Set on an element whose text was cut at the size cap: its size in characters.
TOO_LARGE = "wxr-too-large"


class WXRError(Exception):
    """The file cannot be imported: one line saying why (and where, when known)."""


@dataclass
class Post:
    post_id: int
    title: str
    link: str
    guid: str
    content: str
    excerpt: str
    post_date: str
    post_name: str
    status: str
    post_type: str
    categories: list = field(default_factory=list)  # [(slug, name)]
    tags: list = field(default_factory=list)  # [(slug, name)]
    post_date_gmt: str = ""
    post_modified_gmt: str = ""
    password: str = ""
    sticky: bool = False
    too_large: int = 0  # characters of content, excerpt or title past the size cap (then cut)
    # Attachments (post_type "attachment"): the file's address, the post it belongs to, and
    # the post's meta (_wp_attached_file, _wp_attachment_image_alt, ...) as {key: value}.
    attachment_url: str = ""
    post_parent: int = 0
    meta: dict = field(default_factory=dict)

    @property
    def fingerprint(self):
        """Changes whenever anything the import reads from the post changes. (Fields added
        later join only when set, so an archive imported before keeps its fingerprints.)"""
        data = [self.title, self.content, self.excerpt, self.post_date, self.post_name, self.status]
        data += [self.categories, self.tags, self.link]
        if self.password:
            data.append(["password", self.password])
        return hashlib.sha256(json.dumps(data).encode()).hexdigest()

    @property
    def clean_title(self):
        # WordPress keeps titles HTML-escaped (&#8217;, &amp;): decode once, drop any markup.
        return html.unescape(re.sub(r"<[^>]+>", "", self.title)).strip()

    @property
    def slug(self):
        return unquote(self.post_name or "").strip()


class CountingReader:
    """A binary file wrapper that knows how far it has read, for the progress bar."""

    def __init__(self, raw):
        self.raw = raw
        self.position = 0

    def read(self, size=-1):
        data = self.raw.read(size)
        self.position += len(data)
        return data

    def seekable(self):
        return self.raw.seekable()

    def tell(self):
        return self.raw.tell()

    def seek(self, offset, whence=0):
        self.position = self.raw.seek(offset, whence)
        return self.position


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _ns(tag):
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


class CappedTreeBuilder:
    """A TreeBuilder that keeps at most ``cap`` characters of any one element's text, so a
    200 MB post costs no more memory than a 2 MB one. The cut element is marked with its
    full size (TOO_LARGE), for the importer to skip and report the post."""

    def __init__(self, cap):
        self.builder = TreeBuilder()
        self.cap = cap
        self.size = 0

    def start(self, tag, attrs):
        self.size = 0
        return self.builder.start(tag, attrs)

    def data(self, data):
        self.size += len(data)
        if self.size <= self.cap:
            self.builder.data(data)

    def end(self, tag):
        size, self.size = self.size, 0
        elem = self.builder.end(tag)
        if size > self.cap:
            elem.set(TOO_LARGE, str(size))
        return elem

    def close(self):
        return self.builder.close()


def read_posts(stream, max_size=2 * 2**20):
    """Yields a Post per <item>, keeping at most ``max_size`` characters of any one field.
    Raises WXRError for input that is not a readable WXR file."""
    parser = DefusedXMLParser(target=CappedTreeBuilder(max_size), forbid_dtd=True)
    events = iterparse(stream, events=("start", "end"), parser=parser)
    depth = 0
    root_checked = False
    channel = None
    wp_ns = None
    try:
        for event, elem in events:
            if event == "start":
                depth += 1
                if not root_checked:
                    root_checked = True
                    if _local(elem.tag) != "rss":
                        raise WXRError(
                            f"not a WordPress export: the document is <{_local(elem.tag)}>, not an RSS "
                            "file with WordPress's export data (WXR 1.1 or 1.2)"
                        )
                if depth == 2 and _local(elem.tag) == "channel":
                    channel = elem
                elif depth == 3 and channel is not None and wp_ns is None and WP_NAMESPACE.match(_ns(elem.tag)):
                    wp_ns = _ns(elem.tag)
                continue
            depth -= 1
            if depth == 2 and channel is not None:
                if _local(elem.tag) == "item":
                    if wp_ns is None:
                        raise WXRError(
                            "not a WordPress export: an <item> comes before the channel's <wp:wxr_version> "
                            "(or the file uses a WordPress namespace this importer does not know)"
                        )
                    yield _post(elem, wp_ns)
                channel.remove(elem)  # read: let it go
        if wp_ns is None:
            raise WXRError("not a WordPress export: no <wp:wxr_version> 1.0, 1.1 or 1.2 in the channel")
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        reason = str(error).split(":", 1)[0]
        # Expat's words for input that stops mid-document (inside a tag, an element or a CDATA
        # section): only a file's end can leave them, so say the file was cut.
        if reason in ("no element found", "unclosed token", "unclosed CDATA section"):
            raise WXRError(f"the file ends early at line {line}, column {column}: truncated export?") from None
        raise WXRError(f"not well-formed XML at line {line}, column {column}: {reason}") from None
    except DefusedXmlException as error:
        raise WXRError(
            f"refused: the file declares a DTD or entities ({type(error).__name__}), which a WordPress "
            "export never does; nothing was expanded or fetched"
        ) from None


def _post(item, wp_ns):
    wp = f"{{{wp_ns}}}"
    excerpt_text = ""
    content = ""
    too_large = int(item.get(TOO_LARGE, 0))
    for child in item:
        too_large = max(too_large, int(child.get(TOO_LARGE, 0)))
        ns = _ns(child.tag)
        if ns == CONTENT_NS and _local(child.tag) == "encoded":
            content = child.text or ""
        elif EXCERPT_NS.match(ns) and _local(child.tag) == "encoded":
            excerpt_text = child.text or ""

    def text(tag):
        return (item.findtext(tag) or "").strip()

    categories, tags = [], []
    for category in item.findall("category"):
        name = html.unescape((category.text or "").strip())
        slug = unquote(category.get("nicename") or "")
        if category.get("domain") == "category":
            categories.append((slug, name))
        elif category.get("domain") in ("post_tag", None):
            # RSS's plain <category>, as some exports write their tags
            tags.append((slug, name))
    post_id = text(wp + "post_id")
    if not post_id.isdigit():
        # Exports without wp:post_id (hand-made or old ones) still carry it in "?p=123".
        post_id = short_link_id(text("guid")) or short_link_id(text("link"))
    parent = text(wp + "post_parent")
    meta = {
        (postmeta.findtext(wp + "meta_key") or "").strip(): postmeta.findtext(wp + "meta_value") or ""
        for postmeta in item.findall(wp + "postmeta")
    }
    return Post(
        post_id=int(post_id) if post_id.isdigit() else 0,
        title=item.findtext("title") or "",
        link=text("link"),
        guid=text("guid"),
        content=content,
        excerpt=excerpt_text,
        post_date=text(wp + "post_date") or text("pubDate"),
        post_name=text(wp + "post_name"),
        status=text(wp + "status"),
        post_type=text(wp + "post_type"),
        categories=categories,
        tags=tags,
        post_date_gmt=text(wp + "post_date_gmt"),
        post_modified_gmt=text(wp + "post_modified_gmt"),
        password=text(wp + "post_password"),
        sticky=text(wp + "is_sticky") == "1",
        too_large=too_large,
        attachment_url=text(wp + "attachment_url"),
        post_parent=int(parent) if parent.isdigit() else 0,
        meta=meta,
    )


def short_link_id(url):
    """ "123" from https://example.org/?p=123, else ""."""
    value = parse_qs(urlparse(url).query).get("p", [""])[0]
    return value if value.isdigit() else ""
