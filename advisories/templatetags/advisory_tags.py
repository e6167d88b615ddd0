from django import template

from advisories import display
from advisories.forms import RSVPForm
from advisories.rows import upcoming_from_rows
from core.rows import from_json

register = template.Library()


@register.simple_tag
def advisory_of(story):
    """The story's advisory event, or None: carried by the story's query (``advisory_row``),
    else read (a preview's, from its form; SQLite's, from the database)."""
    rows = getattr(story, "advisory_row", None)
    if rows is None:
        return next(iter(story.advisory_events.all()), None)
    if not rows:
        return None
    event = from_json(display.AdvisoryEvent, rows[0])
    event.story = story
    return event


@register.simple_tag
def upcoming_advisories(press_room):
    """The room's advisories whose event has not ended, soonest first: carried by the room's
    query (``upcoming_rows``), else read."""
    rows = getattr(press_room, "upcoming_rows", None)
    if rows is not None:
        return upcoming_from_rows(rows)
    return display.upcoming_in(press_room)


@register.simple_tag
def event_when(event):
    return display.when_text(event)


@register.simple_tag(takes_context=True)
def event_structured_data(context, event, story):
    return display.event_structured_data(event, story, context["request"], context["branding"])


@register.simple_tag
def rsvp_form():
    """An empty RSVP form, for the story page (the same for every visitor: it is cached)."""
    return RSVPForm()
