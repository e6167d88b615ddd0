"""The demo's third site: the press room of the fictional Example Immigrant Rights Network
(content/example.toml), where the features that need invented events and people are shown,
since the real organisations' sites hold only the seed's words.

Idempotent like the rest of the loader: everything is made only when missing. Two things follow
the day the demo is loaded, so a fresh `make run` always shows them: the breaking pin (set
again, for a week, when the room has none: the scheduler clears an expired one) and the
advisory's event (moved to a few days ahead when it has ended, unless an editor has saved the
story)."""

import datetime
import tomllib
from pathlib import Path

from django.utils import timezone
from wagtail.models import Page

from advisories.models import RSVP, AdvisoryEvent
from home.models import HomePage
from interviews.models import InterviewRequest
from press.models import PressIndexPage, StoryPage
from press.pinning import set_pin

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "example.toml"
KEY = "example"

LOOK = {
    "primary_colour": "#0f5c57",
    "accent_colour": "#b45309",
    "tint_colour": "#eef6f5",
    "typeface": "atkinson-hyperlegible",
    "banner": ("#0f5c57", "#0b3b38", "#b45309"),
    "icon": "example-network-icon.svg",
}


def load_content():
    """The site's content, each story given its date: ``days_ago`` before today."""
    content = tomllib.loads(CONTENT_FILE.read_text(encoding="utf-8"))
    today = timezone.localdate()
    for story in content["story"]:
        story["date"] = today - datetime.timedelta(days=story["days_ago"])
    return content


class ExampleSiteLoader:
    def __init__(self, loader, hostname):
        self.loader = loader
        self.hostname = hostname
        self.report = loader.report
        self.content = load_content()

    def site(self):
        """The site, its branding and press room (the loader's ``press_rooms[KEY]``)."""
        data = self.content["site"]
        loader = self.loader
        home = loader._root_page(HomePage, data["hostname_prefix"], title=data["site_name"], intro=data["intro"])
        site = loader._site(self.hostname, home, data["site_name"], is_default=False)
        loader._branding(site, data, KEY, logo=loader.organizations[data["organization"]].logo)
        room = loader._press_room(
            home,
            intro=data["room_intro"],
            default_category=loader.categories["statement"],
        )
        return site, room

    def stories(self):
        for data in self.content["story"]:
            self.loader._story(data)
            if "event" in data:
                self._advisory_event(data)

    def _story(self, slug, language="en"):
        return StoryPage.objects.get(
            slug=slug, locale__language_code=language, path__startswith=self.loader.press_rooms[KEY].path
        )

    def _advisory_event(self, data):
        """The story's event, ``days_ahead`` days from today; made again that far ahead when the
        last one has ended (so the demo's Upcoming lists show it), unless an editor saved it."""
        story = self._story(data["slug"])
        existing = story.advisory_events.first()
        if (existing is not None and existing.ends_at > timezone.now()) or not self.loader_only(story):
            return
        event = data["event"]
        story.advisory_events = [
            AdvisoryEvent(
                date=timezone.localdate() + datetime.timedelta(days=event["days_ahead"]),
                start_time=datetime.time.fromisoformat(event["start"]),
                end_time=datetime.time.fromisoformat(event["end"]),
                venue=event["venue"],
                address=event["address"],
                online_url=event["online_url"],
                visuals=event["visuals"],
                interviews=event["interviews"],
                rsvp_open=True,
            )
        ]
        story.save_revision().publish()
        self.report.count("media advisory events" if existing is None else "media advisory events updated")
        if existing is not None:
            self._move_translations_event(story, story.advisory_events.get())

    def _move_translations_event(self, story, event):
        """The story's language versions' events moved to ``event``'s time, in their own words."""
        for version in story.get_translations().specific():
            old = version.advisory_events.first()
            if old is None or not self.loader_only(version):
                continue
            moved = AdvisoryEvent(story=version, venue=old.venue, visuals=old.visuals, interviews=old.interviews)
            for name in ("date", "start_time", "end_time", "time_zone", "address", "online_url", "rsvp_open"):
                setattr(moved, name, getattr(event, name))
            version.advisory_events = [moved]
            version.save_revision().publish()

    def loader_only(self, obj):
        return not obj.revisions.exclude(user=None).exists()

    def pin(self):
        """The breaking story pinned for ``pinned_days`` from now, when the room pins nothing."""
        room = PressIndexPage.objects.get(pk=self.loader.press_rooms[KEY].pk)
        if room.pinned_story_id is not None or not self.loader_only(room):
            return
        days = self.content["site"]["pinned_days"]
        story = self._story(self.content["site"]["pinned_story"])
        set_pin(room, story, breaking=True, until=timezone.now() + datetime.timedelta(days=days))
        self.report.count("pins")

    def admin_samples(self, site):
        """A sample interview request and RSVP for the site's team to open in the admin. No
        email is queued for them: they are rows, not messages."""
        request = self.content["interview_request"]
        room = self.loader.press_rooms[KEY]
        if not InterviewRequest.objects.filter(site=site, email=request["email"]).exists():
            InterviewRequest.objects.create(
                site=site,
                press_room=room,
                name=request["name"],
                outlet=request["outlet"],
                email=request["email"],
                phone=request["phone"],
                deadline=timezone.now() + datetime.timedelta(days=request["deadline_days"]),
                language=request["language"],
                story=self._story(request["story"]),
                topic=request["topic"],
                message=request["message"],
            )
            self.report.count("interview requests")
        rsvp = self.content["rsvp"]
        advisory = self._story(next(s["slug"] for s in self.content["story"] if "event" in s))
        _, created = RSVP.objects.get_or_create(
            story=advisory,
            email=rsvp["email"],
            defaults={"name": rsvp["name"], "outlet": rsvp["outlet"], "language": rsvp["language"]},
        )
        if created:
            self.report.count("RSVPs")

    def translate(self, locale, note):
        """The site's root, room, footer and some stories in ``locale`` (``note``: the other
        demo translations' note and media contacts heading, from press_es.toml)."""
        words = self.content[locale.language_code]
        data = words["site"]
        loader = self.loader
        room = loader.press_rooms[KEY]
        home = Page.objects.get(pk=room.get_parent().pk).specific
        loader._translated_page(home, locale, {"title": data["title"], "intro": data["intro"]})
        loader._translated_page(room, locale, {"title": data["room_title"], "intro": data["room_intro"]})
        loader._translated_branding(home, locale.language_code, data)
        for story in words["story"]:
            original = self._story(story["of"])
            if original.get_translation_or_none(locale) is not None:
                continue
            fields = {name: story[name] for name in ("slug", "title", "subtitle", "dateline", "summary")}
            fields["content_modified_at"] = original.content_modified_at
            fields["body"] = loader._translated_body(original, note, story["body"])
            if "event" in story:
                fields["advisory_events"] = [
                    AdvisoryEvent(
                        **{
                            name: getattr(event, name)
                            for name in ("date", "start_time", "end_time", "time_zone", "address", "online_url")
                        },
                        rsvp_open=event.rsvp_open,
                        **story["event"],
                    )
                    for event in original.advisory_events.all()
                ]
            loader._translated_page(original, locale, fields)
