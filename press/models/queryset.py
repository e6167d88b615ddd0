"""The story listing's queries: every filter, facet count and search a press room runs, as
named methods on the StoryPage queryset."""

from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Aggregate, CharField, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models import Count as CountOf
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear, Length, Substr
from django.db.models.lookups import StartsWith
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from core.models import (
    Category,
    Organization,
    Spokesperson,
    Topic,
)
from core.translations import active_language
from press.filters import has_every_word, search_terms
from press.models.press_room import PressIndexPage
from press.models.story_rows import (
    carried_story_rows,
    correction_rows,
    signatory_rows,
    story_page_rows,
    topic_rows,
    version_rows,
)


def _signatories():
    # Defined beside the story, which imports this module.
    return apps.get_model("press", "StorySignatory")


# A story's related stories are chosen among this many times as many of the newest stories
# sharing a topic with it (StoryPageQuerySet.related_to).
RELATED_CANDIDATES_PER_STORY = 4

# Site search ranks the newest this many matches of a search (StoryPageQuerySet.ranked_ids).
RANKED_SEARCH_MATCHES = 100


class Label(NamedTuple):
    """How a directory record counted in a facet is offered."""

    name: str  # in the default language: facets sort by it
    label: str  # in the active language, when translated
    slug: str
    offered: bool  # False for a person who has left: counted, not offered


class Count(NamedTuple):
    value: int
    n: int
    label: Label | None  # for the directory's records (categories, topics, people, organisations)


# The facets whose values are directory records, by kind (see ``count_sql``).
LABELLED_KINDS = {"category": Category, "topic": Topic, "spokesperson": Spokesperson, "organization": Organization}


def _labels_sql(model):
    """(sql, params) of rows (pk, name, label, slug, offered) of ``model``'s records in the
    default language (live ones, for snippets with drafts), as ``core.translations.directory``
    reads them, each labelled with its translation in the active language when there is one."""
    translated = model.objects.filter(
        translation_key=OuterRef("translation_key"), locale__language_code=active_language()
    )
    records = model.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    if hasattr(model, "live"):
        records, translated = records.filter(live=True), translated.filter(live=True)
    offered = F("active") if hasattr(model, "active") else Value(True)
    rows = records.annotate(
        label=Coalesce(Subquery(translated.values("name")[:1]), F("name")), offered=offered
    ).values_list("pk", "name", "label", "slug", "offered")
    return rows.order_by().query.sql_with_params()


def _shared_ids(stories, shared):
    """{"ids": (sql, params)} reading ``stories``' ids from a set named in ``shared`` (added
    there if new), for ``count_sql``; nothing for counts that are not a story queryset's."""
    if not isinstance(stories, StoryPageQuerySet):
        return {}
    key = stories._ids().query.sql_with_params()
    key = (key[0], tuple(key[1]))
    shared.setdefault(key, f"counted_set_{len(shared)}")
    return {"ids": (f"SELECT id FROM {shared[key]}", [])}  # noqa: S608 (a name of ours)


class JoinedNames(Aggregate):
    """Names in alphabetical order, joined by ", " (as a card lists a story's people):
    PostgreSQL's STRING_AGG; SQLite's GROUP_CONCAT, in the order its rows come."""

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, ', ' ORDER BY %(expressions)s)"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "GROUP_CONCAT(%(expressions)s, ', ')"
        return super().as_sql(compiler, connection, template=template, **extra_context)


class StoryPageQuerySet(PageQuerySet):
    """Every question asked about a set of stories, by name. Filters, listings, search, the
    feed and the desk narrow or count a queryset with these; none writes its own ORM."""

    def in_room(self, press_room):
        """Stories listed in ``press_room``, in its language: its own and those cross-listed
        into it (a Spanish room lists the Spanish versions of the stories it cross-lists)."""
        in_this_room = Q(path__startswith=press_room.path, depth=press_room.depth + 1)
        if press_room.cross_list_signed_by_id:
            signed = _signatories().objects.filter(organization_id=press_room.cross_list_signed_by_id)
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
        return self.model.objects.filter(pk__in=self._ids()).only("pk", "title").order_by().search(terms)

    def newest_ids(self):
        """The ids of these stories, newest first (as listings order them)."""
        return list(self.prefetch_related(None).order_by("-date", "-pk").values_list("pk", flat=True))

    def ranked_ids(self, q, ranked=None, newest_first=False):
        """The ids of these stories that match ``q``: the newest ``ranked`` of them best match
        first, then any older ones newest first; with ``newest_first``, all newest first.
        Stories whose title holds every word come first: the backend's rank adds up every
        field, so a long body repeating "SB 54" outranked a title saying it.

        PostgreSQL ranks every match it is asked to, so a word in most of a 10,000-story
        archive cost a search about 70 ms of ranking and counting; the newest few hundred are
        what a journalist reads, and a search that finds fewer is ranked whole. Two queries:
        the matches newest first (the search index asked inside the stories' own query,
        ``matching``), then the ranking of the newest, with their titles."""
        ranked = RANKED_SEARCH_MATCHES if ranked is None else ranked
        found = self.matching(q).newest_ids()
        if newest_first:
            return found
        head, rest = found[:ranked], found[ranked:]
        if len(head) > 1:
            best = list(self.model.objects.filter(pk__in=head).best_matches(q))
            in_title = [story.pk for story in best if has_every_word(story.title, q)]
            head = in_title + [story.pk for story in best if story.pk not in set(in_title)]
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

    def speaker_ids(self):
        """The ids of the people (default-language records) who speak in these stories."""
        through = self.model.spokespeople.through.objects.filter(storypage_id__in=self._ids())
        return through.order_by().values_list("spokesperson_id", flat=True).distinct()

    def signed_or_spoken_by(self, organization_slug):
        """Stories an organisation signed or in which one of its spokespeople speaks."""
        signed = _signatories().objects.filter(organization__slug=organization_slug).values("page_id")
        spoken = self.model.spokespeople.through.objects.filter(
            spokesperson__organization__slug=organization_slug
        ).values("storypage_id")
        return self.filter(pk__in=self.model.objects.filter(Q(pk__in=signed) | Q(pk__in=spoken)).values("pk"))

    def public(self):
        """Wagtail's ``public()`` (no view restriction on the story or any page above it),
        asked inside the listing's own query, as a subquery, rather than by reading every
        restriction in a query of its own first: one query less for every listing."""
        restricted = PageViewRestriction.objects.filter(StartsWith(OuterRef("path"), F("page__path")))
        return self.exclude(Exists(restricted))

    def for_listing(self):
        """Everything a listing card shows (its category, people and image), in one query: the
        stories, with their people's names (``people_names``); their images' renditions are the
        page's to fetch, with the rest of its pictures (``press.listing.card_pictures``). On a
        page in another language, each story's category comes named in it (``category_label``),
        so the cards read no directory of categories."""
        people = Spokesperson.objects.filter(stories=OuterRef("pk")).order_by().values("stories")
        stories = (
            self.select_related("category", "listing_image")
            .annotate(people_names=Subquery(people.annotate(names=JoinedNames("name")).values("names")))
            .defer_streamfields()
            .order_by("-date", "-pk")
        )
        language = active_language()
        if language == settings.LANGUAGE_CODE:
            return stories
        translated = Category.objects.filter(
            translation_key=OuterRef("category__translation_key"), locale__language_code=language
        )
        return stories.annotate(category_label=Coalesce(Subquery(translated.values("name")[:1]), F("category__name")))

    def for_story_page(self):
        """What a story's own page reads of the story's relations, in the story's query: its
        category and listing image (the share image) joined, and its topics, dated notes,
        signatories and language versions carried as rows (``press.models.story_rows``)."""
        rows = {"topic_rows": topic_rows, "correction_rows": correction_rows}
        rows |= {"signatory_rows": signatory_rows, "version_rows": version_rows, **story_page_rows}
        return carried_story_rows(self.select_related("category", "listing_image"), **rows)

    def for_feed(self):
        """Everything a feed item says (its category, topics and dated notes), carried in the
        stories' query: no people or images, which a feed does not show."""
        stories = self.for_listing()
        return carried_story_rows(stories, topic_rows=topic_rows, correction_rows=correction_rows)

    def related_to(self, story, topic_ids, count):
        """Up to ``count`` live stories beside ``story`` (same press room) sharing one of
        ``topic_ids``: of the newest few sharing one, those with most topics in common first,
        then newest. The newest are found walking the date index from the top, each checked for
        a shared topic by the through table's index, so the query reads a few dozen rows, not
        every story of a topic (about 26 ms at 10,000 stories when it counted them all). One
        query: each card's people's names come with it (``for_listing``); its image's
        renditions are left to the caller."""
        links = self.model.topics.through.objects.filter(storypage_id=OuterRef("pk"), topic_id__in=topic_ids)
        newest = (
            self.live()
            .public()
            .sibling_of(story, inclusive=False)
            .filter(Exists(links))
            .order_by("-date", "-pk")
            .values("pk")[: count * RELATED_CANDIDATES_PER_STORY]
        )
        shared = links.order_by().values("storypage_id").annotate(n=CountOf("pk")).values("n")
        return (
            self.filter(pk__in=newest)
            .annotate(shared_topics=Subquery(shared))
            .for_listing()
            .order_by("-shared_topics", "-date", "-pk")[:count]
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
        return objects.filter(stories__in=self._ids()).annotate(n=CountOf("stories")).order_by("name")

    def count_sql(self, kind, ids=None):
        """(sql, params) of one set of counts over these stories, rows of (value, stories):
        ``kind`` is "year" or "month" (the value is the number), or "category", "topic",
        "spokesperson" or "organization" (the value is the record's id). ``ids``, when given,
        is (sql, params) of these stories' ids already worked out (``count_together``'s shared
        sets). For ``count_together``; raises EmptyResultSet when no story can match."""
        shared, ids = ids, RawSQL(*ids) if ids is not None else self._ids()  # noqa: S611 (SQL of ours)
        if kind in ("year", "month"):
            part = ExtractYear("date") if kind == "year" else ExtractMonth("date")
            rows = self.model.objects.filter(pk__in=ids).values(value=part)
        elif kind == "category":
            rows = self.model.objects.filter(pk__in=ids, category__isnull=False).values(value=F("category"))
        elif kind in ("topic", "spokesperson"):
            through = (self.model.topics if kind == "topic" else self.model.spokespeople).through
            rows = through.objects.filter(storypage_id__in=ids).values(value=F(kind))
        elif kind == "organization":
            return self._organization_counts_sql(shared or ids.query.sql_with_params())
        else:
            raise ValueError(kind)
        # Columns named ``value`` and ``n``: SQLite takes no column list after a subquery's alias.
        return rows.annotate(n=CountOf("pk")).order_by().query.sql_with_params()

    @staticmethod
    def count_together(parts, using="default"):
        """{name: [Count]} for ``parts`` ({name: (stories, kind)}, see ``count_sql``) in one
        query: a listing's facets cost one round trip to the database, not one each. Counts of
        directory records come with their labels (``Label``), so naming them costs nothing more;
        a record that is not in the directory (a draft person, say) is not counted."""
        counts = {name: [] for name in parts}
        selects, params = [], []
        shared = {}  # the ids of each distinct set of stories counted, worked out once (a CTE)
        for name, (stories, kind) in parts.items():
            try:
                sql, part_params = stories.count_sql(kind, **_shared_ids(stories, shared))
            except EmptyResultSet:  # e.g. a search with no words: nothing to count
                continue
            # The SQL is Django's, compiled from querysets; every value is a parameter.
            model = LABELLED_KINDS.get(kind)
            if model is None:
                selects.append(f"SELECT %s, counted.value, counted.n, NULL, NULL, NULL, NULL FROM ({sql}) AS counted")  # noqa: S608
                params.extend([name, *part_params])
                continue
            labels_sql, labels_params = _labels_sql(model)
            selects.append(
                "SELECT %s, counted.value, counted.n, labels.name, labels.label, labels.slug, labels.offered "  # noqa: S608
                f"FROM ({sql}) AS counted JOIN ({labels_sql}) AS labels ON labels.pk = counted.value"
            )
            params.extend([name, *part_params, *labels_params])
        if not selects:
            return counts
        # Several facets often count the same stories (with only a year chosen, every facet
        # but the year's): each set is found once, not once a facet.
        ctes = [f"{cte} (id) AS ({sql})" for (sql, _params), cte in shared.items()]
        cte_params = [param for (_sql, set_params) in shared for param in set_params]
        with_clause = f"WITH {', '.join(ctes)} " if ctes else ""
        with connections[using].cursor() as cursor:
            cursor.execute(with_clause + " UNION ALL ".join(selects), [*cte_params, *params])
            for name, value, n, *label in cursor.fetchall():
                counts[name].append(Count(int(value), n, Label(*label) if label[0] is not None else None))
        return counts

    def _organization_counts_sql(self, ids):
        """Rows of (organization id, stories) of the stories whose ids ``ids`` (sql, params)
        selects: an organisation's stories are those it signed and those its spokespeople speak
        in; the UNION drops a story counted twice for one organisation. Table names from the
        models; values are parameters."""
        ids_sql, params = ids
        sql = f"""
            SELECT pairs.organization_id AS value, COUNT(*) AS n FROM (
                SELECT signatory.organization_id AS organization_id, signatory.page_id AS story_id
                FROM {_signatories()._meta.db_table} signatory
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
