"""Media advisories for the tests: fictional events of the fictional Example Immigrant Rights
Network, on either site."""

import datetime

from django.utils import timezone

from advisories.models import RSVP, AdvisoryEvent
from core.models import Category
from press.models import PressIndexPage
from tests.factories import CategoryFactory, block, make_story
from tests.sites import translate

# A fixed day far ahead (a Wednesday in winter: Pacific and Eastern standard time), so the page
# text is the same whenever the tests run and the event never ends during them.
FUTURE_DAY = datetime.date(2031, 1, 15)


def advisory_category():
    return Category.objects.filter(slug="media-advisory").first() or CategoryFactory(
        name="Media Advisory", slug="media-advisory"
    )


def make_advisory(
    room,
    title,
    *,
    date=FUTURE_DAY,
    start=(10, 0),
    end=(11, 30),
    time_zone="America/Los_Angeles",
    venue="Sample Community Hall",
    address="100 Example Street, Sacramento, CA 95814",
    **fields,
):
    """A published advisory story in ``room`` with its event (local times in ``time_zone``);
    ``fields`` the event's other fields or the story's (``make_story``'s)."""
    event_names = {field.name for field in AdvisoryEvent._meta.get_fields()}
    event_fields = {name: fields.pop(name) for name in list(fields) if name in event_names}
    event = AdvisoryEvent(
        date=date,
        start_time=datetime.time(*start),
        end_time=datetime.time(*end),
        time_zone=time_zone,
        venue=venue,
        address=address,
        visuals=event_fields.pop("visuals", "Sample banners and a podium; families of the Example Network."),
        interviews=event_fields.pop(
            "interviews", "Casey Placeholder of the Example Immigrant Rights Network, in English and Spanish."
        ),
        **event_fields,
    )
    return make_story(
        room,
        title,
        date=timezone.localdate(),
        category=advisory_category(),
        summary=fields.pop("summary", f"Media advisory: {title}."),
        body=fields.pop("body", [block("paragraph", "<p>Journalists are invited to a sample event.</p>")]),
        advisory_events=[event],
        **fields,
    )


def relative_day(days):
    """A local day ``days`` from today (negative: in the past)."""
    return timezone.localdate() + datetime.timedelta(days=days)


# The advisory of each site that the accessibility, HTML and 320 px checks visit
# (tests.visitors.checked_pages), in English and, where the site has Spanish pages, in Spanish.
CHECKED_ADVISORY_SLUGS = ("sample-briefing-on-the-capitol-steps", "rueda-de-prensa-de-muestra")


def add_checked_advisories(sites):
    """One upcoming advisory per site (with every part of its block: venue, address, online
    link, visuals, interviews), translated where the site's Spanish room exists."""
    english, spanish = CHECKED_ADVISORY_SLUGS
    for room in (sites.cipc_press, sites.coalition_press):
        story = make_advisory(
            room,
            "Sample briefing on the Capitol steps",
            slug=english,
            online_url="https://stream.example.org/sample-briefing",
        )
        if PressIndexPage.objects.filter(translation_key=room.translation_key, locale__language_code="es").exists():
            translate(story, title="Rueda de prensa de muestra", slug=spanish)


def add_event_and_rsvp(story, name):
    """An event (in the future) on an existing ``story``, and a journalist's RSVP to it."""
    AdvisoryEvent.objects.create(
        story=story, date=FUTURE_DAY, start_time=datetime.time(10), end_time=datetime.time(11), venue="Sample Hall"
    )
    RSVP.objects.create(story=story, name=name, outlet="Sample Outlet", email="reporter@example.org")
