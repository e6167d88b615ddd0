"""The block editor's (Gutenberg's) blocks and the media a post holds, as story body blocks.

A block-editor post is HTML with each block marked by a comment (``<!-- wp:image {...} -->``)
and classes (``wp-block-image``). The HTML already says what each block is, so blocks are read
from their elements and classes; the comments are only read to find custom HTML (sanitised,
with a warning) and blocks WordPress builds when a page is shown (latest posts, a calendar),
which an export holds nothing of."""

import html
import re
import uuid
from urllib.parse import urlsplit

from bs4 import Tag
from wagtail.embeds.finders import get_finders

from wordpress.sanitise import safe_url

BLOCK_COMMENT = re.compile(r"^\s*(/?)wp:([a-z0-9/-]+)(.*?)(/?)\s*$", re.S)
# A pasted YouTube player frame: the oEmbed finder knows the video by its watch address.
YOUTUBE_FRAME = re.compile(r"^https?://(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]{6,})")


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def item(value):
    """A ListBlock item, in Wagtail's own raw form."""
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def plain(text):
    return re.sub(r"\s+", " ", text).strip()


def has_class(node, prefix):
    return isinstance(node, Tag) and any(c.startswith(prefix) for c in node.get("class") or [])


def embeddable(url):
    """Whether one of this site's embed finders (WAGTAILEMBEDS_FINDERS) takes the address."""
    return any(finder.accept(url) for finder in get_finders())


class EditorBlocks:
    """Mixed into the BodyConverter: handlers for figures, media, tables, buttons and comments.
    ``self.items``, ``self.out``, ``self.media``, ``self.title`` and ``self._image`` come from it."""

    # --- comments ----------------------------------------------------------------------------

    def _comment(self, comment):
        match = BLOCK_COMMENT.match(str(comment))
        if not match:
            return  # <!--more-->, <!--nextpage-->, a note: structure, not text
        closing, name, _attributes, self_closing = match.groups()
        if name == "html" and not closing:
            self.out.warnings.append("custom HTML sanitised into rich text")
        elif self_closing and name not in ("more", "nextpage", "separator", "spacer"):
            # Built by WordPress when a page is shown (latest posts, archives, a calendar): the
            # export holds nothing of it.
            self.out.warnings.append(f"block-editor block [wp:{name}] has no content in the export: removed")

    # --- addresses -------------------------------------------------------------------------

    def _safe(self, url):
        """``url`` if safe (wordpress.sanitise.safe_url), else None with a warning."""
        checked = safe_url(url)
        if checked is None and (url or "").strip():
            scheme = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(url)).split(":", 1)[0][:20].lower()
            self.out.warnings.append(f"unsafe address removed ({scheme}:)")
        return checked

    def _link(self, label, url):
        """A paragraph linking to ``url``; the label alone when the address is not safe."""
        checked = self._safe(url)
        label = html.escape(label or url or "")
        self.items.append(("p", f'<a href="{html.escape(checked)}">{label}</a>' if checked else label))

    # --- figures -----------------------------------------------------------------------------

    def _figure(self, node):
        if has_class(node, "wp-block-embed") or has_class(node, "is-type-video"):
            return self._embed_figure(node)
        if has_class(node, "wp-block-gallery") or node.has_attr("data-wp-ids"):
            return self._gallery(node)
        if has_class(node, "wp-block-table"):
            table = node.find("table")
            return self._table(table, caption=node.find("figcaption")) if table else None
        if has_class(node, "wp-block-pullquote"):
            return self._quote(node.find("blockquote") or node)
        for kind in ("audio", "video"):
            player = node.find(kind)
            if player is not None:
                caption = node.find("figcaption")
                return self._player(player, plain(caption.get_text()) if caption else "")
        caption_node = node.find("figcaption")
        caption = plain(caption_node.get_text()) if caption_node else ""
        if caption_node:
            caption_node.extract()
        images = node.find_all("img")
        for img in images:
            img.extract()
        if not caption:
            caption = plain(node.get_text())  # [caption]<img/> Words[/caption]
        for img in images:
            self._image(img, caption)

    def _embed_figure(self, node):
        wrapper = node.find(class_="wp-block-embed__wrapper") or node
        frame = node.find("iframe")
        url = plain(wrapper.get_text()) or (frame.get("src", "") if frame else "")
        caption = node.find("figcaption")
        self._embed(url, plain(caption.get_text()) if caption else "")

    def _embed(self, url, title=""):
        if not url:
            return
        checked = self._safe(url)
        if checked is None:
            return
        frame = YOUTUBE_FRAME.match(checked)
        if frame:
            checked = f"https://www.youtube.com/watch?v={frame.group(1)}"
        if urlsplit(checked).scheme in ("http", "https") and embeddable(checked):
            value = {"url": checked, "title": (title or f"Video: {self.title}")[:255]}
            self.items.append(("block", block("embed", value)))
            return
        host = urlsplit(checked).hostname or checked
        self.out.warnings.append(f"embed from {host} (not a provider this site embeds): kept as a link")
        self._link(title or checked, checked)

    def _iframe(self, node):
        self._embed((node.get("src") or "").strip(), node.get("title") or "")

    def _gallery(self, node):
        pictures = []
        if node.has_attr("data-wp-ids"):  # the [gallery] shortcode: images from the attachments
            ids = [int(i) for i in node["data-wp-ids"].split(",") if i.isdigit()]
            attachments = self.media.gallery(ids, self.post_id) if self.media else []
            for attachment in attachments:
                found = self._media_image(attachment.url, "", "")
                if found:
                    pictures.append(found)
            if attachments and not pictures:
                self.out.warnings.append("a [gallery] whose images could not be had: kept as links")
            elif not attachments:
                self.out.warnings.append("a [gallery] with no images in the export: removed")
        for img in node.find_all("img"):
            figure = img.find_parent("figure")
            caption = figure.find("figcaption") if figure is not None and figure is not node else None
            caption = plain(caption.get_text()) if caption else ""
            found = self._media_image(img.get("src") or "", plain(img.get("alt") or ""), caption)
            if found:
                pictures.append(found)
        if not pictures:
            return
        gallery_caption = node.find("figcaption", recursive=False)
        value = {
            "images": [
                item({"image": {"image": f.pk, "alt_text": f.alt, "decorative": False}, "caption": f.caption})
                for f in pictures
            ],
            "caption": plain(gallery_caption.get_text())[:500] if gallery_caption else "",
        }
        self.items.append(("block", block("gallery", value)))

    def _media_image(self, src, alt, caption):
        """A gallery's image: a Found image, or a link (with a warning) when it can't be had."""
        found = self.media.image(src, alt, caption) if self.media and self._safe(src) else None
        if found is None:
            self.out.images_linked += 1
            self._link(caption or alt or "Image", src)
        return found

    # --- audio, video, files ---------------------------------------------------------------

    def _player(self, node, caption=""):
        source = node.find("source")
        src = (node.get("src") or (source.get("src") if source else "") or "").strip()
        if not src or not self._safe(src):
            return
        kind = "audio" if node.name == "audio" else "video"
        if kind == "video" and embeddable(src):  # [video src="https://youtu.be/…"]
            return self._embed(src, caption)
        found = self.media.document(src, caption) if self.media else None
        if found is None:
            self._unavailable(f"{kind} file")
            self._link(caption or f"{kind.capitalize()}: {src}", src)
            return
        self.items.append(("block", block(kind, {"file": found.pk, "title": found.title})))

    def _file(self, node):
        link = node if node.name == "a" else node.find("a", href=True)
        if link is None:
            return
        href = (link.get("href") or "").strip()
        title = plain(link.get_text())
        found = self.media.document(href, title) if self.media and self._safe(href) else None
        if found is None:
            self._unavailable("file")
            self._link(title or href, href)
            return
        self.items.append(("block", block("document", {"document": found.pk, "title": title[:255]})))

    def _unavailable(self, kind):
        # With a media source, the library has said why this file could not be had.
        if not (self.media and self.media.has_source):
            self.out.warnings.append(f"{kind} kept as a link (no media folder or zip of uploads given)")

    # --- tables, buttons, separators -------------------------------------------------------

    def _table(self, node, caption=None):
        rows, header = [], False
        for row in node.find_all("tr"):
            cells = row.find_all(["td", "th"])
            if not rows:  # the first row is a header when it sits in <thead> or is all <th>
                header = row.find_parent("thead") is not None or (bool(cells) and all(c.name == "th" for c in cells))
            rows.append([plain(cell.get_text()) for cell in cells])
        if not any(any(row) for row in rows):
            return
        width = max(len(row) for row in rows)
        value = {
            "data": [row + [""] * (width - len(row)) for row in rows],
            "table_header_choice": "row" if header else "neither",
            "first_row_is_table_header": header,
            "first_col_is_header": False,
            "table_caption": plain(caption.get_text())[:255] if caption else "",
        }
        self.items.append(("block", block("table", value)))

    def _buttons(self, node):
        buttons = []
        for link in node.find_all("a"):
            text, href = plain(link.get_text()), self._safe(link.get("href") or "")
            if not (text and href):
                continue
            if urlsplit(href).scheme in ("http", "https"):
                buttons.append(item({"text": text[:80], "url": href}))
            else:  # mailto:, tel: or a relative address: a link (the button block takes web addresses)
                self._link(text, href)
        if buttons:
            self.items.append(("block", block("buttons", {"buttons": buttons})))

    def _hr(self, node):
        self.items.append(("block", block("separator", None)))

    # --- which element is which block ----------------------------------------------------

    def _special(self, node):
        """Handles a block-editor element its classes name; returns whether it did."""
        if has_class(node, "wp-block-buttons") or has_class(node, "wp-block-button"):
            self._buttons(node)
        elif has_class(node, "wp-block-file"):
            self._file(node)
        elif node.name in ("audio", "video"):
            self._player(node)
        elif has_class(node, "wp-block-embed"):
            self._embed_figure(node)
        else:
            return False
        return True
