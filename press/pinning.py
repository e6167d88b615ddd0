"""A press room's pinned story: one story the editors put first, on the room's first page and
on its site's home page, with a "Pinned" or "Breaking" banner, until an optional end time.

The pin is set on the room in the default language (three fields on ``PressIndexPage``); its
language versions follow it, each showing the pinned story's version in its own language when
there is one. The query that finds a room (``SiteRootPage.press_rooms``) carries the pinned
story as a row (``pin_row``), so showing it costs no query. At the end time the row is empty
(the query compares with the database's clock), ``unpin_expired`` (run every minute by
``run_scheduler``) clears the fields and purges the room's site, and no cached answer outlives
the end time (``fresh_until``)."""

import datetime

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import F, JSONField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, JSONObject, Now
from django.utils import timezone
from wagtail.models import Page

from frontcache.keys import page_key
from frontcache.purge import purge_page


def _model(name):
    # The room's model module imports this one (its form checks a pin): by name, not import.
    return apps.get_model("press", name)


def _pinning_room(room_key):
    """The default-language version of the room whose translation key is ``room_key`` (an
    ``OuterRef``), while it pins a live story and its end time has not come."""
    PressIndexPage = _model("PressIndexPage")
    return PressIndexPage.objects.filter(
        Q(pinned_until__isnull=True) | Q(pinned_until__gt=Now()),
        translation_key=room_key,
        locale__language_code=settings.LANGUAGE_CODE,
        pinned_story__live=True,
    )


def pin_row():
    """An annotation on rooms: the story their default-language version pins, in the room's
    language if it has a live, public version there (else the original), as one JSON row with
    the pin's kind and end time; NULL when nothing is pinned."""
    StoryPage = _model("StoryPage")
    pinning = _pinning_room(OuterRef(OuterRef("translation_key")))
    stories = (
        StoryPage.objects.live()
        .public()
        .filter(translation_key__in=pinning.values("pinned_story__translation_key"))
        .order_by()
    )
    # The room's language, else the original: two subqueries rather than one ordered by the
    # room's language, since SQLite (`make run`) cannot read the room's column in an ORDER BY.
    own = stories.filter(locale_id=OuterRef("locale_id"))
    original = stories.filter(locale__language_code=settings.LANGUAGE_CODE)
    return Coalesce(
        Subquery(own.values(row=_story_row())[:1]),
        Subquery(original.values(row=_story_row())[:1]),
        output_field=JSONField(),
    )


def _story_row():
    """A pinned story as one JSON row, with its room's pin settings."""
    settings_of_pin = _pinning_room(OuterRef(OuterRef("translation_key")))
    return JSONObject(
        id=F("id"),
        title=F("title"),
        url_path=F("url_path"),
        date=F("date"),
        summary=F("summary"),
        language=F("locale__language_code"),
        breaking=Subquery(settings_of_pin.values("pinned_breaking")[:1]),
        until=Subquery(settings_of_pin.values("pinned_until")[:1]),
    )


class PinnedStory:
    """What the lead block shows of a pinned story: enough to link to it (``pageurl`` works on
    it), with the banner's kind and the end time."""

    def __init__(self, story, breaking, until):
        self.story = story
        self.breaking = breaking
        self.until = until


def pinned_story_of(room):
    """``room``'s pinned story (a ``PinnedStory``), or None: from the row its query carried,
    else (SQLite, a room found another way) read in one query."""
    PressIndexPage, StoryPage = _model("PressIndexPage"), _model("StoryPage")
    if room is None:
        return None
    if not hasattr(room, "pin_row"):
        room = PressIndexPage.objects.filter(pk=room.pk).annotate(pin_row=pin_row()).first()
        if room is None:
            return None
    row = room.pin_row
    if not row:
        return None
    story = StoryPage(
        id=row["id"],
        page_ptr_id=row["id"],  # its pk: the story's surrogate key names it
        title=row["title"],
        url_path=row["url_path"],
        date=StoryPage._meta.get_field("date").to_python(row["date"]),
        summary=row["summary"],
    )
    story.language = row["language"]
    until = row["until"]
    if isinstance(until, str):
        until = PressIndexPage._meta.get_field("pinned_until").to_python(until)
        if until is not None and timezone.is_naive(until):  # SQLite's text: UTC, no offset
            until = timezone.make_aware(until, datetime.UTC)
    return PinnedStory(story, bool(row["breaking"]), until)


def previewed_pin(room):
    """What a preview of ``room`` leads with: the pin as the editor's form now sets it (the
    default-language room; the saved pin is what its language versions follow), or None."""
    if room.locale.language_code != settings.LANGUAGE_CODE:
        return pinned_story_of(room)
    story = room.pinned_story
    if story is None or (room.pinned_until is not None and room.pinned_until <= timezone.now()):
        return None
    story = story.specific
    if not is_live_story_of(room, story):
        return None
    story.language = settings.LANGUAGE_CODE
    return PinnedStory(story, room.pinned_breaking, room.pinned_until)


def fresh_until(pinned):
    """Until when an answer showing ``pinned`` may be kept (its end time), or None."""
    return pinned.until if pinned is not None else None


def pinned_keys(context):
    """The surrogate key of the story a page's lead block shows (``context["pinned"]``), if any."""
    pinned = context.get("pinned")
    return {page_key(pinned.story.pk)} if pinned is not None else set()


def set_pin(room, story=None, *, breaking=False, until=None):
    """Pins ``story`` in ``room`` (None: unpins) on the live page, and on its latest revision
    when that is the live one (so the editor's form shows the same); the room's site, and the
    rooms that list it, are purged at once once committed (nobody may see an expired pin)."""
    values = {"pinned_story": story, "pinned_breaking": bool(story) and breaking, "pinned_until": story and until}
    with transaction.atomic():
        type(room).objects.filter(pk=room.pk).update(**values)
        revision = room.latest_revision
        if revision is not None and revision.pk == room.live_revision_id:
            revision.content.update(
                pinned_story=story.pk if story else None,
                pinned_breaking=values["pinned_breaking"],
                pinned_until=until.isoformat() if story and until else None,
            )
            revision.save(update_fields=["content"])
        for name, value in values.items():
            setattr(room, name, value)
        purge_page(room, soft=False)


def unpin_expired(now=None):
    """Clears every pin whose end time has passed; returns the rooms unpinned."""
    PressIndexPage = _model("PressIndexPage")
    expired = PressIndexPage.objects.filter(pinned_story__isnull=False, pinned_until__lte=now or timezone.now())
    rooms = list(expired.select_related("latest_revision"))
    for room in rooms:
        set_pin(room)
    return rooms


def is_live_story_of(room, story):
    """Whether ``story`` is a live, public story of ``room`` itself (what a room may pin)."""
    return (
        story.live
        and Page.objects.filter(pk=story.pk).child_of(room).exists()
        and type(story).objects.filter(pk=story.pk).public().exists()
    )
