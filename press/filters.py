"""The press room's filters: one object reads the query string, keeps only well-formed values,
writes them back as links, and asks the story queryset it is handed (``StoryPageQuerySet``)
for the stories and counts. No ORM here: the queries have names on the queryset.

Bad input never reaches the database: a value that is not a year, a month or a slug is
dropped with a notice for the visitor; a well-formed slug that names nothing in the room
simply matches no stories."""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.dates import MONTHS
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_lazy

SLUG_FILTERS = {
    "category": gettext_lazy("category"),
    "topic": gettext_lazy("topic"),
    "spokesperson": gettext_lazy("spokesperson"),
    "organization": gettext_lazy("organization"),
}
FIELDS = ("q", "year", "month", *SLUG_FILTERS)
MAX_QUERY_LENGTH = 200
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,120}$")
YEAR = re.compile(r"^[12][0-9]{3}$")
MONTH = re.compile(r"^(0?[1-9]|1[0-2])$")
# Years a press room can hold stories from: the organisations' own, and a year of scheduling ahead.
FIRST_YEAR = 1900


def last_year():
    return datetime.date.today().year + 1


def clean_text(value):
    """Printable text only: control characters (NUL included, which PostgreSQL refuses in a
    string) become spaces, and runs of whitespace collapse to one."""
    value = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in value)
    return " ".join(value.split())


def clean_query(raw):
    """(search text, notices) from the raw ``q`` parameter."""
    query = clean_text(raw or "")
    if len(query) <= MAX_QUERY_LENGTH:
        return query, []
    query = query[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or query[:MAX_QUERY_LENGTH]
    return query, [
        gettext("Your search was too long, so only its first %(count)s characters were used.")
        % {"count": MAX_QUERY_LENGTH}
    ]


def search_terms(query):
    """The words of a search as the search backend gets them: letters and digits in lower
    case. Quotes, operators and brackets are syntax to some backends (SQLite's FTS5 fails on
    an unmatched quote, reads OR and NOT), and words are all a visitor means."""
    return " ".join(re.sub(r"[\W_]+", " ", query).lower().split())


WORD = re.compile(r"[^\W_]+")


def word_stem(word):
    """A word as a search compares it when it reads text itself (``words_found_in``): lower
    case, no accents, no plural -s or -es ("Rulings" and "ruling" are one word, "inmigrantes"
    and "inmigrante" too). Cruder than the backend's stemmers, so it marks no more than they
    found."""
    word = "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))
    for ending in ("es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word.removesuffix(ending)
    return word


def query_stems(query):
    return {word_stem(word) for word in WORD.findall(query)}


def has_every_word(text, query):
    """True when ``text`` holds every word of the search ``query`` (a story's title: titles
    first)."""
    stems = query_stems(query)
    return bool(stems) and stems <= {word_stem(word) for word in WORD.findall(text)}


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool


def with_chosen(options, value, label):
    """``options``, plus the chosen ``value`` (uncounted) when none of them is it: the
    select then shows what the address asks for, as the chip above the results does."""
    if value in (None, "") or any(option.selected for option in options):
        return options
    return [*options, Option(str(value), label, None, True)]


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    any_label: str
    options: list

    @property
    def selected_label(self):
        return next((option.label for option in self.options if option.selected), "")


@dataclass(frozen=True)
class Chip:
    """One active filter as the visitor sees it, with the query string that removes it."""

    label: str
    text: str
    remove_querystring: str


@dataclass
class StoryFilters:
    q: str = ""
    year: int | None = None
    month: int | None = None
    category: str = ""
    topic: str = ""
    spokesperson: str = ""
    organization: str = ""
    notices: list = field(default_factory=list)

    @classmethod
    def from_querydict(cls, data):
        """Parse a request's GET. Empty values are 'any'; repeated ones use the last."""
        filters = cls()
        filters.q, filters.notices = clean_query(data.get("q", ""))
        year = clean_text(data.get("year", ""))
        if year:
            if YEAR.match(year) and FIRST_YEAR <= int(year) <= last_year():
                filters.year = int(year)
            elif YEAR.match(year):
                filters.notices.append(
                    gettext("There are no stories from %(year)s, so the year was ignored.") % {"year": year}
                )
            else:
                filters.notices.append(gettext("The year in the address was not understood, so it was ignored."))
        month = clean_text(data.get("month", ""))
        if month:
            if not MONTH.match(month):
                filters.notices.append(gettext("The month in the address was not understood, so it was ignored."))
            elif filters.year is None:
                filters.notices.append(gettext("A month needs a year, so it was ignored. Choose a year first."))
            else:
                filters.month = int(month)
        for name, label in SLUG_FILTERS.items():
            value = clean_text(data.get(name, ""))
            if not value:
                continue
            if SLUG.match(value):
                setattr(filters, name, value.lower())
            else:
                filters.notices.append(
                    gettext("The %(filter)s in the address was not understood, so it was ignored.") % {"filter": label}
                )
        return filters

    def as_params(self, **changes):
        """The active filters as query parameters, in a fixed order, with ``changes`` applied
        (a value of None removes a parameter)."""
        params = {name: getattr(self, name) for name in FIELDS}
        params.update(changes)
        if not params.get("year"):
            params["month"] = None
        return {name: str(value) for name, value in params.items() if value not in (None, "")}

    def as_querydict(self):
        """The active filters as a QueryDict, for Django's {% querystring %} in page links."""
        query = QueryDict(mutable=True)
        query.update(self.as_params())
        return query

    def querystring(self, **changes):
        params = self.as_params(**changes)
        return f"?{urlencode(params)}" if params else ""

    @property
    def is_active(self):
        return bool(self.as_params())

    def chips(self, facets):
        chips = [Chip(gettext("Words"), f"“{self.q}”", self.querystring(q=None))] if self.q else []
        for facet in facets:
            value = getattr(self, facet.name)
            if value:
                chips.append(
                    Chip(facet.label, facet.selected_label or str(value), self.querystring(**{facet.name: None}))
                )
        return chips

    def apply(self, stories, skip=()):
        """``stories`` (a ``StoryPageQuerySet``) narrowed by every active filter except those in ``skip``."""
        if self.q:
            stories = stories.matching(self.q)
        if self.year and "year" not in skip:
            stories = stories.published_in(self.year, self.month if "month" not in skip else None)
        if self.category and "category" not in skip:
            stories = stories.in_category(self.category)
        if self.topic and "topic" not in skip:
            stories = stories.about(self.topic)
        if self.spokesperson and "spokesperson" not in skip:
            stories = stories.spoken_by(self.spokesperson)
        if self.organization and "organization" not in skip:
            stories = stories.signed_or_spoken_by(self.organization)
        return stories

    def facets(self, stories, kept=None):
        """The values on offer: only those that occur in ``stories`` (a press room's), each
        counted with the other active filters applied. One query for all of them, the names of
        the categories, topics, people and organisations they count included. A facet that no
        other filter narrows is read from ``kept`` (the room's counts kept up to date on
        publish, ``press.models.facet_counts``) when given, instead of counted over the room."""

        def counted(*skip):
            narrowed = self.apply(stories, skip=skip)
            return kept if kept is not None and narrowed is stories else narrowed

        parts = {
            "year": (counted("year", "month"), "year"),
            "category": (counted("category"), "category"),
            "topic": (counted("topic"), "topic"),
            "spokesperson": (counted("spokesperson"), "spokesperson"),
            "organization": (counted("organization"), "organization"),
        }
        if self.year:
            parts["month"] = (self.apply(stories, skip=("month",)), "month")
        if kept is not None:
            parts["counted"] = (kept, kept.COUNTED)
        counts = stories.count_together(parts, using=stories.db)
        if kept is not None and not counts["counted"]:  # a room never counted: count its stories
            return self.facets(stories)

        years = sorted(((count.value, count.n) for count in counts["year"]), reverse=True)
        options = [Option(str(y), str(y), n, y == self.year) for y, n in years]
        facets = [Facet("year", gettext("Year"), gettext("Any year"), with_chosen(options, self.year, str(self.year)))]
        if self.year:
            # Month names in the active language (Django's catalogue), e.g. "febrero".
            months = sorted((count.value, count.n) for count in counts["month"])
            options = [Option(str(m), str(MONTHS[m]), n, m == self.month) for m, n in months]
            chosen_month = str(MONTHS[self.month]) if self.month in MONTHS else ""
            facets.append(
                Facet("month", gettext("Month"), gettext("Any month"), with_chosen(options, self.month, chosen_month))
            )
        facets.append(self._label_facet("category", gettext("Category"), gettext("Any category"), counts))
        facets.append(self._label_facet("topic", gettext("Topic"), gettext("Any topic"), counts))
        # People who have left are no longer offered, though links to them keep working.
        facets.append(self._label_facet("spokesperson", gettext("Spokesperson"), gettext("Anyone"), counts))
        facets.append(self._label_facet("organization", gettext("Organization"), gettext("Any organization"), counts))
        return facets

    def total(self, facets):
        """How many stories match every filter, read off ``facets``: the year facet counts
        every other filter, so its counts add up to the total, or give it for the chosen year
        (the month facet, for the chosen month)."""
        by_name = {facet.name: facet for facet in facets}
        if self.year:
            chosen = by_name["month" if self.month else "year"].options
            return next((option.count or 0 for option in chosen if option.selected), 0)
        return sum(option.count or 0 for option in by_name["year"].options)

    def _label_facet(self, name, label, any_label, counts):
        """A facet of directory records (categories, topics, people, organisations), by name,
        each labelled in the active language (the labels come with the counts)."""
        rows = sorted(
            ((count.label, count.n) for count in counts[name] if count.label.offered),
            key=lambda row: (row[0].name.casefold(), row[0].slug),
        )
        selected = getattr(self, name)
        options = [Option(record.slug, record.label, n, record.slug == selected) for record, n in rows]
        return Facet(name, label, any_label, with_chosen(options, selected, selected))
