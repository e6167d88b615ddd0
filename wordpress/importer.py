"""Imports a WordPress export into one site's press room, in one transaction."""

import datetime
import email.utils
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.core.files.images import ImageFile
from django.db import reset_queries, transaction
from django.db.models.signals import post_save
from django.utils.text import slugify
from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Collection, Page
from wagtail.utils.file import hash_filelike

from core.models import Category, Spokesperson, Topic, in_default_locale
from press.models import PressIndexPage, StoryPage
from wordpress.content import BodyConverter, normalise_name, summarise
from wordpress.models import WordPressOrigin
from wordpress.wxr import WXRError, read_posts

CATCH_ALL = {"uncategorized", "press-stories", "press stories"}
RESIZED = re.compile(r"-\d+x\d+(?=\.\w+$)")  # WordPress's "photo-300x200.jpg" sizes of "photo.jpg"


@dataclass
class ImportReport:
    posts_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)
    images_imported: int = 0
    images_linked: int = 0
    redirects_created: int = 0
    # {message: [number of posts, the first few posts' names]}: one line per kind of problem
    warnings: dict = field(default_factory=dict)
    unmatched_names: Counter = field(default_factory=Counter)
    edited_in_wagtail: list = field(default_factory=list)

    def warn(self, message, post_name=None):
        n, names = self.warnings.get(message, (0, []))
        if post_name and len(names) < 5:
            names.append(post_name)
        self.warnings[message] = (n + 1, names)

    def warning_lines(self):
        for message, (n, names) in self.warnings.items():
            if not names:
                yield message
                continue
            more = f" and {n - len(names)} more" if n > len(names) else ""
            yield f"{message}: {', '.join(names)}{more}"

    def rows(self):
        rows = [
            ("Posts read", self.posts_read),
            ("Stories created", self.created),
            ("Stories updated", self.updated),
            ("Stories unchanged", self.unchanged),
        ]
        rows += [(f"Skipped: {reason}", n) for reason, n in sorted(self.skipped.items())]
        rows += [
            ("Images imported", self.images_imported),
            ("Images kept as links", self.images_linked),
            ("Redirects created", self.redirects_created),
            ("Warnings", sum(n for n, _posts in self.warnings.values())),
        ]
        return rows


@contextmanager
def stories_indexed_once():
    """Creating and publishing a story saves it three times, and each save would re-index it
    for search (a third of an import's time). Inside this block the importer indexes each
    story itself, once, after it is published."""
    post_save.disconnect(post_save_signal_handler, sender=StoryPage)
    try:
        yield
    finally:
        post_save.connect(post_save_signal_handler, sender=StoryPage)


class NoPressRoom(WXRError):
    pass


class DryRun(Exception):
    """Raised at the end of a dry run so the transaction rolls everything back."""


class WordPressImporter:
    def __init__(self, site, media_dir=None, dry_run=False, progress=None):
        self.site = site
        self.room = PressIndexPage.objects.child_of(site.root_page).first()
        if self.room is None:
            raise NoPressRoom(f"the site {site.hostname} has no press room to import into")
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.dry_run = dry_run
        self.progress = progress or (lambda report: None)
        self.report = ImportReport()
        self.labels = {Category: {}, Topic: {}}
        self.images = {}  # file hash -> image id, for this run
        self.warned_default_category = False

    def run(self, stream):
        try:
            with transaction.atomic(), stories_indexed_once():
                self.converter = BodyConverter(
                    # Stories name the English records (their translations are shown on Spanish pages).
                    {normalise_name(p.name): p for p in Spokesperson.objects.filter(in_default_locale())},
                    self._image,
                )
                for post in read_posts(stream):
                    self._post(post)
                    self.progress(self.report)
                    reset_queries()  # with DEBUG on, Django would keep every query of the run
                if self.dry_run:
                    raise DryRun
        except DryRun:
            pass
        return self.report

    # --- one post ------------------------------------------------------------------------

    def _post(self, post):
        report = self.report
        report.posts_read += 1
        self.post = post
        if post.post_type != "post":
            report.skipped[f"not a post ({post.post_type or 'no type'})"] += 1
            return
        origin = (
            WordPressOrigin.objects.filter(press_room=self.room, post_id=post.post_id).select_related("page").first()
        )
        if post.status != "publish":
            report.skipped[f"not published ({post.status or 'no status'})"] += 1
            if origin:
                self._warn(f"now {post.status} in WordPress; the imported story was left as it is")
            return
        if not post.post_id:
            report.skipped["no post ID"] += 1
            return
        fingerprint = post.fingerprint
        if origin and origin.fingerprint == fingerprint:
            report.unchanged += 1
            self._redirects(origin.page)
            return
        if origin and origin.page.latest_revision_id != origin.imported_revision_id:
            report.skipped["edited in Wagtail since the last import"] += 1
            report.edited_in_wagtail.append(self._post_name())
            return
        story = origin.page.specific if origin else StoryPage()
        self._fill(story)
        if origin:
            revision = story.save_revision(clean=False)  # publish() validates as it saves
            revision.publish()
            report.updated += 1
        else:
            self.room.add_child(instance=story)
            revision = story.save_revision(clean=False)  # publish() validates as it saves
            revision.publish()
            origin = WordPressOrigin(page=story, press_room=self.room, post_id=post.post_id)
            report.created += 1
        origin.guid, origin.link = post.guid[:500], post.link[:500]
        origin.fingerprint = fingerprint
        origin.imported_revision = revision
        origin.save()
        index.insert_or_update_object(story)
        self._redirects(story)

    def _fill(self, story):
        post = self.post
        conversion = self.converter.convert(post.content, post.clean_title)
        for warning in conversion.warnings:
            self._warn(warning)
        for name in conversion.unmatched_names:
            self.report.unmatched_names[name] += 1
        self.report.images_linked += conversion.images_linked
        if conversion.images_linked and self.media_dir is None:
            self._warn("images kept as links (no --media-dir)")
        story.title = post.clean_title[:255] or f"WordPress post {post.post_id}"
        story.slug = self._slug(story)
        story.date = self._date()
        story.summary = summarise(post.excerpt, conversion.plain_text) or story.title
        story.body = conversion.blocks
        real = [(slug, name) for slug, name in post.categories if not self._is_catch_all(slug, name)]
        story.category = self._label(Category, *real[0]) if real else self._default_category()
        topics = [self._label(Topic, slug, name) for slug, name in post.tags + real[1:]]
        story.topics = list({topic.pk: topic for topic in topics}.values())
        if real[1:]:
            self._warn("more categories than a story has: " + ", ".join(n for _s, n in real[1:]) + " kept as topics")

    def _slug(self, story):
        post = self.post
        base = slugify(post.slug, allow_unicode=True)[:240] or slugify(post.clean_title)[:240]
        base = base or f"post-{post.post_id}"
        siblings = Page.objects.child_of(self.room)
        if story.pk:
            siblings = siblings.exclude(pk=story.pk)
        slug, n = base, 1
        while siblings.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    def _date(self):
        value = self.post.post_date
        try:
            return datetime.date.fromisoformat(value[:10])
        except ValueError:
            pass
        try:
            return email.utils.parsedate_to_datetime(value).date()
        except (TypeError, ValueError):
            self._warn(f"date {value!r} not understood; today's date used")
            return datetime.date.today()

    @staticmethod
    def _is_catch_all(slug, name):
        return slug.casefold() in CATCH_ALL or name.casefold() in CATCH_ALL

    def _default_category(self):
        if self.room.default_category_id:
            return self.room.default_category
        if not self.warned_default_category:
            self.warned_default_category = True
            self.report.warn(
                "the press room has no default category: uncategorised posts went to “Uncategorized”; "
                "set the room's default category and move them"
            )
        return self._label(Category, "uncategorized", "Uncategorized")

    def _label(self, model, slug, name):
        """The Category or Topic for a WordPress term: by slug, then by name, else created."""
        key = slug or slugify(name)
        cache = self.labels[model]
        if key not in cache:
            labels = model.objects.filter(in_default_locale())
            label = labels.filter(slug=key).first() or labels.filter(name__iexact=name).first()
            if label is None:
                label = model.objects.create(slug=key[:120] or slugify(name)[:120], name=name[:120] or key)
            cache[key] = label
        return cache[key]

    # --- images --------------------------------------------------------------------------

    def _image(self, src, title):
        if self.media_dir is None:
            return None
        path = unquote(urlparse(src).path)
        marker = "/wp-content/uploads/"
        if marker not in path:
            self._warn(f"image {src} is not in wp-content/uploads: kept as a link")
            return None
        relative = path.split(marker, 1)[1]
        candidates = [RESIZED.sub("", relative), relative]
        file_path = None
        for candidate in candidates:
            resolved = (self.media_dir / candidate).resolve()
            if resolved.is_relative_to(self.media_dir) and resolved.is_file():
                file_path = resolved
                break
        if file_path is None:
            self._warn(f"image {relative} is not in the media directory: kept as a link")
            return None
        with file_path.open("rb") as f:
            file_hash = hash_filelike(f)
        if file_hash in self.images:
            return self.images[file_hash]
        Image = get_image_model()
        existing = Image.objects.filter(file_hash=file_hash).values_list("pk", flat=True).first()
        if existing:
            self.images[file_hash] = existing
            return existing
        self.report.images_imported += 1
        if self.dry_run:
            self.images[file_hash] = 0  # would be imported; nothing is stored on a dry run
            return 0
        try:
            with transaction.atomic(), file_path.open("rb") as f:
                image = Image(title=title[:255], collection=Collection.get_first_root_node(), file_hash=file_hash)
                image.file = ImageFile(f, name=file_path.name)
                image.save()
        except Exception as error:  # Pillow/Willow: not an image it can read
            self.report.images_imported -= 1
            self._warn(f"image {relative} could not be read ({type(error).__name__}): kept as a link")
            return None
        self.images[file_hash] = image.pk
        return image.pk

    # --- old addresses -------------------------------------------------------------------

    def _redirects(self, story):
        post = self.post
        paths = []
        link = urlparse(post.link)
        if link.path not in ("", "/") or link.query:
            paths.append(link.path + (f"?{link.query}" if link.query else ""))
        guid_id = parse_qs(urlparse(post.guid).query).get("p", [str(post.post_id)])[0]
        paths.append(f"/?p={guid_id}")
        for old_path in dict.fromkeys(Redirect.normalise_path(p) for p in paths):
            existing = Redirect.objects.filter(site=self.site, old_path=old_path).first()
            if existing is None:
                Redirect.objects.create(site=self.site, old_path=old_path, redirect_page=story, is_permanent=True)
                self.report.redirects_created += 1
            elif existing.redirect_page_id != story.pk:
                self._warn(f"{old_path} already redirects elsewhere: left as it is")

    def _post_name(self):
        return f"post {self.post.post_id} “{self.post.clean_title}”"

    def _warn(self, message):
        self.report.warn(message, self._post_name())
