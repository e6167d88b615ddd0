"""Imports a WordPress export into one site's press room, in one transaction."""

import datetime
import email.utils
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from django.db import reset_queries, transaction
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from core.models import Category, Spokesperson, Topic, in_default_locale
from core.search import not_indexed_on_save
from frontcache.purge import purge_sites
from press.models import PressIndexPage, StoryPage
from wordpress import bulk
from wordpress.content import BodyConverter, normalise_name, summarise
from wordpress.media import MediaLibrary
from wordpress.models import WordPressOrigin
from wordpress.signals import stories_imported
from wordpress.wxr import WXRError, read_posts

CATCH_ALL = {"uncategorized", "press-stories", "press stories"}
# Posts read before their stories are written: enough to share each query among many posts,
# few enough that memory stays flat however long the export is.
BATCH_SIZE = 100


@dataclass
class ImportReport:
    posts_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    unpublished: int = 0
    skipped: Counter = field(default_factory=Counter)
    images_imported: int = 0
    documents_imported: int = 0
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
            ("Stories unpublished", self.unpublished),
        ]
        rows += [(f"Skipped: {reason}", n) for reason, n in sorted(self.skipped.items())]
        rows += [
            ("Images imported", self.images_imported),
            ("Images kept as links", self.images_linked),
            ("Files imported (audio, video, documents)", self.documents_imported),
            ("Redirects created", self.redirects_created),
            ("Warnings", sum(n for n, _posts in self.warnings.values())),
        ]
        return rows


class NoPressRoom(WXRError):
    pass


class DryRun(Exception):
    """Raised at the end of a dry run so the transaction rolls everything back."""


class WordPressImporter:
    def __init__(self, site, media_dir=None, dry_run=False, progress=None, fetch_media=False):
        self.site = site
        self.room = PressIndexPage.objects.child_of(site.root_page).first()
        if self.room is None:
            raise NoPressRoom(f"the site {site.hostname} has no press room to import into")
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.dry_run = dry_run
        self.progress = progress or (lambda report: None)
        self.report = ImportReport()
        self.labels = {Category: {}, Topic: {}}
        self.media = MediaLibrary(self.report, media_dir, fetch_media=fetch_media, dry_run=dry_run)
        self.warned_default_category = False

    def run(self, stream):
        try:
            with transaction.atomic(), not_indexed_on_save(StoryPage):
                # Stories name the English records (their translations are shown on Spanish pages).
                people = list(Spokesperson.objects.filter(in_default_locale()))
                self.spokespeople = {person.pk: person for person in people}
                self.converter = BodyConverter({normalise_name(p.name): p for p in people}, self.media)
                if getattr(stream, "seekable", lambda: False)():
                    self.media.read(stream)  # attachments may follow the posts that show them
                # Every slug in the room, so choosing a unique one asks the database nothing.
                self.slugs = set(Page.objects.child_of(self.room).values_list("slug", flat=True))
                self.site_changed = False
                batch, batch_ids = [], set()
                for post in read_posts(stream):
                    self.report.posts_read += 1
                    if post.post_type != "post":
                        self.media.add(post)  # (for a stream read once: those before the posts)
                        self.report.skipped[f"not a post ({post.post_type or 'no type'})"] += 1
                    else:
                        if post.post_id and post.post_id in batch_ids:
                            # The same post twice: the second must see what the first wrote.
                            self._batch(batch)
                            batch, batch_ids = [], set()
                        batch.append(post)
                        batch_ids.add(post.post_id)
                        if len(batch) >= BATCH_SIZE:
                            self._batch(batch)
                            batch, batch_ids = [], set()
                    self.progress(self.report)
                    reset_queries()  # with DEBUG on, Django would keep every query of the run
                self._batch(batch)
                if self.site_changed:
                    # One purge (and one new cache generation) for the whole import, sent
                    # after the commit, instead of one per story and redirect.
                    purge_sites([self.site.pk], with_listing_sites=True)
                if self.dry_run:
                    raise DryRun
        except DryRun:
            pass
        return self.report

    # --- a batch of posts ----------------------------------------------------------------

    def _batch(self, posts):
        if not posts:
            return
        ids = [post.post_id for post in posts if post.post_id]
        origins = WordPressOrigin.objects.filter(press_room=self.room, post_id__in=ids).select_related("page")
        origins = {origin.post_id: origin for origin in origins}
        self.new = []  # (post, unsaved story, fingerprint)
        self.updated = []  # stories published again, to index
        self.redirect_to = []  # (post, story or page id): its old addresses lead there
        for post in posts:
            self.post = post
            self._post(post, origins.get(post.post_id) if post.post_id else None)
        self._create_new()
        bulk.index(self.updated)
        self._redirects()

    def _post(self, post, origin):
        report = self.report
        if post.status != "publish":
            if origin and self._unpublish(origin):
                return
            report.skipped[f"not published ({post.status or 'no status'})"] += 1
            return
        if not post.post_id:
            report.skipped["no post ID"] += 1
            return
        fingerprint = post.fingerprint
        if origin and origin.fingerprint == fingerprint:
            report.unchanged += 1
            self.redirect_to.append((post, origin.page_id))
            return
        if origin and self._edited_in_wagtail(origin):
            report.skipped["edited in Wagtail since the last import"] += 1
            report.edited_in_wagtail.append(self._post_name())
            return
        story = origin.page if origin else StoryPage()
        self._fill(story)
        if origin is None:
            self.new.append((post, story, fingerprint))
            return
        # Updates are few (only posts changed in WordPress): Wagtail's own path, with its
        # checks, history, and the redirect it makes when a live page's slug changes.
        revision = story.save_revision(clean=False)  # publish() validates as it saves
        revision.publish()
        report.updated += 1
        origin.guid, origin.link = post.guid[:500], post.link[:500]
        origin.fingerprint = fingerprint
        origin.imported_revision = revision
        origin.unpublished_by_import = False
        origin.save()
        self.updated.append(story)
        self.redirect_to.append((post, story))

    def _create_new(self):
        if not self.new:
            return
        revisions = bulk.add_live_stories(self.room, [story for _post, story, _f in self.new], self.spokespeople)
        WordPressOrigin.objects.bulk_create(
            WordPressOrigin(
                page=story,
                press_room=self.room,
                post_id=post.post_id,
                guid=post.guid[:500],
                link=post.link[:500],
                fingerprint=fingerprint,
                imported_revision=revisions[story.pk],
            )
            for post, story, fingerprint in self.new
        )
        stories_imported.send(sender=self.__class__, stories=[story for _post, story, _f in self.new])
        self.report.created += len(self.new)
        self.site_changed = True
        self.redirect_to += [(post, story) for post, story, _f in self.new]

    @staticmethod
    def _edited_in_wagtail(origin):
        """A revision since the import's, or unpublished by an editor (not by an import)."""
        page = origin.page
        return page.latest_revision_id != origin.imported_revision_id or (
            not page.live and not origin.unpublished_by_import
        )

    def _unpublish(self, origin):
        """A post taken out of "publish" in WordPress (draft, private, pending, trash) after
        it was imported: its story is unpublished too, unless an editor changed the story in
        Wagtail since. Returns whether this import unpublished it."""
        post = self.post
        if not origin.page.live:
            return False  # already: by an earlier import, or by an editor
        if self._edited_in_wagtail(origin):
            self._warn(f"now {post.status} in WordPress, but edited in Wagtail since the import: left published")
            return False
        origin.page.unpublish()
        origin.fingerprint = post.fingerprint
        origin.unpublished_by_import = True
        origin.save(update_fields=["fingerprint", "unpublished_by_import", "imported_at"])
        self.report.unpublished += 1
        return True

    def _fill(self, story):
        post = self.post
        conversion = self.converter.convert(post.content, post.clean_title, post.post_id)
        for warning in conversion.warnings:
            self._warn(warning)
        for name in conversion.unmatched_names:
            self.report.unmatched_names[name] += 1
        self.report.images_linked += conversion.images_linked
        if conversion.images_linked and not self.media.has_source:
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
        own = story.slug if story.pk else None  # an updated story keeps its slug if it may
        slug, n = base, 1
        while slug in self.slugs and slug != own:
            n += 1
            slug = f"{base}-{n}"
        self.slugs.discard(own)
        self.slugs.add(slug)
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

    # --- old addresses -------------------------------------------------------------------

    def _redirects(self):
        """The batch's old addresses, each to its story, unless it already leads elsewhere."""
        wanted = [(post, path, target) for post, target in self.redirect_to for path in self._old_paths(post)]
        existing = Redirect.objects.filter(site=self.site, old_path__in={path for _post, path, _t in wanted})
        existing = dict(existing.values_list("old_path", "redirect_page_id"))
        new = []
        for post, old_path, target in wanted:
            page_id = target if isinstance(target, int) else target.pk
            if old_path not in existing:
                existing[old_path] = page_id
                new.append(Redirect(site=self.site, old_path=old_path, redirect_page_id=page_id, is_permanent=True))
            elif existing[old_path] != page_id:
                self.post = post
                self._warn(f"{old_path} already redirects elsewhere: left as it is")
        Redirect.objects.bulk_create(new)
        self.report.redirects_created += len(new)
        self.site_changed = self.site_changed or bool(new)

    @staticmethod
    def _old_paths(post):
        """The post's permalink and its /?p=ID short link, as Wagtail's redirects store them."""
        paths = []
        link = urlparse(post.link)
        if link.path not in ("", "/") or link.query:
            paths.append(link.path + (f"?{link.query}" if link.query else ""))
        guid_id = parse_qs(urlparse(post.guid).query).get("p", [str(post.post_id)])[0]
        paths.append(f"/?p={guid_id}")
        return list(dict.fromkeys(Redirect.normalise_path(p) for p in paths))

    def _post_name(self):
        return f"post {self.post.post_id} “{self.post.clean_title}”"

    def _warn(self, message):
        self.report.warn(message, self._post_name())
