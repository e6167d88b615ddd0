"""WordPress attachments, brought in as Wagtail images and documents.

An export lists each uploaded file as an attachment item: its address, its path under
wp-content/uploads (``_wp_attached_file``), its alt text, caption (the excerpt) and title, and
the post it was uploaded to. Attachments can come after the posts that use them, so they are
read in a first pass over the file, keeping only those few fields. A file is taken from
``--media-dir`` (a copy of uploads/, YYYY/MM/file), else, with ``--fetch-media``, downloaded
(wordpress.fetch); one that cannot be had stays a link, with a warning. Nothing is hot-linked."""

import html
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from wordpress.fetch import FetchError, fetch
from wordpress.wxr import read_posts

RESIZED = re.compile(r"-\d+x\d+(?=\.\w+$)")  # WordPress's "photo-300x200.jpg" sizes of "photo.jpg"
DATED = re.compile(r"/(\d{4}/\d{2}/[^/]+)$")  # uploads/2018/07/photo.jpg, wherever the site kept it
UPLOADS = "/wp-content/uploads/"
# The photographer's credit WordPress read from the file's IPTC data, in the PHP-serialised
# _wp_attachment_metadata: ...s:6:"credit";s:9:"Ana Lopez";...
CREDIT = re.compile(r's:6:"credit";s:(\d+):"')
IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"}
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"}
# Files a page can play or offer for download, never render as a page.
DOCUMENT_TYPES = {
    "application/pdf",
    "application/zip",
    "application/rtf",
    "application/msword",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "text/csv",
    "text/plain",
    "application/octet-stream",
}


def document_extensions():
    """What editors may upload as documents (SVG aside: a drawing that can carry a script)."""
    return {f".{extension}" for extension in settings.WAGTAILDOCS_EXTENSIONS} - {".svg"}


def is_document_type(content_type):
    return content_type in DOCUMENT_TYPES or content_type.split("/", 1)[0] in ("audio", "video")


@dataclass(slots=True)
class Attachment:
    post_id: int
    url: str
    path: str  # under uploads/, e.g. "2018/07/rally.png"
    title: str
    alt: str
    caption: str
    parent: int
    credit: str = ""
    link: str = ""  # its attachment page on the old site


@dataclass(slots=True)
class Found:
    pk: int
    alt: str
    caption: str
    title: str
    credit: str = ""


def upload_path(address):
    """The file's path under uploads/ from its address ("2018/07/rally-300x200.png")."""
    path = unquote(urlsplit(address).path)
    if UPLOADS in path:
        return path.split(UPLOADS, 1)[1]
    dated = DATED.search(path)
    return dated.group(1) if dated else PurePosixPath(path).name


def _key(path):
    return RESIZED.sub("", path).lower()


def credit(metadata):
    match = CREDIT.search(metadata or "")
    if not match:
        return ""
    value = metadata[match.end() :].encode()[: int(match.group(1))]  # PHP counts bytes
    return _plain(value.decode(errors="ignore"))[:255]


def _plain(text):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text or ""))).strip()


class MediaLibrary:
    """One per import run. ``report`` counts what was imported; ``warn(message)`` says why a
    file could not be had (the body converter points it at the post it is converting)."""

    def __init__(self, report, media_dir=None, fetch_media=False, dry_run=False):
        self.report = report
        self.warn = lambda message: None
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.fetch_media = fetch_media
        self.dry_run = dry_run
        self.by_id = {}
        self.by_path = {}
        self.stored = {}  # file hash -> pk, for this run (images and documents apart)
        self.shown = []  # attachments the post being converted shows (as a file or a link)

    @property
    def has_source(self):
        return self.media_dir is not None or self.fetch_media

    # --- the attachments of the export ----------------------------------------------------

    def read(self, stream):
        """The first pass: every attachment of a seekable export, then back to its start."""
        start = stream.tell()
        for post in read_posts(stream):
            self.add(post)
        stream.seek(start)

    def add(self, post):
        if post.post_type != "attachment" or not post.attachment_url:
            return
        path = (post.meta.get("_wp_attached_file") or "").strip() or upload_path(post.attachment_url)
        attachment = Attachment(
            post_id=post.post_id,
            url=post.attachment_url[:1000],
            path=path[:500],
            title=_plain(post.title)[:255],
            alt=_plain(post.meta.get("_wp_attachment_image_alt"))[:255],
            caption=_plain(post.excerpt)[:500],
            parent=post.post_parent,
            credit=credit(post.meta.get("_wp_attachment_metadata")),
            link=post.link[:1000],
        )
        self.by_id[attachment.post_id] = attachment
        self.by_path.setdefault(attachment.path.lower(), attachment)
        self.by_path.setdefault(_key(attachment.path), attachment)

    def find(self, address):
        """The attachment of a file's address: by its path, else as a resized copy of one
        ("image-alignment-150x150.jpg" is an upload of its own, "photo-300x200.jpg" a size of "photo.jpg")."""
        path = upload_path(address)
        return self.by_path.get(path.lower()) or self.by_path.get(_key(path))

    def take_shown(self):
        """The attachments shown by the post converted since the last call (its story's, for
        their old attachment pages to redirect to)."""
        shown, self.shown = self.shown, []
        return shown

    def _used(self, attachment):
        if attachment is not None:
            self.shown.append(attachment.post_id)

    def gallery(self, ids, parent):
        """The attachments a [gallery] shows: those named, else those uploaded to the post."""
        if ids:
            return [self.by_id[i] for i in ids if i in self.by_id]
        return sorted((a for a in self.by_id.values() if a.parent == parent), key=lambda a: a.post_id)

    # --- files ------------------------------------------------------------------------------

    def image(self, address, alt="", caption=""):
        """A Found image for ``address`` (alt text and caption filled from the attachment where
        the post has none), or None, with a warning saying why."""
        attachment = self.find(address)
        pk = self._store(address, attachment, is_image=True)
        self._used(attachment)
        if pk is None:
            return None
        title = (attachment.title if attachment else "") or alt or PurePosixPath(upload_path(address)).stem
        alt = alt or (attachment.alt if attachment else "") or title
        caption = caption or (attachment.caption if attachment else "")
        return Found(pk, alt[:255], caption[:500], title[:255], attachment.credit if attachment else "")

    def document(self, address, title=""):
        attachment = self.find(address)
        pk = self._store(address, attachment, is_image=False)
        self._used(attachment)
        if pk is None:
            return None
        title = title or (attachment.title if attachment else "") or PurePosixPath(upload_path(address)).name
        return Found(pk, "", "", title[:255])

    def _store(self, address, attachment, is_image):
        kind = "image" if is_image else "file"
        name = (attachment.path if attachment else upload_path(address)) or address
        if not self.has_source:
            return None  # the importer's "kept as links (no media folder…)" says so, once per post
        opened = self._from_media_dir(address, attachment) or self._download(address, attachment, is_image, name)
        if opened is None:
            return None
        file, file_name = opened
        with file:
            suffix = PurePosixPath(file_name).suffix.lower()
            if suffix not in (IMAGE_EXTENSIONS if is_image else document_extensions()):
                self.warn(f"{kind} {name}: {suffix or 'no extension'} files are not imported: kept as a link")
                return None
            limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE if is_image else settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
            size = file.seek(0, 2)
            if size > limit:
                self.warn(f"{kind} {name} is larger than {filesizeformat(limit)}: kept as a link")
                return None
            file.seek(0)
            file_hash = hash_filelike(file)
            file.seek(0)
            return self._save(file, file_name, file_hash, size, attachment, is_image, name)

    def _from_media_dir(self, address, attachment):
        if self.media_dir is None:
            return None
        paths = [upload_path(address)]
        if attachment:
            paths = [attachment.path, *paths]
        for relative in dict.fromkeys(p for path in paths for p in (RESIZED.sub("", path), path)):
            resolved = (self.media_dir / relative).resolve()
            if resolved.is_relative_to(self.media_dir) and resolved.is_file():
                return resolved.open("rb"), resolved.name
        return None

    def _download(self, address, attachment, is_image, name):
        kind = "image" if is_image else "file"
        if not self.fetch_media:
            self.warn(f"{kind} {name} is not in the media directory: kept as a link")
            return None
        url = attachment.url if attachment else address
        limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE if is_image else settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
        accept = IMAGE_TYPES.__contains__ if is_image else is_document_type
        try:
            file, _content_type = fetch(url, limit, accept)
        except FetchError as error:
            self.warn(f"{kind} {name} could not be downloaded ({error}): kept as a link")
            return None
        return file, PurePosixPath(unquote(urlsplit(url).path)).name or "download"

    def _save(self, file, file_name, file_hash, size, attachment, is_image, name):
        model = get_image_model() if is_image else get_document_model()
        key = (is_image, file_hash)
        if key in self.stored:
            return self.stored[key]
        existing = model.objects.filter(file_hash=file_hash).values_list("pk", flat=True).first()
        if existing:
            self.stored[key] = existing
            return existing
        counter = "images_imported" if is_image else "documents_imported"
        setattr(self.report, counter, getattr(self.report, counter) + 1)
        if self.dry_run:
            self.stored[key] = 0  # would be imported; nothing is stored on a dry run
            return 0
        title = (attachment.title if attachment else "") or PurePosixPath(file_name).stem
        try:
            with transaction.atomic():
                item = model(title=title[:255], collection=Collection.get_first_root_node(), file_hash=file_hash)
                item.file_size = size  # as Wagtail's upload form sets it: pages show a file's size
                item.file = ImageFile(file, name=file_name) if is_image else File(file, name=file_name)
                item.save()
        except Exception as error:  # Pillow/Willow: not an image it can read
            setattr(self.report, counter, getattr(self.report, counter) - 1)
            kind = "image" if is_image else "file"
            self.warn(f"{kind} {name} could not be read ({type(error).__name__}): kept as a link")
            return None
        self.stored[key] = item.pk
        return item.pk
