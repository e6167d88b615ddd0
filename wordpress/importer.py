"""Imports a WordPress export into one site's press room, in one transaction."""

import datetime
import email.utils
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.db import reset_queries, transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction

from core.models import Category, Spokesperson, Topic, in_default_locale
from core.search import not_indexed_on_save
from frontcache.purge import purge_sites
from press.models import PressIndexPage, StoryPage
from press.models.facet_counts import count_rooms, counting_deferred
from press.models.press_room import is_room_route
from press.pinning import set_pin
from wordpress import bulk
from wordpress.content import BodyConverter, normalise_name, summarise
from wordpress.media import MediaLibrary
from wordpress.models import WordPressOrigin
from wordpress.report import ImportReport
from wordpress.signals import stories_imported
from wordpress.termmap import SKIP
from wordpress.wxr import WXRError, read_posts, short_link_id

CATCH_ALL = {"uncategorized", "press-stories", "press stories"}
# Posts read before their stories are written: enough to share each query among many posts,
# few enough that memory stays flat however long the export is.
BATCH_SIZE = 100
# Topics a story keeps without a map file (tags first, then extra categories): an archive
# with 71 tags would otherwise give one story 62. The cut is reported.
MAX_TOPICS = 8
# What becomes of password-protected posts (--password-protected).
SKIP_PROTECTED, RESTRICT_PROTECTED = "skip", "restrict"


class NoPressRoom(WXRError):
    pass


class DryRun(Exception):
    """Raised at the end of a dry run so the transaction rolls everything back."""


class WordPressImporter:
    def __init__(
        self,
        site,
        media_dir=None,
        dry_run=False,
        progress=None,
        *,
        password_protected=SKIP_PROTECTED,
        term_map=None,
        max_topics=MAX_TOPICS,
        max_post_size=None,
        fetch_media=False,
    ):
        """``password_protected``: SKIP_PROTECTED (not imported, counted) or RESTRICT_PROTECTED
        (imported behind a Wagtail password restriction with the post's password);
        ``term_map``: a wordpress.termmap.TermMap; ``max_post_size``: characters of a post's
        content (settings.WORDPRESS_MAX_POST_SIZE by default) past which it is skipped;
        ``fetch_media``: download attachments not in ``media_dir`` (public addresses only)."""
        if password_protected not in (SKIP_PROTECTED, RESTRICT_PROTECTED):
            raise ValueError(f"password_protected must be {SKIP_PROTECTED!r} or {RESTRICT_PROTECTED!r}")
        self.password_protected = password_protected
        self.term_map = term_map
        self.max_topics = max_topics
        self.max_post_size = max_post_size or settings.WORDPRESS_MAX_POST_SIZE
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
        self.sticky = []  # stories of sticky posts
        self.post_ids = set()  # every post ID read: a guid's "?p=" never takes another post's short link
        self.guid_links = []  # (guid's post ID, story id): redirected at the end of the run
        self.extra_redirects = []  # (old URL, page id or absolute URL): see redirect_old_address
        self.shows = {}  # post ID -> the attachments its story shows (until the story has an id)
        self.attachment_stories = {}  # attachment ID -> the first story showing it
        self.conflicts = set()  # old paths reported as leading elsewhere: said once

    def run(self, stream):
        try:
            with transaction.atomic(), not_indexed_on_save(StoryPage), counting_deferred():
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
                for post in read_posts(stream, max_size=self.max_post_size):
                    self.report.posts_read += 1
                    self.post_ids.add(post.post_id)
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
                self._final_redirects()
                self._pin_newest_sticky()
                if self.site_changed:
                    # Stories written in bulk send no publish signal: the rooms of their
                    # language have their facets recounted, once, as the block above ends.
                    count_rooms(PressIndexPage.objects.filter(locale_id=self.room.locale_id))
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
            if origin and self._unpublish(origin, f"now {post.status or 'without a status'} in WordPress"):
                return
            report.skipped[f"not published ({post.status or 'no status'})"] += 1
            return
        if not post.post_id:
            report.skipped["no post ID"] += 1
            return
        if post.password and self.password_protected == SKIP_PROTECTED:
            # Privacy first: never public. (--password-protected restrict imports it behind the password.)
            if origin and self._unpublish(origin, "now password-protected in WordPress"):
                return
            report.skipped["password-protected (not imported)"] += 1
            return
        if post.too_large:
            report.skipped["too large"] += 1
            self._warn(
                f"over {self.max_post_size:,} characters ({post.too_large:,}): skipped"
                + (", its story left as it was" if origin else "")
            )
            return
        fingerprint = post.fingerprint
        # (A story this import had unpublished comes back: e.g. a protected post, skipped by
        # one run, imported behind its password by a run with --password-protected restrict.)
        if origin and origin.fingerprint == fingerprint and not origin.unpublished_by_import:
            report.unchanged += 1
            self.redirect_to.append((post, origin.page_id))
            return
        if origin and self._edited_in_wagtail(origin):
            report.skipped["edited in Wagtail since the last import"] += 1
            report.edited_in_wagtail.append(self._post_name())
            return
        story = origin.page if origin else StoryPage()
        if not self._fill(story):
            return
        if post.sticky:
            self.sticky.append((story, self._post_name()))  # the newest is pinned once the run has saved them all
        if origin is None:
            self.new.append((post, story, fingerprint))
            return
        # Updates are few (only posts changed in WordPress): Wagtail's own path, with its
        # checks, history, and the redirect it makes when a live page's slug changes.
        self._restrict(story)  # before publishing: a restricted story sends no alert
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
        PageViewRestriction.objects.bulk_create(
            PageViewRestriction(page=story, restriction_type=PageViewRestriction.PASSWORD, password=post.password)
            for post, story, _f in self.new
            if post.password
        )
        stories_imported.send(sender=self.__class__, stories=[story for _post, story, _f in self.new])
        self.report.created += len(self.new)
        self.site_changed = True
        self.redirect_to += [(post, story) for post, story, _f in self.new]

    def _pin_newest_sticky(self):
        """WordPress's sticky posts lead its home page; a room pins one story: the newest sticky
        post that is live and public here (the others are named in the report)."""
        names = {story.pk: name for story, name in self.sticky if story.pk}
        public = StoryPage.objects.filter(pk__in=names).live().public()
        candidates = sorted(public, key=lambda story: (story.date, story.pk), reverse=True)
        if not candidates:
            if self.sticky:
                self.report.warn("sticky in WordPress: not pinned, as it is not public here")
            return
        if self.room.locale.language_code != settings.LANGUAGE_CODE:
            self.report.warn("sticky in WordPress: not pinned (pin it in the press room in the default language)")
            return
        set_pin(self.room, candidates[0])
        self.report.warn("sticky in WordPress: pinned in the press room", names[candidates[0].pk])
        for story in candidates[1:]:
            self.report.warn("sticky in WordPress: not pinned, a newer sticky post is", names[story.pk])

    @staticmethod
    def _edited_in_wagtail(origin):
        """A revision since the import's, or unpublished by an editor (not by an import)."""
        page = origin.page
        return page.latest_revision_id != origin.imported_revision_id or (
            not page.live and not origin.unpublished_by_import
        )

    def _restrict(self, story):
        """An updated story of a password-protected post: behind that password. A story no
        longer protected in WordPress keeps its restriction (privacy first): an editor lifts it."""
        post = self.post
        restriction = PageViewRestriction.objects.filter(page=story).first()
        if post.password:
            if restriction is None:
                restriction = PageViewRestriction(page=story, restriction_type=PageViewRestriction.PASSWORD)
            restriction.restriction_type, restriction.password = PageViewRestriction.PASSWORD, post.password
            restriction.save()
        elif restriction is not None:
            self._warn("no longer password-protected in WordPress: its story keeps its view restriction")

    def _unpublish(self, origin, why):
        """A post taken out of "publish" in WordPress (draft, private, pending, trash) or
        password-protected after it was imported: its story is unpublished too, unless an
        editor changed the story in Wagtail since. Returns whether this import unpublished it."""
        post = self.post
        if not origin.page.live:
            return False  # already: by an earlier import, or by an editor
        if self._edited_in_wagtail(origin):
            self._warn(f"{why}, but edited in Wagtail since the import: left published")
            return False
        origin.page.unpublish()
        origin.fingerprint = post.fingerprint
        origin.unpublished_by_import = True
        origin.save(update_fields=["fingerprint", "unpublished_by_import", "imported_at"])
        self.report.unpublished += 1
        self._warn(f"{why}: its story was unpublished")
        return True

    def _fill(self, story):
        """Fills ``story`` from the post; False (skipped, reported) for a post with nothing a
        reader would see or whose markup cannot be converted. Nothing is written before."""
        post = self.post
        try:
            conversion = self.converter.convert(post.content, post.clean_title, post.post_id)
        except RecursionError:
            # About 500 nested tags: this post only is lost, never the run.
            self.report.skipped["markup nested too deeply to convert"] += 1
            self._warn("markup nested too deeply to convert: skipped")
            return False
        finally:
            shown = self.media.take_shown()
        if not conversion.blocks:
            self.report.skipped["no body"] += 1
            return False
        for warning in conversion.warnings:
            self._warn(warning)
        for name in conversion.unmatched_names:
            self.report.unmatched_names[name] += 1
        self.report.images_linked += conversion.images_linked
        if conversion.images_linked and not self.media.has_source:
            self._warn("images kept as links (no media folder or zip of uploads given)")
        story.title = post.clean_title[:255] or self._title_from(conversion.plain_text)
        story.slug = self._slug(story)
        story.date, story.content_modified_at = self._dates()
        story.summary = summarise(post.excerpt, conversion.plain_text) or story.title
        story.body = conversion.blocks
        self._labels(story)
        if shown:
            self.shows[post.post_id] = shown
        return True

    def _title_from(self, paragraphs):
        self._warn("no title: one made from its first words")
        return (
            Truncator(" ".join(" ".join(paragraphs).split())).words(8, truncate="…")[:255]
            or f"WordPress post {self.post.post_id}"
        )

    def _labels(self, story):
        """The story's category and topics from the post's categories and tags: through the
        map file where it names them, else by name (the first real category is the category,
        tags then further categories are topics), at most ``max_topics`` of them."""
        post = self.post
        category, topics, extra = None, [], []
        terms = [(Category, slug, name) for slug, name in post.categories] + [(Topic, s, n) for s, n in post.tags]
        for model, slug, name in terms:
            target = self.term_map.get(slug, name) if self.term_map else None
            if target == SKIP:
                continue
            if target is None:
                if self.term_map:
                    self.report.unmapped_terms[name or slug] += 1
                if self._is_catch_all(slug, name):
                    continue
                target = self._label(model, slug, name)
            if isinstance(target, Topic):
                topics.append(target)
            elif category is None:
                category = target
            else:
                extra.append(target)
        if extra:
            names = ", ".join(dict.fromkeys(c.name for c in extra))  # two terms may share a name
            self._warn(f"more categories than a story has: {names} kept as topics")
            topics += [self._label(Topic, c.slug, c.name) for c in extra]
        story.category = category or self._default_category()
        topics = list({topic.pk: topic for topic in topics}.values())
        if len(topics) > self.max_topics:
            self._warn(f"more than {self.max_topics} topics: the first {self.max_topics} kept")
        story.topics = topics[: self.max_topics]

    def _slug(self, story):
        post = self.post
        base = slugify(post.slug, allow_unicode=True)[:240] or slugify(post.clean_title)[:240]
        base = base or f"post-{post.post_id}"
        own = story.slug if story.pk else None  # an updated story keeps its slug if it may
        slug, n = base, 1
        # Not a room route's (contacts/, feed/): the room's own page would hide the story.
        while (slug in self.slugs or is_room_route(slug)) and slug != own:
            n += 1
            slug = f"{base}-{n}"
        self.slugs.discard(own)
        self.slugs.add(slug)
        return slug

    def _dates(self):
        """(publication day, content modified at): the day post_date_gmt falls on here (the
        site's time zone), else post_date's; post_modified_gmt, else the publication time."""
        post = self.post
        published = _gmt(post.post_date_gmt)
        if published is not None:
            day = timezone.localtime(published).date()
        else:
            day = self._local_day(post.post_date)
            published = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
        return day, _gmt(post.post_modified_gmt) or published

    def _local_day(self, value):
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
        wanted = [
            (post, path, target)
            for post, target in self.redirect_to
            for path in old_paths(post.link, "p", post.post_id)
        ]
        for post, target in self.redirect_to:
            page_id = target if isinstance(target, int) else target.pk
            for attachment_id in self.shows.pop(post.post_id, ()):
                # The post it was uploaded to, as WordPress's attachment page says, else the first.
                if self.media.by_id[attachment_id].parent == post.post_id:
                    self.attachment_stories[attachment_id] = page_id
                else:
                    self.attachment_stories.setdefault(attachment_id, page_id)
            guid_id = int(short_link_id(post.guid) or post.post_id)
            if guid_id != post.post_id:
                # After every post is read: a post whose own ID this is keeps its short link.
                self.guid_links.append((guid_id, target if isinstance(target, int) else target.pk))
        self._add_redirects(wanted)

    def _final_redirects(self):
        """The guid's "/?p=" of posts whose guid names another ID than wp:post_id (where no
        item of the export has that ID), the attachment pages, and the addresses given to
        redirect_old_address."""
        self.post = None
        self._attachment_pages()
        wanted = [(None, f"/?p={i}", page_id) for i, page_id in self.guid_links if i not in self.post_ids]
        wanted += [(None, Redirect.normalise_path(url), target) for url, target in self.extra_redirects]
        self._add_redirects(wanted)

    def _attachment_pages(self):
        """An attachment page (its permalink and /?attachment_id=N) of an image or file a story
        shows leads to that story: the one of the post it was uploaded to, else the first.
        (Files are imported only for the stories that show them, so none is left without one.)"""
        for attachment_id, page_id in self.attachment_stories.items():
            link = self.media.by_id[attachment_id].link
            for path in old_paths(link, "attachment_id", attachment_id):
                self.redirect_old_address(path, page_id)

    def redirect_old_address(self, old_url, target):
        """Hook for other parts of the import (e.g. an attachment page of an imported image):
        ``old_url`` (the old site's address, or its path) redirects, within this site, to
        ``target``, a page id or an absolute URL (a document's or image's file), at the end of
        the run, unless it already leads elsewhere."""
        self.extra_redirects.append((old_url, target))

    def _add_redirects(self, wanted):
        """``wanted``: [(post or None, normalised old path, page or page id or URL)]."""
        existing = Redirect.objects.filter(site=self.site, old_path__in={path for _post, path, _t in wanted})
        existing = {r.old_path: r.redirect_page_id or r.redirect_link for r in existing}
        new = []
        for post, old_path, target in wanted:
            target = target.pk if isinstance(target, Page) else target
            if old_path not in existing:
                existing[old_path] = target
                link = {"redirect_link": target} if isinstance(target, str) else {"redirect_page_id": target}
                new.append(Redirect(site=self.site, old_path=old_path, is_permanent=True, **link))
            elif existing[old_path] != target and old_path not in self.conflicts:
                self.conflicts.add(old_path)  # said once, whoever else wants it
                self.post = post
                message = f"{old_path} already redirects elsewhere: left as it is"
                if post:
                    self._warn(message)
                else:
                    self.report.warn(message)
        Redirect.objects.bulk_create(new)
        self.report.redirects_created += len(new)
        self.site_changed = self.site_changed or bool(new)

    def _post_name(self):
        title = self.post.clean_title
        return f"post {self.post.post_id} “{title}”" if title else f"post {self.post.post_id} (no title)"

    def _warn(self, message):
        self.report.warn(message, self._post_name())


def _gmt(value):
    """An aware datetime from WordPress's "2018-07-09 17:00:00" in UTC; None for none (drafts
    have "0000-00-00 00:00:00") or a value it cannot read."""
    try:
        return datetime.datetime.fromisoformat(value.strip()).replace(tzinfo=datetime.UTC)
    except ValueError:
        return None


def old_paths(link, short_link_key, post_id):
    """An old address (Wagtail's redirects match it with or without its trailing slash) and
    its short link ("/?p=ID", "/?attachment_id=ID"), as Wagtail's redirects store them."""
    paths = []
    link = urlparse(link)
    if link.path not in ("", "/") or link.query:
        paths.append(link.path + (f"?{link.query}" if link.query else ""))
    paths.append(f"/?{short_link_key}={post_id}")
    return list(dict.fromkeys(Redirect.normalise_path(p) for p in paths))
