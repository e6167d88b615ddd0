"""The Upcoming list on the home page and the press room: advisories whose event has not ended,
soonest first; an event that ends drops off by itself, and the scheduler purges the pages that
listed it (and its story, whose RSVP form closes) once, at its end."""

import datetime
import io
import re

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone
from wagtail.contrib.frontend_cache.backends import BaseBackend

from advisories.models import AdvisoryEvent, EndOfEventPurge
from frontcache.keys import page_key, room_key
from tests.advisories.data import make_advisory, relative_day
from tests.factories import make_story
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites, translate, translate_press_sites

UPCOMING = re.compile(r'<section class="upcoming[^"]*"(.*?)</section>', re.S)


def upcoming_titles(html):
    found = UPCOMING.search(html)
    return re.findall(r'class="upcoming__title"><a href="[^"]+">([^<]+)</a>', found.group(1)) if found else []


class UpcomingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        room = cls.sites.cipc_press
        cls.later = make_advisory(room, "Sample town hall in three weeks", date=relative_day(21))
        cls.sooner = make_advisory(room, "Sample vigil in two days", date=relative_day(2))
        cls.ended = make_advisory(room, "Sample rally last week", date=relative_day(-7))
        make_story(room, "A sample statement with no event")
        cls.coalition = make_advisory(cls.sites.coalition_press, "Sample coalition briefing", date=relative_day(5))

    def page(self, path, host=CIPC_HOST):
        response = self.client.get(path, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_the_room_and_home_list_events_not_ended_soonest_first(self):
        for path in ("/", "/press/"):
            with self.subTest(path=path):
                self.assertEqual(
                    upcoming_titles(self.page(path)), ["Sample vigil in two days", "Sample town hall in three weeks"]
                )

    def test_each_site_lists_only_the_advisories_its_room_lists(self):
        for path in ("/", "/press/"):
            self.assertEqual(upcoming_titles(self.page(path, COALITION_HOST)), ["Sample coalition briefing"])

    def test_a_coalition_advisory_cipc_signed_is_listed_in_cipcs_room_too(self):
        signed = make_advisory(
            self.sites.coalition_press, "Sample joint briefing", date=relative_day(3), signatories=[self.sites.cipc_org]
        )
        self.assertEqual(
            upcoming_titles(self.page("/press/")),
            ["Sample vigil in two days", "Sample joint briefing", "Sample town hall in three weeks"],
        )
        self.assertIn(signed.full_url, self.page("/press/"))

    def test_an_event_that_ends_drops_off_without_anyone_editing(self):
        # The vigil's end time passes (moved back, rather than the clock forward).
        AdvisoryEvent.objects.filter(story=self.sooner).update(ends_at=timezone.now() - datetime.timedelta(seconds=1))
        for path in ("/", "/press/"):
            self.assertEqual(upcoming_titles(self.page(path)), ["Sample town hall in three weeks"])

    def test_nothing_upcoming_shows_no_list(self):
        AdvisoryEvent.objects.update(ends_at=timezone.now() - datetime.timedelta(minutes=1))
        for path in ("/", "/press/"):
            self.assertNotIn('class="upcoming', self.page(path))

    def test_a_filtered_or_later_page_of_the_room_has_no_upcoming_list(self):
        self.assertEqual(upcoming_titles(self.page("/press/?year=2019")), [])

    def test_the_spanish_room_and_home_list_the_spanish_versions(self):
        translate_press_sites(self.sites)
        translate(self.later, title="Asamblea de muestra en tres semanas", slug="asamblea-de-muestra")
        for path in ("/es/", "/es/press/"):
            html = self.page(path)
            self.assertIn("Próximos avisos a los medios", html)
            self.assertEqual(upcoming_titles(html), ["Asamblea de muestra en tres semanas"])

    def test_an_ended_event_shows_as_ended_with_no_rsvp_form(self):
        html = self.page(self.ended.url)
        self.assertIn("This event has ended.", html)
        self.assertNotIn('id="rsvp"', html)
        self.assertNotIn("RSVP or request a credential", html)
        self.assertIn('id="rsvp"', self.page(self.sooner.url))


class RecordingBackend(BaseBackend):
    """A front cache that notes the keys it is asked to purge (at once, and softly)."""

    purged = []

    def purge(self, url):
        pass

    def purge_keys(self, keys, soft=()):
        RecordingBackend.purged.append((set(keys), set(soft)))


@override_settings(WAGTAILFRONTENDCACHE={"recording": {"BACKEND": f"{__name__}.RecordingBackend"}})
class EndOfEventPurgeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.story = make_advisory(cls.sites.cipc_press, "Sample press conference", date=relative_day(1))

    def setUp(self):
        RecordingBackend.purged.clear()

    def run_scheduler(self):
        with self.captureOnCommitCallbacks(execute=True):
            call_command("run_scheduler", once=True, stdout=io.StringIO())

    def purged_at_once(self):
        return set().union(*(keys for keys, _soft in RecordingBackend.purged))

    def test_the_scheduler_purges_the_story_room_and_home_at_once_when_the_event_ends(self):
        self.run_scheduler()
        self.assertNotIn(page_key(self.story.pk), self.purged_at_once())  # not ended yet

        AdvisoryEvent.objects.filter(story=self.story).update(ends_at=timezone.now() - datetime.timedelta(seconds=5))
        self.run_scheduler()
        # Its page (the RSVP form closes), and its room's key: the room and the home page that
        # list it. At once, so Varnish's grace serves nobody the old copy.
        self.assertLessEqual({page_key(self.story.pk), room_key(self.sites.cipc_press.pk)}, self.purged_at_once())
        self.assertEqual(EndOfEventPurge.objects.filter(story=self.story).count(), 1)

        RecordingBackend.purged.clear()
        self.run_scheduler()  # once per end: the next run purges nothing more
        self.assertNotIn(page_key(self.story.pk), self.purged_at_once())

    def test_an_event_moved_later_is_purged_again_when_its_new_end_comes(self):
        event = AdvisoryEvent.objects.get(story=self.story)
        AdvisoryEvent.objects.filter(pk=event.pk).update(ends_at=timezone.now() - datetime.timedelta(hours=1))
        self.run_scheduler()
        AdvisoryEvent.objects.filter(pk=event.pk).update(ends_at=timezone.now() - datetime.timedelta(seconds=1))
        RecordingBackend.purged.clear()
        self.run_scheduler()
        self.assertIn(page_key(self.story.pk), self.purged_at_once())
        self.assertEqual(EndOfEventPurge.objects.filter(story=self.story).count(), 2)
