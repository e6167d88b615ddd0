"""`make run`'s third site, example.localhost: the fictional Example Immigrant Rights Network's
sample press room, where the demo shows what needs invented events and people (a breaking pin,
a media advisory with RSVPs, spokesperson pages, room contacts with hours, an interview
request), since the real organisations' sites hold only the seed's words."""

import datetime
import os
from io import StringIO
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from advisories.models import RSVP, AdvisoryEvent
from interviews.models import InterviewEmail, InterviewRequest
from press.models import PressIndexPage
from press.pinning import unpin_expired

HOST = "example.localhost"
ADVISORY = "/press/sample-media-advisory-know-your-rights-fair/"
BREAKING = "Sample breaking statement: Example Network responds to a fictional county vote"


def load():
    out = StringIO()
    call_command("load_demo", cipc_hostname="localhost", coalition_hostname="iceout.localhost", port=80, stdout=out)
    return out.getvalue()


def example_room():
    return PressIndexPage.objects.get(url_path="/example/press/")


class ExampleSiteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load()

    def test_home_and_room_lead_with_the_breaking_story_pinned_for_a_week(self):
        room = example_room()
        self.assertTrue(room.pinned_breaking)
        self.assertGreater(room.pinned_until, timezone.now() + datetime.timedelta(days=6))
        for path in ("/", "/press/"):
            with self.subTest(path):
                page = self.client.get(path, HTTP_HOST=HOST)
                self.assertContains(page, "Breaking")
                self.assertContains(page, BREAKING)
                self.assertContains(page, "Upcoming media advisories")
        spanish = self.client.get("/es/press/", HTTP_HOST=HOST)
        self.assertContains(spanish, "Última hora")
        self.assertContains(spanish, "Declaración de última hora de muestra")
        # The real sites pin nothing: a pin is an editor's choice the seed does not record.
        self.assertNotContains(self.client.get("/press/", HTTP_HOST="localhost"), "Breaking")

    def test_the_advisory_is_days_ahead_with_rsvps_open_in_both_languages(self):
        event = AdvisoryEvent.objects.get(story__url_path=f"/example{ADVISORY}")
        self.assertEqual(event.date, timezone.localdate() + datetime.timedelta(days=4))
        self.assertTrue(event.rsvp_open)
        page = self.client.get(ADVISORY, HTTP_HOST=HOST)
        self.assertContains(page, "Sample Community Hall (fictional)")
        self.assertContains(page, f"{event.date:%B} {event.date.day}, {event.date.year}, 10:00")
        self.assertContains(page, "Add to calendar")
        self.assertContains(page, 'name="email"')  # the RSVP form
        spanish = self.client.get("/es/press/aviso-de-muestra-feria-de-derechos/", HTTP_HOST=HOST)
        self.assertContains(spanish, "Salón Comunitario de Muestra (ficticio)")
        self.assertContains(spanish, "Traducción al español del comunicado original en inglés.")
        # The sample RSVP and interview request, from the fictional reporters, on this site only.
        self.assertEqual(list(RSVP.objects.values_list("email", flat=True)), ["morgan.placeholder@example.net"])
        request = InterviewRequest.objects.get()
        self.assertEqual((request.site.hostname, request.outlet), (HOST, "Example Daily (fictional)"))
        self.assertFalse(InterviewEmail.objects.exists())  # nothing is sent for a sample

    def test_spokespeople_have_pages_and_the_room_its_contacts_with_hours(self):
        people = self.client.get("/people/", HTTP_HOST=HOST)
        for name in ("Alex Sample", "Jordan Placeholder", "Robin Example"):
            self.assertContains(people, name)
        robin = self.client.get("/people/robin-example/", HTTP_HOST=HOST)
        self.assertContains(robin, "Robin Example is a fictional person")
        self.assertContains(robin, "Sample op-ed: a fictional city’s budget, in a fictional voice")
        self.assertContains(self.client.get("/es/people/robin-example/", HTTP_HOST=HOST), "organizador comunitario")
        # Robin speaks only here: no page on the real organisations' sites.
        self.assertEqual(self.client.get("/people/robin-example/", HTTP_HOST="localhost").status_code, 404)
        contacts = self.client.get("/press/contacts/", HTTP_HOST=HOST)
        self.assertContains(contacts, "Hours: Weekdays 10 a.m. to 7 p.m. Pacific; Saturdays during sample events")
        self.assertContains(contacts, "(559) 555-0197")

    @override_settings(SAMPLE_CONTENT_NOTICE=True)
    def test_its_note_says_everything_on_it_is_fictional(self):
        self.assertContains(self.client.get("/", HTTP_HOST=HOST), "This demo site and everything on it are fictional")
        self.assertContains(self.client.get("/es/", HTTP_HOST=HOST), "Este sitio de demostración y todo lo que")
        cipc = self.client.get("/", HTTP_HOST="localhost")
        self.assertContains(cipc, "This demo is built from the California Immigrant Policy Center")
        self.assertNotContains(cipc, "This demo site and everything on it are fictional")

    def test_its_team_sees_its_interview_request_and_no_other_sites_do(self):
        with mock.patch.dict(os.environ, {"DEMO_USER_PASSWORD": "demo-pass-123"}):
            call_command("demo_users", stdout=StringIO())
        user = get_user_model().objects.get(username="example-moderator")
        self.assertEqual(user.groups.get().name, "Example Immigrant Rights Network moderators")
        self.client.force_login(user)
        self.assertContains(self.client.get("/admin/interview_requests/"), "Riley Sample")
        self.client.force_login(get_user_model().objects.get(username="cipc-moderator"))
        self.assertNotContains(self.client.get("/admin/interview_requests/"), "Riley Sample")

    def test_a_later_make_run_brings_back_an_ended_event_and_an_expired_pin(self):
        event = AdvisoryEvent.objects.get(story__url_path=f"/example{ADVISORY}")
        AdvisoryEvent.objects.filter(pk=event.pk).update(ends_at=timezone.now() - datetime.timedelta(hours=1))
        room = example_room()
        PressIndexPage.objects.filter(pk=room.pk).update(pinned_until=timezone.now() - datetime.timedelta(minutes=1))
        self.assertEqual(unpin_expired(), [room])
        self.assertNotContains(self.client.get("/", HTTP_HOST=HOST), "Breaking")

        report = load()
        self.assertIn("1 pins", report)
        self.assertIn("1 media advisory events updated", report)
        for event in AdvisoryEvent.objects.filter(story__url_path__startswith="/example"):  # and its Spanish
            self.assertGreater(event.ends_at, timezone.now() + datetime.timedelta(days=3), event.story.url_path)
        home = self.client.get("/", HTTP_HOST=HOST)
        self.assertContains(home, "Breaking")
        self.assertContains(home, "Sample media advisory: a fictional know-your-rights fair in Sampleville")
        self.assertEqual(load().strip(), "Demo content already loaded: nothing created.")
