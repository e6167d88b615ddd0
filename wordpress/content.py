"""Turns a WordPress post's HTML into the story body's blocks.

WordPress stores posts as loose HTML: paragraphs separated by blank lines (wpautop), shortcodes,
oEmbed links on a line of their own. Each becomes a real block; markup the paragraph block does
not allow is reduced to its text and reported, never stored as raw HTML."""

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlparse

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from wordpress import shortcodes
from wordpress.blocks_editor import EditorBlocks, block, embeddable
from wordpress.sanitise import sanitise_stream

SUMMARY_MAX = 500
MAX_DEPTH = 100  # tags inside tags: the walk below recurses once or twice per level
# Sites WordPress embeds from an address on a line of its own, beyond those this site embeds
# (WAGTAILEMBEDS_FINDERS): such a line becomes a link, and the report says the embed was lost.
OEMBED_HOSTS = {
    "twitter.com", "x.com", "instagram.com", "facebook.com", "wordpress.tv", "soundcloud.com",
    "open.spotify.com", "flickr.com", "tiktok.com", "reddit.com", "tumblr.com", "ted.com",
    "dailymotion.com", "mixcloud.com", "scribd.com", "slideshare.net", "imgur.com", "videopress.com",
}  # fmt: skip
URL_LINE = re.compile(r"^https?://\S+$")
LEAD_IN = re.compile(
    r"^(?P<name>[^,]{3,80}),\s+(?P<role>.+?),?\s+issued the following statement\s*[:.]?\s*(?P<rest>.*)$",
    re.S | re.I,
)
BLOCK_CONTAINERS = {"div", "section", "article", "main", "center", "header", "footer", "aside", "body", "html"}
INLINE_KEPT = {"b": "b", "strong": "b", "i": "i", "em": "i"}
# Have no text to keep: removed, and reported by name.
REMOVED = {"script", "style", "form", "input", "button", "select", "object", "embed", "noscript"}


def _depth(soup):
    """How deeply tags nest (without recursion; stops counting past MAX_DEPTH)."""
    deepest, stack = 0, [(soup, 0)]
    while stack and deepest <= MAX_DEPTH:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in node.contents if isinstance(child, Tag))
    return deepest


def plain(text):
    return re.sub(r"\s+", " ", text).strip()


def normalise_name(name):
    return plain(name.replace("\u00a0", " ")).casefold()


@dataclass
class Conversion:
    blocks: list = field(default_factory=list)
    plain_text: list = field(default_factory=list)  # paragraphs, for a summary
    warnings: list = field(default_factory=list)
    reduced_tags: set = field(default_factory=set)
    unmatched_names: list = field(default_factory=list)
    images_linked: int = 0


class BodyConverter(EditorBlocks):
    """One per import: knows the spokespeople (by normalised name) and the export's media
    (a wordpress.media.MediaLibrary, or None to keep every image and file a link)."""

    def __init__(self, spokespeople, media=None):
        self.spokespeople = spokespeople  # {normalised name: Spokesperson}
        self.media = media

    def convert(self, content, title, post_id=None):
        self.out = Conversion()
        self.title = title
        self.post_id = post_id  # whose attachments a bare [gallery] shows
        self.items = []  # ("p"|"h2"|"h3", html) ("list", html) or ("block", block)
        if self.media:
            self.media.warn = self.out.warnings.append  # why a file could not be had: this post's
        content = shortcodes.expand(content, self.out.warnings.append)
        soup = BeautifulSoup(content, "html.parser")
        if _depth(soup) > MAX_DEPTH:
            # Hundreds of nested tags: no real post, and walking them would exhaust the stack.
            # The words are kept, the markup is not.
            self.out.warnings.append(f"markup nested more than {MAX_DEPTH} deep: reduced to its text")
            soup = BeautifulSoup(html.escape(soup.get_text(), quote=False), "html.parser")
        self._blocks(soup.contents)
        self._assemble()
        sanitise_stream(self.out.blocks)  # last, over everything written: nothing unsafe gets by
        if self.out.reduced_tags:
            tags = ", ".join(f"<{tag}>" for tag in sorted(self.out.reduced_tags))
            self.out.warnings.append(f"markup reduced to its text: {tags}")
        # One line per kind of warning, counted: the report lists each post once under it.
        counted = Counter(self.out.warnings)
        self.out.warnings = [message if n == 1 else f"{message} ({n} times)" for message, n in counted.items()]
        return self.out

    # --- block level ---------------------------------------------------------------------

    def _blocks(self, nodes):
        run = []
        for node in list(nodes):
            if isinstance(node, Comment):
                self._comment(node)  # Gutenberg's <!-- wp:… --> and <!--more-->: structure, not text
                continue
            name = node.name if isinstance(node, Tag) else None
            if isinstance(node, Tag) and self._special(node):
                self._flush(run)
                run = []
                continue
            if name is None or name not in self.BLOCK_HANDLERS:
                if isinstance(node, Tag) and name not in ("a",) and name in BLOCK_CONTAINERS:
                    self._flush(run)
                    run = []
                    self._blocks(node.contents)
                    continue
                if isinstance(node, Tag) and node.find("img") is not None and not plain(node.get_text()):
                    self._flush(run)
                    run = []
                    for img in node.find_all("img"):
                        self._image(img, "")
                    continue
                run.append(node)
                continue
            self._flush(run)
            run = []
            getattr(self, self.BLOCK_HANDLERS[name])(node)
        self._flush(run)

    BLOCK_HANDLERS = {
        "p": "_paragraph",
        "h1": "_heading",
        "h2": "_heading",
        "h3": "_heading",
        "h4": "_heading",
        "h5": "_heading",
        "h6": "_heading",
        "blockquote": "_quote",
        "ul": "_list",
        "ol": "_list",
        "figure": "_figure",
        "img": "_lone_image",
        "iframe": "_iframe",
        "table": "_table",
        "pre": "_pre",
        "hr": "_hr",
        **dict.fromkeys(REMOVED, "_removed"),
    }

    def _paragraph(self, node):
        self._blocks(node.contents)  # a <p> may hold images or blank-line breaks of its own

    def _flush(self, run):
        if not run:
            return
        for img in [img for node in run if isinstance(node, Tag) for img in node.find_all("img")]:
            img.extract()
            self._image(img, "")  # an image inside a sentence: shown after it
        rich = "".join(self._inline(node, split=True) for node in run)
        for chunk in rich.split("\x00"):
            chunk = re.sub(r"^(\s|<br/>)+|(\s|<br/>)+$", "", chunk)
            if not chunk:
                continue
            text = plain(html.unescape(re.sub(r"<[^>]+>", " ", chunk)))
            if not text:
                continue
            host = urlparse(text).hostname if URL_LINE.match(text) else None
            if host and (embeddable(text) or host.removeprefix("www.") in OEMBED_HOSTS):
                self._embed(text)  # an address on a line of its own: WordPress showed it embedded
                continue
            self.items.append(("p", chunk))

    def _heading(self, node):
        level = "h2" if node.name in ("h1", "h2") else "h3"
        text = self._inline_children(node)
        if plain(re.sub(r"<[^>]+>", "", text)):
            self.items.append((level, text))

    def _list(self, node):
        items = []
        for li in node.find_all("li"):
            # A nested list's items are items of their own (find_all reaches them), so an item's
            # text is its own words, without the list inside it.
            own = [child for child in li.contents if not (isinstance(child, Tag) and child.name in ("ul", "ol"))]
            text = "".join(self._inline(child, split=False) for child in own).strip()
            if plain(re.sub(r"<[^>]+>", "", text)):
                items.append(f"<li>{text}</li>")
        if items:
            self.items.append(("list", f"<{node.name}>{''.join(items)}</{node.name}>"))

    def _quote(self, node):
        attribution = ""
        cite = node.find(["cite", "footer"])
        if cite is not None:
            attribution = plain(cite.get_text())
            cite.extract()
        paragraphs = [plain(p.get_text()) for p in node.find_all("p")] or [plain(node.get_text())]
        paragraphs = [p for p in paragraphs if p]
        if not attribution and paragraphs and re.match(r"^[—–-]\s*\S", paragraphs[-1]):
            attribution = paragraphs.pop().lstrip("—–- ").strip()
        if not paragraphs:
            return
        text = "\n\n".join(p.strip('“”"') for p in paragraphs)
        person = self.spokespeople.get(normalise_name(attribution.split(",")[0])) if attribution else None
        if not attribution:
            self.out.warnings.append("a quote has no attribution: add one before the story is published again")
        value = {
            "text": text,
            "spokesperson": person.pk if person else None,
            "attribution": "" if person else attribution[:255],
        }
        self.items.append(("block", block("quote", value)))

    def _lone_image(self, node):
        self._image(node, "")

    def _image(self, img, caption):
        src = (img.get("src") or "").strip()
        if not src:
            return
        alt = plain(img.get("alt") or "")
        found = self.media.image(src, alt, caption) if self.media and self._safe(src) else None
        if found is None:
            # Never an <img> from the old site: a link to it, and the report counts it.
            self.out.images_linked += 1
            self._link(f"Image: {caption or alt or self.title}", src)
            return
        value = {
            "image": {"image": found.pk, "alt_text": (found.alt or caption or self.title)[:255], "decorative": False},
            "caption": found.caption,
            "credit": found.credit,
        }
        self.items.append(("block", block("image", value)))

    def _pre(self, node):
        self.out.reduced_tags.add(node.name)
        text = node.get_text().strip()
        if text:
            self.items.append(("p", "<br/>".join(html.escape(line) for line in text.splitlines())))

    def _removed(self, node):
        self.out.warnings.append(f"<{node.name}> removed")

    # --- inline --------------------------------------------------------------------------

    def _inline_children(self, node):
        return "".join(self._inline(child, split=False) for child in node.contents).strip()

    def _inline(self, node, split):
        if isinstance(node, Comment):
            return ""
        if isinstance(node, NavigableString):
            text = html.escape(str(node), quote=False)
            if split:
                text = re.sub(r"\n\s*\n", "\x00", text)  # wpautop: a blank line ends a paragraph
            return re.sub(r"\s*\n\s*", "<br/>", text) if split else re.sub(r"\s+", " ", text)
        name = node.name
        if name == "br":
            return "<br/>"
        inner = "".join(self._inline(child, split=False) for child in node.contents)
        if name in INLINE_KEPT:
            tag = INLINE_KEPT[name]
            return f"<{tag}>{inner}</{tag}>" if inner.strip() else inner
        if name == "a" and node.get("href"):
            href = self._safe(node["href"])
            if href:
                return f'<a href="{html.escape(href)}">{inner}</a>'
            return inner
        if name in REMOVED:
            self.out.warnings.append(f"<{name}> removed")
            return ""
        self.out.reduced_tags.add(name)
        return inner

    # --- statements and assembly ---------------------------------------------------------

    def _assemble(self):
        items = self.items
        i = 0
        text_run = []
        while i < len(items):
            kind, value = items[i]
            if kind == "p":
                statement, consumed = self._statement(i)
                if statement:
                    self._emit_text(text_run)
                    text_run = []
                    self.out.blocks.append(statement)
                    i += consumed
                    continue
            if kind == "block":
                self._emit_text(text_run)
                text_run = []
                self.out.blocks.append(value)
            else:
                text_run.append((kind, value))
            i += 1
        self._emit_text(text_run)

    def _statement(self, start):
        text = plain(html.unescape(re.sub(r"<[^>]+>", "", self.items[start][1])))
        match = LEAD_IN.match(text)
        if not match:
            return None, 0
        name = plain(match.group("name"))
        person = self.spokespeople.get(normalise_name(name))
        if person is None:
            if name not in self.out.unmatched_names:
                self.out.unmatched_names.append(name)
            return None, 0
        parts = [f"<p>{html.escape(match.group('rest'))}</p>"] if match.group("rest") else []
        end = start + 1
        while end < len(self.items) and self.items[end][0] in ("p", "list"):
            kind, value = self.items[end]
            following = plain(html.unescape(re.sub(r"<[^>]+>", "", value)))
            if kind == "p" and LEAD_IN.match(following):
                break
            parts.append(f"<p>{value}</p>" if kind == "p" else value)
            self.out.plain_text.append(following)
            end += 1
        if not parts:
            return None, 0
        return block("statement", {"spokesperson": person.pk, "text": "".join(parts)}), end - start

    def _emit_text(self, run):
        if not run:
            return
        parts = []
        for kind, value in run:
            if kind == "p":
                parts.append(f"<p>{value}</p>")
                self.out.plain_text.append(plain(html.unescape(re.sub(r"<[^>]+>", " ", value))))
            elif kind in ("h2", "h3"):
                parts.append(f"<{kind}>{value}</{kind}>")
            else:
                parts.append(value)
        self.out.blocks.append(block("paragraph", "".join(parts)))


def summarise(excerpt, paragraphs, limit=SUMMARY_MAX):
    """The excerpt as plain text, else the body's first sentences; within ``limit``."""
    text = plain(html.unescape(re.sub(r"<[^>]+>", " ", excerpt or "")))
    if not text:
        text = " ".join(p for p in paragraphs if p)
    if len(text) <= limit and excerpt:
        return text
    sentences = re.split(r"(?<=[.!?])\s+|(?<=[.!?][\"”’)])\s+", text)
    summary = ""
    for sentence in sentences[:2]:
        candidate = f"{summary} {sentence}".strip()
        if len(candidate) > limit:
            break
        summary = candidate
    if not summary:
        summary = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return summary
