"""How an advisory's event reads: its time in the event's own zone, in the visitor's language,
and its schema.org Event for search engines."""

from django.utils.formats import date_format
from django.utils.translation import pgettext

from advisories.models import AdvisoryEvent
from core.translations import language_of_locale
from press.models import StoryPage

UPCOMING_COUNT = 5


def _day(moment):
    # Translators: an event's day in Django's date format: l weekday, F month, j day, Y year. Spanish: l j \d\e F \d\e Y
    return date_format(moment, pgettext("event day format", "l, F j, Y"))


def _time(moment):
    # Translators: an event's time of day in Django's date format: g:i A is 10:00 AM. Spanish: H:i
    return date_format(moment, pgettext("event time format", "g:i A"))


def when_text(event):
    """'Thursday, January 14, 2027, 10:00 AM–11:30 AM PST' in the event's zone (the zone's
    abbreviation for its start); an event over several days names both days."""
    start, end = event.starts_local, event.ends_local
    zone = start.tzname()
    if event.same_day:
        return f"{_day(start)}, {_time(start)}–{_time(end)} {zone}"
    return f"{_day(start)}, {_time(start)} {zone} – {_day(end)}, {_time(end)} {end.tzname()}"


def upcoming_in(room, count=UPCOMING_COUNT):
    """Up to ``count`` advisories listed in ``room`` (its own stories and those it cross-lists,
    live and public) whose event has not ended, soonest first; each with its story's title and
    address (no more of the story). One query."""
    if room is None:
        return []
    stories = StoryPage.objects.live().public().in_room(room).values("pk")
    events = (
        AdvisoryEvent.objects.upcoming()
        .filter(story__in=stories)
        .select_related("story")
        .only(
            *[f.name for f in AdvisoryEvent._meta.concrete_fields], "story__title", "story__url_path", "story__summary"
        )
    )
    return list(events[:count])


def event_structured_data(event, story, request, branding):
    """schema.org Event: the advisory's event, organised by the site's organisation."""
    url = story.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": story.title[:110],
        "description": story.summary,
        "startDate": event.starts_local.isoformat(),
        "endDate": event.ends_local.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "url": url,
        "inLanguage": language_of_locale(story.locale_id),
        "organizer": {"@type": "Organization", "name": branding.display_name, "url": request.build_absolute_uri("/")},
    }
    places = []
    if event.venue or event.address:
        place = {"@type": "Place", "name": event.venue or event.address}
        if event.address:
            place["address"] = {"@type": "PostalAddress", "streetAddress": event.address}
        places.append(place)
    if event.online_url:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    data["location"] = places[0] if len(places) == 1 else places
    mode = "Mixed" if len(places) > 1 else ("Online" if event.online_url else "Offline")
    data["eventAttendanceMode"] = f"https://schema.org/{mode}EventAttendanceMode"
    return data
