"""An advisory's event as an iCalendar file (RFC 5545), for "Add to calendar"."""

import datetime

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _


def event_calendar(event, story_url, host):
    """A VCALENDAR with the event (in its own time zone, with that zone's VTIMEZONE), titled
    after the story, at its place, linking back to the story."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//CIPC press rooms//Media advisory//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    item = icalendar.Event()
    item.add("uid", f"advisory-{event.story_id}@{host}")
    item.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    item.add("dtstart", event.starts_local)
    item.add("dtend", event.ends_local)
    item.add("summary", event.story.title)
    item.add("location", event.location_text)
    item.add("url", story_url)
    item.add("description", description(event, story_url))
    calendar.add_component(item)
    # Only the rules around the event: the default span (1970-2038) lists every change since.
    day = event.starts_local.date()
    calendar.add_missing_timezones(
        first_date=day - datetime.timedelta(days=366), last_date=day + datetime.timedelta(days=366)
    )
    return calendar.to_ical()


def description(event, story_url):
    parts = [event.story.summary]
    if event.online_url:
        parts.append(f"{_('Online')}: {event.online_url}")
    if event.visuals:
        parts.append(f"{_('Visuals')}: {event.visuals}")
    if event.interviews:
        parts.append(f"{_('Interviews')}: {event.interviews}")
    parts.append(story_url)
    return "\n\n".join(part for part in parts if part)
