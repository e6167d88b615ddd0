"""Press rooms and the stories in them."""

import datetime
import functools

from django import forms
from django.conf import settings
from django.core.exceptions import EmptyResultSet, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor
from django.db.models.functions import ExtractMonth, ExtractYear, Length, Substr
from django.http import HttpResponse
from django.urls import LocalePrefixPattern, get_resolver
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import strip_tags
from django.utils.translation import get_language, gettext
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, PageManager, Site
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.blocks import StoryBodyBlock, spokesperson_ids
from core.forms import PageForm
from core.generations import SiteAnswers, digest
from core.models import (
    INLINE_TEXT,
    Category,
    MetadataPageMixin,
    Spokesperson,
    Topic,
    image_field,
    in_default_locale,
)
from core.privacy import private_q
from core.translations import directory, language_of_locale, localized, localized_all
from press.feeds import PressRoomFeed
from press.filters import StoryFilters, search_terms
from press.forms import StoryPageForm
from press.listing import PAGE_NUMBER, CachedListing, annotate_home_sites, paginate
from press.panels import ClearableInlinePanel


def join_names(names):
    """'A', 'A and B', 'A, B and C' (AP style, as the organisations' statements use); 'A, B y C'
    in Spanish."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return gettext("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def reserved_slugs():
    """First path segments the project's own URLs use (admin, search, embargoed…): a press
    room, the only page type at a site's top level, must not take one, or its address
    would lead to that view instead of the page. The language prefixes (/es/) are taken too,
    and so are the first segments inside them (/search/)."""
    slugs = {code for code, _name in settings.LANGUAGES}
    patterns = list(get_resolver().url_patterns)
    for pattern in patterns:
        if isinstance(pattern.pattern, LocalePrefixPattern):
            patterns.extend(pattern.url_patterns)
            continue
        first = str(pattern.pattern).lstrip("^").split("/", 1)[0]
        if first and not any(char in first for char in "()[]?*+\\"):
            slugs.add(first)
    return slugs


# Site search ranks the newest this many matches of a search (StoryPageQuerySet.ranked_ids).
RANKED_SEARCH_MATCHES = 100


class SiteRootPage(MetadataPageMixin, Page):
    """The root of a site (an organization's or a coalition's): an introduction, the way to
    its press room and its latest stories. Each site root has one press room as a child."""

    intro = RichTextField(
        features=INLINE_TEXT,
        blank=True,
        help_text="A short welcome for journalists: who the organization is and what it works on.",
    )
    latest_count = models.PositiveSmallIntegerField(
        default=6, help_text="How many of the latest stories to show (0 hides them)."
    )

    base_form_class = PageForm
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["press.PressIndexPage", "presskit.PressKitPage"]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        answers = None
        if self.live and site is not None and not getattr(request, "is_preview", False):
            # The press room and the rendered latest stories, until the site's next publish.
            answers = SiteAnswers(site.pk, f"home-{self.pk}", request)
            answers.prefetch("press-room", f"fragment:latest:{get_language()}")
            context["press_room"] = answers.get_or_compute(
                "press-room", lambda: PressIndexPage.objects.live().child_of(self).first()
            )
            context["latest_stories"] = SimpleLazyObject(
                lambda: PressIndexPage.latest_in(context["press_room"], self.latest_count, request)
            )
        else:
            context["press_room"], context["latest_stories"] = PressIndexPage.latest_under(
                self, self.latest_count, request
            )
        if context["press_room"] is not None:
            context["media_contacts"] = context["press_room"].cached_media_contacts(request)
        context.update(home_answers=answers, latest_fragment=f"latest:{get_language()}")
        return context


class PressIndexPage(RoutablePageMixin, MetadataPageMixin, Page):
    """A site's press room: lists its stories, newest first, plus stories cross-listed from
    other sites: those its organization signed, and every story of the rooms it also lists."""

    intro = RichTextField(
        features=INLINE_TEXT,
        blank=True,
        help_text="A sentence or two above the listing, e.g. who to call for press enquiries.",
    )
    cross_list_signed_by = models.ForeignKey(
        "core.Organization",
        limit_choices_to=in_default_locale,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="also list stories signed by",
        help_text="Also list stories from other sites' press rooms that this organization signed "
        "(e.g. coalition statements CIPC signed). They link to their home site.",
    )
    also_list_rooms = ParentalManyToManyField(
        "press.PressIndexPage",
        blank=True,
        related_name="+",
        verbose_name="also list every story of",
        help_text="Other sites' press rooms whose stories this room lists too, signed or not "
        "(e.g. CIPC's room lists all the ICE Out of California coalition's statements). "
        "They link to their home site.",
    )
    default_category = models.ForeignKey(
        "core.Category",
        limit_choices_to=in_default_locale,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="New stories in this press room start in this category. Optional.",
    )
    per_page = models.PositiveSmallIntegerField(
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(100)],
        help_text="Stories per page of the listing (5 to 100).",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("cross_list_signed_by"),
                FieldPanel("also_list_rooms", widget=forms.CheckboxSelectMultiple),
                FieldPanel("default_category"),
                FieldPanel("per_page"),
            ],
            heading="Listing",
        ),
        MultiFieldPanel(
            [InlinePanel("media_contacts", label="Media contact")],
            heading="Media contacts",
            help_text="Who journalists should call: shown on the press room, the home page and under every story "
            "that has no media contacts block of its own. New stories start with them.",
        ),
    ]

    base_form_class = PageForm
    parent_page_types = ["home.HomePage", "coalition.CoalitionHomePage"]
    subpage_types = ["press.StoryPage"]
    max_count_per_parent = 1
    template = "pages/press_index_page.html"

    class Meta:
        verbose_name = "press room"

    def clean(self):
        super().clean()
        if self.slug in reserved_slugs():
            raise ValidationError(
                {"slug": f"“{self.slug}” is taken by the site itself (for example /{self.slug}/). Choose another."}
            )

    def get_stories(self):
        """Live, public stories listed in this press room: its own and the cross-listed ones."""
        return StoryPage.objects.live().public().in_room(self).for_listing()

    @classmethod
    def for_request(cls, request):
        """The press room of the site being viewed, or None; looked up once per request."""
        if not hasattr(request, "_press_room"):
            site = Site.find_for_request(request)
            if site is None:
                request._press_room = None
            else:
                # Changes only when a page other than a story is published, moved or deleted:
                # kept per generation of the site's frame (and per language: the answers are).
                answers = SiteAnswers(site.pk, "site-press-room", request, scope="frame")
                request._press_room = answers.get_or_compute(
                    "press-room", lambda: cls.in_language_under(site.root_page)
                )
        return request._press_room

    @classmethod
    def in_language_under(cls, site_root, language=None):
        """The live press room of the site rooted at ``site_root`` (a default-language root) in
        ``language`` (the active one by default), or None; one query either way."""
        rooms = cls.objects.live().child_of(site_root)
        language = language or translation.get_language() or settings.LANGUAGE_CODE
        if language == settings.LANGUAGE_CODE:
            return rooms.first()
        return (
            cls.objects.live()
            .filter(locale__language_code=language, translation_key__in=rooms.values("translation_key"))
            .first()
        )

    @classmethod
    def latest_under(cls, site_root, count, request):
        """(press room, its latest ``count`` stories) for a site's home page."""
        press_room = cls.objects.live().child_of(site_root).first()
        return press_room, cls.latest_in(press_room, count, request)

    @staticmethod
    def latest_in(press_room, count, request):
        """The latest ``count`` stories of ``press_room`` (None: no stories)."""
        if press_room is None or not count:
            return []
        stories = list(press_room.get_stories()[:count])
        annotate_home_sites(stories, press_room, request)
        return stories

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = StoryFilters.from_querydict(request.GET)
        # Counts and pages change only on publish: cached per generation of this room's site.
        site = Site.find_for_request(request)
        answers = SiteAnswers(site.pk if site else None, f"press-room-{self.pk}", request)
        key = digest(sorted(filters.as_params().items()))
        fragment = f"listing:{digest(key, filters.notices, get_language())}"
        # What a repeat visit needs (the count, checking the page number, and the rendered
        # listing) in one round trip; a page number that is not one gets a 404 from paginate().
        number = request.GET.get("page") or "1"
        answers.prefetch(f"count:{key}", *([f"fragment:{fragment}:{number}"] if PAGE_NUMBER.match(number) else []))
        stories = functools.cache(self.get_stories)  # built on a miss only: it costs a query
        # Read only when the listing's fragment or count is not cached yet.
        facets = SimpleLazyObject(lambda: answers.get_or_compute(f"facets:{key}", lambda: filters.facets(stories())))
        listing = CachedListing(
            lambda: filters.apply(stories()),
            StoryPage,
            answers,
            key,
            prepare=lambda page_of_stories: annotate_home_sites(page_of_stories, self, request),
            count=lambda: filters.total(facets),  # the facets are counted anyway: no COUNT of its own
        )
        paginator, page_obj = paginate(request, listing, self.per_page)
        page_number = page_obj.number if page_obj.number > 1 else None
        context.update(
            # A preview or a draft shows what is saved, never the live room's cached listing.
            listing_answers=answers if self.live and not getattr(request, "is_preview", False) else None,
            # The rendered listing (filters form, counts, cards, pages) for this address, in
            # this language; notices are part of it, so a corrected address has its own.
            listing_fragment=f"{fragment}:{page_obj.number}",
            filters=filters,
            facets=facets,
            active_filters=SimpleLazyObject(lambda: filters.chips(facets)),
            paginator=paginator,
            page_obj=page_obj,
            stories=page_obj.object_list,
            listing_url=self.get_url(request),
            query_params=filters.as_querydict(),
            canonical_url=self.get_full_url(request) + filters.querystring(page=page_number),
            media_contacts=self.cached_media_contacts(request),
            feed_url=self.get_url(request) + self.reverse_subpage("feed") + filters.querystring(),
        )
        return context

    def default_media_contacts(self):
        """The room's media contacts, in order: only people who are published and active, with
        their titles in the active language (the room names the default language's records)."""
        contacts = self.media_contacts.select_related("spokesperson__organization")
        return localized_all(
            [contact.spokesperson for contact in contacts if contact.spokesperson.live and contact.spokesperson.active]
        )

    def cached_media_contacts(self, request):
        """``default_media_contacts()``, computed once per change to this room's site's frame
        (a spokesperson's edit renews every site's answers). A preview shows the form's own."""
        if getattr(request, "is_preview", False):
            return self.default_media_contacts()
        site = Site.find_for_request(request)
        answers = SiteAnswers(site.pk if site else None, f"press-room-{self.pk}", request, scope="frame")
        return answers.get_or_compute("media-contacts", self.default_media_contacts)

    @path("feed/", name="feed")
    def feed(self, request):
        """RSS 2.0 of the latest stories, honouring the listing's filters; the whole document
        is kept until the site's next publish (per address as asked: it names itself)."""
        site = Site.find_for_request(request)
        if site is None or getattr(request, "is_preview", False):
            return PressRoomFeed()(request, press_room=self)
        answers = SiteAnswers(site.pk, f"feed-{self.pk}", request)

        def render():
            response = PressRoomFeed()(request, press_room=self)
            headers = {name: response[name] for name in ("Content-Type", "Last-Modified") if response.has_header(name)}
            return response.status_code, headers, response.content

        status, headers, content = answers.get_or_compute(
            digest(request.scheme, request.get_host(), request.get_full_path(), get_language()), render
        )
        return HttpResponse(content, status=status, headers=headers)


class StoryPageQuerySet(PageQuerySet):
    """Every question asked about a set of stories, by name. Filters, listings, search, the
    feed and the desk narrow or count a queryset with these; none writes its own ORM."""

    def in_room(self, press_room):
        """Stories listed in ``press_room``, in its language: its own and those cross-listed
        into it (a Spanish room lists the Spanish versions of the stories it cross-lists)."""
        in_this_room = Q(path__startswith=press_room.path, depth=press_room.depth + 1)
        if press_room.cross_list_signed_by_id:
            signed = StorySignatory.objects.filter(organization_id=press_room.cross_list_signed_by_id)
            in_this_room |= Q(pk__in=signed.values("page_id"))
        # Children of a room this one also lists, in this room's language: the story's parent
        # is the listed room or its translation (same translation key), and its path is the
        # story's own path less one tree step. Subqueries, so the listing costs no query more.
        parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
        listed_rooms = PressIndexPage.also_list_rooms.through.objects.filter(
            from_pressindexpage_id=press_room.pk
        ).values("to_pressindexpage__translation_key")
        also_listed = PressIndexPage.objects.filter(
            path=parent_path, locale_id=press_room.locale_id, translation_key__in=listed_rooms
        )
        return self.filter(in_this_room | Q(Exists(also_listed)), locale_id=press_room.locale_id)

    def private_q(self):
        # The privacy rules from the cache (core.privacy), not read again for every listing.
        return private_q()

    def matching(self, q):
        """Stories whose text matches the words of ``q`` (Wagtail's search backend), as a
        subquery where the backend can give one, so a text filter adds no query of its own."""
        terms = search_terms(q)
        if not terms:
            return self.none()
        results = self.model.objects.search(terms, order_by_relevance=False)
        get_queryset = getattr(results, "get_queryset", None)
        if get_queryset is None:
            return self.filter(pk__in=[story.pk for story in results])
        return self.filter(pk__in=get_queryset().order_by().values("pk"))

    def best_matches(self, q):
        """Stories of this set matching ``q``, best match first, with nothing loaded but their
        ids (narrow rows sort in memory). Searched through a subquery: the backend cannot
        search a queryset filtered on unindexed fields."""
        terms = search_terms(q)
        if not terms:
            return self.none()
        return self.model.objects.filter(pk__in=self._ids()).only("pk").order_by().search(terms)

    def newest_ids(self):
        """The ids of these stories, newest first (as listings order them)."""
        return list(self.prefetch_related(None).order_by("-date", "-pk").values_list("pk", flat=True))

    def ids_matching(self, q):
        """The ids of every story whose text matches ``q`` (any room, any language): one
        unranked lookup in the search index, for a caller to narrow down itself."""
        terms = search_terms(q)
        if not terms:
            return set()
        results = self.model.objects.search(terms, order_by_relevance=False)
        get_queryset = getattr(results, "get_queryset", None)
        if get_queryset is None:
            return {story.pk for story in results}
        ids = get_queryset().order_by().values_list("pk", flat=True)
        try:
            sql, params = ids.query.sql_with_params()
        except EmptyResultSet:
            return set()
        # Thousands of ids for a common word: read straight off the cursor, without the ORM's
        # per-row work (a few milliseconds at 10,000 stories).
        with connections[ids.db].cursor() as cursor:
            cursor.execute(sql, params)
            return {row[0] for row in cursor.fetchall()}

    def ranked_ids(self, q, newest_ids, ranked=None):
        """The stories among ``newest_ids`` (newest first) that match ``q``: the newest
        ``ranked`` of them best match first, then any older ones newest first. PostgreSQL ranks
        every match it is asked to, so a word in most of a 10,000-story archive cost a search
        about 70 ms of ranking and counting; the newest few hundred are what a journalist
        reads, and a search that finds fewer is ranked whole."""
        ranked = RANKED_SEARCH_MATCHES if ranked is None else ranked
        matches = self.model.objects.ids_matching(q)
        found = [pk for pk in newest_ids if pk in matches]
        head, rest = found[:ranked], found[ranked:]
        if len(head) > 1:
            head = [story.pk for story in self.model.objects.filter(pk__in=head).best_matches(q)]
        return head + rest

    def published_in(self, year, month=None):
        stories = self.filter(date__year=year)
        return stories.filter(date__month=month) if month else stories

    def in_category(self, slug):
        return self.filter(category__slug=slug)

    def about(self, topic_slug):
        return self.filter(topics__slug=topic_slug)

    def spoken_by(self, spokesperson_slug):
        return self.filter(spokespeople__slug=spokesperson_slug)

    def signed_or_spoken_by(self, organization_slug):
        """Stories an organisation signed or in which one of its spokespeople speaks."""
        signed = StorySignatory.objects.filter(organization__slug=organization_slug).values("page_id")
        spoken = self.model.spokespeople.through.objects.filter(
            spokesperson__organization__slug=organization_slug
        ).values("storypage_id")
        return self.filter(pk__in=self.model.objects.filter(Q(pk__in=signed) | Q(pk__in=spoken)).values("pk"))

    def for_listing(self):
        """Everything a listing card shows, fetched in a fixed number of queries."""
        return (
            self.select_related("category", "listing_image")
            .prefetch_related("topics", "spokespeople", "listing_image__renditions")
            .defer_streamfields()
            .order_by("-date", "-pk")
        )

    def related_to(self, story, topic_ids):
        """Live stories beside ``story`` (same press room) sharing one of ``topic_ids``: most
        topics in common first, then newest."""
        return (
            self.live()
            .public()
            .sibling_of(story, inclusive=False)
            .filter(topics__in=topic_ids)
            .annotate(shared_topics=Count("topics"))
            .for_listing()
            .order_by("-shared_topics", "-date", "-pk")
        )

    # Counts for the listing's filter form and the alerts form, over the stories of this set.
    # The set is used as a subquery of pks, so joins in its filters never count a story twice.

    def _ids(self):
        return self.order_by().values("pk")

    def category_counts(self):
        """Categories of these stories, by name, each with ``n``, its number of stories."""
        return self._label_counts(Category.objects)

    def topic_counts(self):
        return self._label_counts(Topic.objects)

    def _label_counts(self, objects):
        return objects.filter(stories__in=self._ids()).annotate(n=Count("stories")).order_by("name")

    def count_sql(self, kind):
        """(sql, params) of one set of counts over these stories, rows of (value, stories):
        ``kind`` is "year" or "month" (the value is the number), or "category", "topic",
        "spokesperson" or "organization" (the value is the record's id). For
        ``count_together``; raises EmptyResultSet when no story can match."""
        ids = self._ids()
        if kind in ("year", "month"):
            part = ExtractYear("date") if kind == "year" else ExtractMonth("date")
            rows = self.model.objects.filter(pk__in=ids).annotate(part=part).values("part")
        elif kind == "category":
            rows = self.model.objects.filter(pk__in=ids, category__isnull=False).values("category")
        elif kind in ("topic", "spokesperson"):
            through = (self.model.topics if kind == "topic" else self.model.spokespeople).through
            rows = through.objects.filter(storypage_id__in=ids).values(kind)
        elif kind == "organization":
            return self._organization_counts_sql()
        else:
            raise ValueError(kind)
        return rows.annotate(n=Count("pk")).order_by().query.sql_with_params()

    @staticmethod
    def count_together(parts, using="default"):
        """{name: [(value, stories)]} for ``parts`` ({name: (stories, kind)}, see ``count_sql``)
        in one query: a listing's facets cost one round trip to the database, not one each."""
        counts = {name: [] for name in parts}
        selects, params = [], []
        for name, (stories, kind) in parts.items():
            try:
                sql, part_params = stories.count_sql(kind)
            except EmptyResultSet:  # e.g. a search with no words: nothing to count
                continue
            # The SQL is Django's, compiled from querysets; every value is a parameter.
            selects.append(f"SELECT %s, counted.* FROM ({sql}) counted")  # noqa: S608
            params.extend([name, *part_params])
        if not selects:
            return counts
        with connections[using].cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            for name, value, n in cursor.fetchall():
                counts[name].append((int(value), n))
        return counts

    def _organization_counts_sql(self):
        """Rows of (organization id, stories): an organisation's stories are those it signed
        and those its spokespeople speak in; the UNION drops a story counted twice for one
        organisation. Table names from the models; values are parameters."""
        ids_sql, params = self._ids().query.sql_with_params()
        sql = f"""
            SELECT pairs.organization_id, COUNT(*) FROM (
                SELECT signatory.organization_id AS organization_id, signatory.page_id AS story_id
                FROM {StorySignatory._meta.db_table} signatory
                WHERE signatory.page_id IN ({ids_sql})
                UNION
                SELECT person.organization_id, spoken.storypage_id
                FROM {self.model.spokespeople.through._meta.db_table} spoken
                JOIN {Spokesperson._meta.db_table} person ON person.id = spoken.spokesperson_id
                WHERE spoken.storypage_id IN ({ids_sql})
            ) AS pairs GROUP BY pairs.organization_id
        """  # noqa: S608
        return sql, [*params, *params]


StoryPageManager = PageManager.from_queryset(StoryPageQuerySet)


class CategoryFromDirectory(ForwardManyToOneDescriptor):
    """``story.category`` from the directory (cached until a snippet changes) when it is read
    and not already loaded: a story page working out its fragments costs no query for it, and
    one whose fragments are all cached never asks for it at all."""

    def get_object(self, instance):
        record = directory(self.field.remote_field.model).get(getattr(instance, self.field.attname))
        return record if record is not None else super().get_object(instance)


class StoryPage(MetadataPageMixin, Page):
    """One press release, statement, media advisory or op-ed."""

    date = models.DateField(
        "publication date",
        default=datetime.date.today,
        db_index=True,
        help_text="Shown on the story and used to order listings. Defaults to today.",
    )
    category = models.ForeignKey(
        "core.Category",
        null=True,  # so a draft can be saved before it is chosen; publishing requires it
        on_delete=models.PROTECT,
        related_name="stories",
        help_text="What kind of story this is. Required to publish.",
    )
    subtitle = models.CharField(max_length=255, blank=True, help_text="A second headline under the title. Optional.")
    dateline = models.CharField(
        max_length=100, blank=True, help_text="Where the story is issued from, e.g. Sacramento, CA. Optional."
    )
    summary = models.TextField(
        max_length=500,
        help_text="One or two plain sentences for listings, feeds and search results. Required to publish.",
    )
    topics = ParentalManyToManyField(
        "core.Topic",
        limit_choices_to=in_default_locale,
        blank=True,
        related_name="stories",
        help_text="Issue areas; each links to a filtered listing.",
    )
    listing_image = image_field("Shown in listings and when the story is shared. Optional.")
    body = StreamField(StoryBodyBlock(), help_text="The story, built from blocks.")
    signatories_heading = models.CharField(
        max_length=255,
        blank=True,
        help_text="Who signs jointly, e.g. 'the ICE Out of California Coalition Steering Committee'. "
        "Used with the signatories below in a Signatories' statement block.",
    )
    release = models.CharField(
        "release line",
        max_length=20,
        blank=True,
        choices=[("", "None"), ("immediate", "For immediate release"), ("embargoed", "Embargoed until…")],
        help_text="The line printed above a press release. 'Embargoed until…' needs the time below.",
    )
    embargoed_until = models.DateTimeField(
        "embargoed until",
        null=True,
        blank=True,
        help_text="When the embargo lifts, as printed on the release. Optional: otherwise the "
        "'go live at' time in the Status panel.",
    )
    # Derived from the body on every save, so listings can filter by speaker without
    # reading StreamField JSON. Not edited directly.
    spokespeople = ParentalManyToManyField("core.Spokesperson", blank=True, editable=False, related_name="stories")

    objects = StoryPageManager()

    content_panels = Page.content_panels + [
        FieldPanel("subtitle"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        FieldPanel("dateline"),
        FieldRowPanel([FieldPanel("release"), FieldPanel("embargoed_until")], heading="Release line"),
        FieldPanel("summary"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("listing_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("signatories_heading"),
                ClearableInlinePanel("signatories", label="Signatory", clear_label="Remove all signatories"),
            ],
            heading="Signatories",
            classname="collapsed",
        ),
        InlinePanel(
            "corrections",
            heading="Updates and corrections",
            label="Note",
            help_text="Each note is dated and shown at the top of the story, in the feed and to search engines.",
        ),
    ]

    # Title (boost 2, from Page) outranks summary, names and topics (1), which outrank the body.
    search_fields = Page.search_fields + [
        index.SearchField("subtitle", boost=1),
        index.SearchField("summary", boost=1),
        index.SearchField("body"),
        index.RelatedFields("spokespeople", [index.SearchField("name", boost=1)]),
        index.RelatedFields("topics", [index.SearchField("name", boost=1)]),
        index.FilterField("date"),
        index.FilterField("category"),
    ]

    base_form_class = StoryPageForm
    parent_page_types = ["press.PressIndexPage"]
    subpage_types = []
    template = "pages/story_page.html"
    og_type = "article"

    class Meta:
        verbose_name = "story"
        verbose_name_plural = "stories"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.spokespeople = self._spokespeople_in_body()
            if update_fields is not None:
                kwargs["update_fields"] = [*update_fields, "spokespeople"]
        return super().save(*args, **kwargs)

    def _spokespeople_in_body(self):
        """The default language's record of each person speaking in the body (an editor may
        have chosen a translation), so listings filter and count one record per person."""
        ids = spokesperson_ids(self.body)
        found = Spokesperson.objects.in_bulk(ids) if ids else {}
        people = [found[pk] for pk in ids if pk in found]
        default = Locale.get_default()
        keys = [person.translation_key for person in people if person.locale_id != default.pk]
        if keys:
            originals = {
                person.translation_key: person
                for person in Spokesperson.objects.filter(translation_key__in=keys, locale=default)
            }
            people = [originals.get(person.translation_key, person) for person in people]
        unique = []
        for person in people:
            if person not in unique:
                unique.append(person)
        return unique

    def apply_defaults_from(self, press_room):
        """Fill a new story's defaults from the press room it is created in and that
        room's site (a coalition pre-fills its members as signatories)."""
        if isinstance(press_room, PressIndexPage) and press_room.default_category_id:
            self.category_id = press_room.default_category_id
        if isinstance(press_room, PressIndexPage):
            contacts = press_room.default_media_contacts()
            if contacts:
                # The heading in the room's language (the editor may be working in English on
                # the Spanish room): "Contactos de prensa" in a Spanish story.
                with translation.override(press_room.locale.language_code):
                    heading = gettext("Media contacts")
                self.body = [("media_contacts", {"heading": heading, "contacts": contacts})]
        site_root = press_room.get_parent().specific
        default_signatories = getattr(site_root, "default_signatories", None)
        if default_signatories:
            self.signatories_heading = site_root.signatories_heading
            self.signatories = [StorySignatory(organization=org) for org in default_signatories()]

    def clean(self):
        super().clean()
        if self.release == "embargoed" and not (self.embargoed_until or self.go_live_at):
            raise ValidationError(
                {"embargoed_until": "Say when the embargo lifts here, or set a 'go live at' time in the Status panel."}
            )

    @cached_property
    def shows_standfirst(self):
        """The summary under the title, unless the body opens with the same words (a summary
        often is the release's first lines): a reader would read them twice. Reads the raw
        blocks, so it costs no query."""
        if not self.summary:
            return False
        first = next(iter(self.body.raw_data), None)
        if first is None:
            return True
        value = first.get("value")
        text = value.get("text", "") if isinstance(value, dict) else value
        if not isinstance(text, str):
            return True

        def words(html):
            text = strip_tags(html).replace("[…]", " ").replace("’", "'").replace("“", '"').replace("”", '"')
            return " ".join(text.split()).rstrip(" .…").casefold()

        summary, opening = words(self.summary), words(text)
        return not (summary and opening.startswith(summary[:120]))

    @property
    def has_body(self):
        """False for a body with no blocks, only empty paragraphs, or only media contacts (which a
        new story starts with): nothing of the story a reader would see."""
        return any(
            block.block_type not in ("paragraph", "media_contacts") or strip_tags(block.value.source).strip()
            for block in self.body
            if block.block_type != "media_contacts"
        )

    @property
    def embargo_lifts_at(self):
        """The time printed on an 'Embargoed until…' line."""
        return self.embargoed_until or self.go_live_at

    @cached_property
    def correction_list(self):
        """Update and correction notes, newest first."""
        return sorted(self.corrections.all(), key=lambda note: note.noted_at, reverse=True)

    @property
    def modified_at(self):
        """When the story last changed for a reader: its latest dated note, else its last publication."""
        notes = self.correction_list
        return notes[0].noted_at if notes else self.last_published_at

    @property
    def shows_category_label(self):
        """False when the title already begins with the category ("Statement: …"): no badge twice."""
        if not self.category:
            return False
        return not self.title.lower().startswith(f"{self.category.name.lower()}:")

    def get_default_description(self):
        return self.summary

    def get_meta_image(self):
        return self.social_image or self.listing_image

    def structured_data(self, request, branding):
        """schema.org NewsArticle, for search engines' news results.

        The site's organisation (CIPC, or the coalition for its statements) issues the story
        and is its author and publisher; people quoted or speaking in it are not its authors."""
        issuer = {"@type": "Organization", "name": branding.display_name, "url": request.build_absolute_uri("/")}
        publisher = dict(issuer)
        logo = branding.logo.rendition_or_none("max-600x60") if branding.logo else None
        if logo is not None:
            publisher["logo"] = {"@type": "ImageObject", "url": request.build_absolute_uri(logo.url)}
        url = self.get_full_url(request)
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.summary,
            "datePublished": self.date.isoformat(),
            "url": url,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "publisher": publisher,
            "author": issuer,
            "inLanguage": language_of_locale(self.locale_id),
            "articleSection": localized(self.category).name if self.category else "",
            "keywords": [localized(topic).name for topic in self.topic_list],
        }
        if self.modified_at:
            data["dateModified"] = self.modified_at.isoformat()
        corrections = [note for note in self.correction_list if note.kind == StoryCorrection.CORRECTION]
        if corrections:
            data["correction"] = [
                {"@type": "CorrectionComment", "text": note.note, "datePublished": note.noted_at.isoformat()}
                for note in corrections
            ]
        if self.dateline:
            data["dateline"] = self.dateline
        rendition = self.listing_image.rendition_or_none("fill-1200x630") if self.listing_image else None
        if rendition is not None:
            data["image"] = [request.build_absolute_uri(rendition.url)]
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        answers = self.cached_answers(request)
        if answers is not None:
            # Everything a repeat visit reads, in one round trip to the cache.
            answers.prefetch(
                "fragment:meta",
                "fragment:structured-data",
                "fragment:story",
                "fragment:media-contacts",
                "fragment:related",
            )
            # The site's room in this language (kept with the site's frame) is this story's
            # parent, unless the story sits somewhere else (a room of another language).
            room = PressIndexPage.for_request(request)
            if room is None or room.path != self.path[: -self.steplen]:
                room = PressIndexPage.objects.parent_of(self).first()
            self.press_room = room
        context["press_room"] = self.press_room
        context["story_answers"] = answers
        if self.press_room is not None and not self.has_own_media_contacts:
            # Only read when the template's cached fragment is not already there.
            context["media_contacts"] = SimpleLazyObject(lambda: self.press_room.cached_media_contacts(request))
        # Only worked out when the template's cached fragment is not already there.
        context["related_stories"] = SimpleLazyObject(self.related_stories)
        return context

    def cached_answers(self, request):
        """This story's cached fragments (body, related stories, structured data), valid until
        its site's next publish; None for a draft or preview, which must show what is saved."""
        if not self.live or getattr(request, "is_preview", False):
            return None
        site = Site.find_for_request(request)
        if site is None:
            return None
        # The fragments hold absolute addresses (structured data), so one set per host; and
        # their words are in the visitor's language.
        namespace = f"story-{self.pk}-{digest(request.scheme, request.get_host(), get_language())}"
        return SiteAnswers(site.pk, namespace, request)

    @cached_property
    def press_room(self):
        return PressIndexPage.objects.parent_of(self).first()

    @property
    def has_own_media_contacts(self):
        return any(item["type"] == "media_contacts" for item in self.body.raw_data)

    @cached_property
    def topic_list(self):
        return list(self.topics.all())

    @cached_property
    def signatory_list(self):
        return list(self.signatories.select_related("organization"))

    def related_stories(self, count=3):
        """Up to ``count`` live stories from the same press room (so the same site) sharing a
        topic with this one: most topics in common first, then newest."""
        topic_ids = [topic.pk for topic in self.topic_list]
        if not topic_ids:
            return []
        return list(StoryPage.objects.related_to(self, topic_ids)[:count])

    @cached_property
    def signatory_names(self):
        return [localized(signatory.organization).name for signatory in self.signatory_list]

    @property
    def signatories_lead_in(self):
        """'The ICE Out of California Coalition Steering Committee, including A, B and C,
        issued the following statement:'."""
        heading = self.signatories_heading.strip()
        names = join_names(self.signatory_names)
        if heading and names:
            who = gettext("%(heading)s, including %(names)s,") % {"heading": heading, "names": names}
        else:
            who = heading or names
        if not who:
            return ""
        return gettext("%(who)s issued the following statement:") % {"who": f"{who[0].upper()}{who[1:]}"}


class PressRoomContact(Orderable):
    """One of a press room's default media contacts, in the order they are shown."""

    page = ParentalKey(PressIndexPage, on_delete=models.CASCADE, related_name="media_contacts")
    spokesperson = models.ForeignKey("core.Spokesperson", on_delete=models.CASCADE, related_name="+")

    panels = [
        FieldPanel(
            "spokesperson",
            help_text="Their name, title, organization, press phone and email and languages are shown.",
        )
    ]

    def __str__(self):
        return str(self.spokesperson)


class StorySignatory(Orderable):
    """An organisation that signed a story, in the order it is named."""

    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="signatories")
    organization = models.ForeignKey(
        "core.Organization", on_delete=models.PROTECT, limit_choices_to=in_default_locale, related_name="signed_stories"
    )

    # Help text on the panel, not the field: the same words, without a migration.
    panels = [
        FieldPanel("organization", help_text="An organization that signs the story, in the order they are named.")
    ]

    def __str__(self):
        return self.organization.name


class StoryCorrection(Orderable):
    """A dated note that a story was updated or corrected after it went out."""

    UPDATE, CORRECTION = "update", "correction"

    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(
        max_length=20,
        choices=[(UPDATE, "Updated"), (CORRECTION, "Corrected")],
        default=UPDATE,
        help_text="Updated: new information added. Corrected: something it said was wrong.",
    )
    noted_at = models.DateTimeField("date", default=timezone.now, help_text="When the change was made.")
    note = models.TextField(
        max_length=500, help_text="What changed, in a sentence, e.g. 'An earlier version misstated the date.'"
    )

    panels = [FieldPanel("kind"), FieldPanel("noted_at"), FieldPanel("note")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.noted_at:%Y-%m-%d}"


# In place of Django's own descriptor for the foreign key (same field, no migration).
StoryPage.category = CategoryFromDirectory(StoryPage._meta.get_field("category"))
