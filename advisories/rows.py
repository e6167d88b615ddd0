"""An advisory's event carried in the query that finds its story for its page, and a press
room's Upcoming list carried in the query that finds the room (for its own page and its site's
home page): neither page pays a query for them (``press.models.story_rows``, ``core.rows``).
PostgreSQL only; elsewhere (``make run``'s SQLite) the pages read them with a query each."""

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import JSONObject, Length, Now, Substr
from django.db.models.lookups import StartsWith
from wagtail.models import Page, PageViewRestriction

from advisories.display import UPCOMING_COUNT
from advisories.models import AdvisoryEvent
from core.rows import from_json, json_rows, model_fields
from press.models import PressIndexPage, StoryPage, StorySignatory
from press.models.story_rows import room_rows, story_page_rows


def advisory_row():
    """The story's event (none or one), as rows."""
    return json_rows(AdvisoryEvent.objects.filter(story_id=OuterRef("pk")), **model_fields(AdvisoryEvent))


def upcoming_rows():
    """The room's upcoming advisories: events that have not ended (by the database's clock) of
    the live, public stories the room lists (``StoryPageQuerySet.in_room``, asked of the outer
    room: its own stories, those its organisation signed, those of rooms it also lists, in its
    language), soonest first, each with its story's id, title and address."""
    room = OuterRef  # one level out: the room; two levels out from a subquery of the events
    own = Q(story__depth=room("depth") + 1) & Q(StartsWith(F("story__path"), room("path")))
    signed = StorySignatory.objects.filter(
        page_id=OuterRef("story_id"), organization_id=OuterRef(room("cross_list_signed_by_id"))
    )
    listed_rooms = PressIndexPage.also_list_rooms.through.objects.filter(
        from_pressindexpage_id=OuterRef(OuterRef(room("pk")))
    ).values("to_pressindexpage__translation_key")
    story_path = OuterRef("story__path")
    also_listed = PressIndexPage.objects.filter(
        path=Substr(story_path, 1, Length(story_path) - Page.steplen),
        locale_id=OuterRef(room("locale_id")),
        translation_key__in=listed_rooms,
    )
    restricted = PageViewRestriction.objects.filter(StartsWith(OuterRef("story__path"), F("page__path")))
    events = (
        AdvisoryEvent.objects.filter(ends_at__gt=Now(), story__live=True, story__locale_id=room("locale_id"))
        .filter(own | Q(Exists(signed)) | Q(Exists(also_listed)))
        .exclude(Exists(restricted))
        .order_by("starts_at", "pk")
    )[:UPCOMING_COUNT]
    return json_rows(
        events,
        **model_fields(AdvisoryEvent),
        story=JSONObject(id=F("story_id"), title=F("story__title"), url_path=F("story__url_path")),
    )


def upcoming_from_rows(rows):
    """The events ``upcoming_rows`` carried, each with its story (enough to link to it)."""
    events = []
    for row in rows:
        event = from_json(AdvisoryEvent, row)
        story = row["story"]
        event.story = StoryPage(
            id=story["id"], page_ptr_id=story["id"], title=story["title"], url_path=story["url_path"]
        )
        events.append(event)
    return events


def register_rows():
    """Carry the event on a story's page and the Upcoming list on a room's query."""
    story_page_rows["advisory_row"] = advisory_row
    room_rows["upcoming_rows"] = upcoming_rows
