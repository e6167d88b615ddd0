"""A journalist's RSVP (or credential request) on an advisory: posted from the cached story page
to an uncached address, stored per story, listed and exported in the admin for that site's
team only; a bot's honeypot and a flood are refused; closed after the event."""

import csv
import datetime
import io

from django.core.cache import cache
from django.test import TestCase, override_settings
from django.utils import timezone

from advisories.models import RSVP, AdvisoryEvent
from tests.advisories.data import make_advisory, relative_day
from tests.editors import team_members
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites, translate, translate_press_sites

REPORTER = {"name": "Riley Sample", "outlet": "The Example Gazette", "email": "Riley@Example.org"}


class RSVPCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.story = make_advisory(cls.sites.cipc_press, "Sample press conference on the steps", date=relative_day(3))
        cls.other = make_advisory(cls.sites.coalition_press, "Sample coalition vigil", date=relative_day(4))
        cls.users = team_members(cls.sites)

    def setUp(self):
        cache.clear()  # the flood limit's counts

    def rsvp(self, story=None, data=REPORTER, host=CIPC_HOST, status=200):
        response = self.client.post(f"/advisories/{(story or self.story).pk}/rsvp/", data, HTTP_HOST=host)
        self.assertEqual(response.status_code, status, response.content.decode()[:2000])
        return response


class JournalistTests(RSVPCase):
    def test_the_story_page_offers_the_form_without_a_cookie_and_stays_shareable(self):
        response = self.client.get(self.story.url, HTTP_HOST=CIPC_HOST)
        html = response.content.decode()
        self.assertIn(f'<form method="post" action="/advisories/{self.story.pk}/rsvp/"', html)
        self.assertIn('href="#rsvp"', html)
        self.assertNotIn("csrfmiddlewaretoken", html)
        self.assertFalse(response.cookies)
        self.assertIn("public", response["Cache-Control"])

    def test_an_rsvp_is_stored_for_the_story_and_thanked(self):
        response = self.rsvp()
        self.assertContains(response, "Thank you: your RSVP is in")
        self.assertIn("no-cache", response["Cache-Control"])
        rsvp = RSVP.objects.get()
        self.assertEqual(
            (rsvp.story_id, rsvp.name, rsvp.outlet, rsvp.email, rsvp.language),
            (self.story.pk, "Riley Sample", "The Example Gazette", "riley@example.org", "en"),
        )

    def test_asking_again_keeps_one_row_with_the_latest_outlet(self):
        self.rsvp()
        self.rsvp(data={**REPORTER, "outlet": "Example Public Radio"})
        self.assertEqual(list(RSVP.objects.values_list("outlet", flat=True)), ["Example Public Radio"])

    def test_a_mistake_is_a_form_error_that_keeps_what_was_typed(self):
        response = self.rsvp(data={"name": "Riley Sample", "outlet": "", "email": "riley@localhost"}, status=400)
        html = response.content.decode()
        self.assertIn("Enter the outlet you report for", html)
        self.assertIn("Enter an email address such as name@example.org.", html)
        self.assertIn('value="Riley Sample"', html)
        self.assertIn('value="riley@localhost"', html)
        self.assertIn('aria-invalid="true"', html)
        self.assertFalse(RSVP.objects.exists())

    def test_the_honeypot_is_answered_as_usual_and_stores_nothing(self):
        response = self.rsvp(data={**REPORTER, "website": "http://spam.example.net"})
        self.assertContains(response, "Thank you: your RSVP is in")
        self.assertFalse(RSVP.objects.exists())

    @override_settings(ADVISORY_RSVP_LIMIT_PER_ADDRESS=2)
    def test_a_flood_from_one_address_is_refused_with_a_429(self):
        self.rsvp(data={**REPORTER, "email": "one@example.org"})
        self.rsvp(data={**REPORTER, "email": "two@example.org"})
        response = self.rsvp(data={**REPORTER, "email": "three@example.org"}, status=429)
        self.assertContains(response, "Too many RSVPs", status_code=429)
        self.assertEqual(response["Retry-After"], "3600")
        self.assertEqual(RSVP.objects.count(), 2)

    def test_after_the_event_the_form_is_gone_and_a_post_is_told_it_closed(self):
        AdvisoryEvent.objects.filter(story=self.story).update(ends_at=timezone.now() - datetime.timedelta(minutes=1))
        html = self.client.get(self.story.url, HTTP_HOST=CIPC_HOST).content.decode()
        self.assertNotIn('id="rsvp"', html)
        self.assertIn("This event has ended.", html)
        response = self.rsvp(status=410)
        self.assertContains(response, "has ended, so it no longer takes RSVPs", status_code=410)
        self.assertFalse(RSVP.objects.exists())

    def test_an_advisory_with_rsvps_switched_off_shows_no_form_and_refuses_a_post(self):
        story = make_advisory(self.sites.cipc_press, "Sample closed-door briefing", rsvp_open=False)
        self.assertNotIn('id="rsvp"', self.client.get(story.url, HTTP_HOST=CIPC_HOST).content.decode())
        self.assertContains(self.rsvp(story, status=410), "does not take RSVPs", status_code=410)

    def test_another_sites_advisory_or_no_advisory_is_not_found(self):
        self.rsvp(self.other, host=CIPC_HOST, status=404)
        # The home page's id: a page, but no story.
        home = self.sites.cipc_home.pk
        self.assertEqual(self.client.get(f"/advisories/{home}/rsvp/", HTTP_HOST=CIPC_HOST).status_code, 404)
        self.assertFalse(RSVP.objects.exists())

    def test_the_form_page_and_answers_are_in_spanish_under_es(self):
        translate_press_sites(self.sites)
        spanish = translate(self.story, title="Rueda de prensa de muestra", slug="rueda-de-prensa-de-muestra")
        html = self.client.get(spanish.url, HTTP_HOST=CIPC_HOST).content.decode()
        self.assertIn(f'action="/es/advisories/{spanish.pk}/rsvp/"', html)
        self.assertIn("Enviar mi confirmación", html)
        response = self.client.post(f"/es/advisories/{spanish.pk}/rsvp/", REPORTER, HTTP_HOST=CIPC_HOST)
        self.assertContains(response, "Gracias: recibimos su confirmación")
        self.assertEqual(RSVP.objects.get().language, "es")
        response = self.client.post(f"/es/advisories/{spanish.pk}/rsvp/", {**REPORTER, "name": ""}, HTTP_HOST=CIPC_HOST)
        self.assertContains(response, "Escriba su nombre.", status_code=400)


class AdminTests(RSVPCase):
    def setUp(self):
        super().setUp()
        self.rsvp()
        self.rsvp(self.other, data={**REPORTER, "email": "vigil@example.org"}, host=COALITION_HOST)

    def test_the_sites_editor_lists_and_exports_the_stories_rsvps(self):
        self.client.force_login(self.users["cipc-editor"])
        html = self.client.get(f"/admin/advisories/stories/{self.story.pk}/rsvps/").content.decode()
        self.assertIn("Riley Sample", html)
        self.assertIn("The Example Gazette", html)
        self.assertIn("riley@example.org", html)
        response = self.client.get(f"/admin/advisories/stories/{self.story.pk}/rsvps.csv")
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn("attachment;", response["Content-Disposition"])
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        self.assertEqual(rows[0], ["name", "outlet", "email", "language", "received_at"])
        self.assertEqual(rows[1][:4], ["Riley Sample", "The Example Gazette", "riley@example.org", "en"])
        self.assertEqual(len(rows), 2)

    def test_the_index_lists_only_the_users_own_sites_advisories_with_their_counts(self):
        self.client.force_login(self.users["cipc-editor"])
        html = self.client.get("/admin/advisories/").content.decode()
        self.assertIn("Sample press conference on the steps", html)
        self.assertNotIn("Sample coalition vigil", html)
        self.client.force_login(self.users["iceout-editor"])
        html = self.client.get("/admin/advisories/").content.decode()
        self.assertIn("Sample coalition vigil", html)
        self.assertNotIn("Sample press conference on the steps", html)

    def test_the_other_sites_team_is_refused_and_sees_no_rsvp(self):
        for username in ("iceout-editor", "iceout-moderator"):
            self.client.force_login(self.users[username])
            for url in (
                f"/admin/advisories/stories/{self.story.pk}/rsvps/",
                f"/admin/advisories/stories/{self.story.pk}/rsvps.csv",
            ):
                with self.subTest(user=username, url=url):
                    # Wagtail's admin answers a refusal by sending the user to the dashboard.
                    response = self.client.get(url)
                    self.assertEqual((response.status_code, response.url), (302, "/admin/"))
                    dashboard = self.client.get(response.url).content.decode()
                    self.assertIn("Sorry, you do not have permission to access this area.", dashboard)
                    self.assertNotIn("riley@example.org", dashboard)

    def test_a_spreadsheet_formula_in_a_name_stays_text_in_the_export(self):
        self.rsvp(data={**REPORTER, "name": "=HYPERLINK(1)", "email": "formula@example.org"})
        self.client.force_login(self.users["cipc-editor"])
        content = self.client.get(f"/admin/advisories/stories/{self.story.pk}/rsvps.csv").content.decode()
        self.assertIn("'=HYPERLINK(1)", content)
