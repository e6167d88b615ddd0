"""A journalist asks for an interview: the request is stored first (status new), then the
scheduler emails the room's on-call contact and acknowledges the journalist, at a real SMTP
server (aiosmtpd on 127.0.0.1). Robots, floods and bad input are turned away clearly; a mail
server that is down loses nothing."""

from datetime import timedelta

from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from interviews.models import InterviewEmail, InterviewRequest
from tests.editors import TeamsTestCase
from tests.factories import make_story
from tests.interviews.helpers import ON_CALL, give_room_an_on_call_contact, request_data
from tests.mail import SmtpInboxMixin, html_part, text_part
from tests.resilience.outage import HungServer, hung_cache_settings
from tests.servers import free_port
from tests.sites import CIPC_HOST, COALITION_HOST, translate_press_sites

JOURNALIST = "sam.sample@example.net"


class InterviewTestCase(SmtpInboxMixin, TeamsTestCase):
    """Both sites, their teams, the coalition room's on-call contact and an SMTP server."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        give_room_an_on_call_contact(cls.sites.coalition_press, cls.sites.sample_org)
        cls.story = make_story(cls.sites.coalition_press, "Coalition statement on a fictional oversight bill")

    def ask(self, host=COALITION_HOST, ip="192.0.2.10", prefix="", **fields):
        return self.client.post(f"{prefix}/interview/send/", request_data(**fields), HTTP_HOST=host, REMOTE_ADDR=ip)


class AskingForAnInterviewTests(InterviewTestCase):
    def test_the_form_is_a_public_cached_page_offering_the_rooms_stories(self):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/interview/", HTTP_HOST=COALITION_HOST)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<h1>Request an interview</h1>", html=True)
        self.assertContains(response, "Coalition statement on a fictional oversight bill")
        self.assertContains(response, 'action="/interview/send/"')
        self.assertIn("public", response["Cache-Control"])
        # Purged with the stories it offers: the key every story the room lists purges.
        self.assertIn(f"search-{self.sites.coalition_site.pk}", response["xkey"].split())
        self.assertNotIn("Set-Cookie", response)  # nothing per visitor: no CSRF cookie
        self.assertLessEqual(len(queries), 15, [query["sql"] for query in queries])

    def test_the_form_page_costs_a_fixed_number_of_queries(self):
        self.client.get("/interview/", HTTP_HOST=COALITION_HOST)  # Wagtail's site root paths, cached in Redis
        with self.assertNumQueries(5):  # site, room, its stories, branding, press kit link
            self.client.get("/interview/", HTTP_HOST=COALITION_HOST)

    def test_the_contacts_page_and_a_storys_contacts_link_to_the_form(self):
        for url in ("/press/contacts/", "/press/"):
            with self.subTest(url=url):
                response = self.client.get(url, HTTP_HOST=COALITION_HOST)
                self.assertContains(
                    response, '<a class="button" href="/interview/">Request an interview</a>', html=True
                )

    def test_a_request_is_stored_as_new_and_the_scheduler_emails_the_on_call_contact_and_the_journalist(self):
        response = self.ask(story=str(self.story.pk))
        self.assertContains(response, "We have your request")
        self.assertEqual(response["Cache-Control"], "max-age=0, no-cache, no-store, must-revalidate, private")
        request = InterviewRequest.objects.get()
        self.assertEqual(
            (request.name, request.outlet, request.email, request.status, request.story_id, request.press_room_id),
            ("Sam Sample", "The Example Ledger", JOURNALIST, "new", self.story.pk, self.sites.coalition_press.pk),
        )
        self.assertEqual(self.inbox.messages, [])  # stored first; the scheduler sends
        self.assertEqual(InterviewEmail.objects.filter(state="due").count(), 2)

        call_command("run_scheduler", once=True)

        [on_call] = self.inbox.to(ON_CALL)
        self.assertIn("Sam Sample", on_call["Subject"])
        self.assertEqual(on_call["Reply-To"], JOURNALIST)
        body = text_part(on_call)
        for typed in ("The Example Ledger", "+1 (916) 555-0142", "Detention oversight", "before 5 p.m.?"):
            self.assertIn(typed, body)
        self.assertIn("Coalition statement on a fictional oversight bill", body)
        self.assertIn(f"http://localhost/admin/interview_requests/edit/{request.pk}/", body)
        [acknowledgement] = self.inbox.to(JOURNALIST)
        self.assertEqual(acknowledgement["Subject"], "We have your interview request: ICE Out of California")
        self.assertIn("ICE Out of California", acknowledgement["From"])
        self.assertIn("has your interview request", text_part(acknowledgement))
        # Nothing typed is echoed back to the address given (no relay for anyone's words).
        self.assertNotIn("before 5 p.m.", text_part(acknowledgement) + html_part(acknowledgement))
        self.assertEqual(InterviewEmail.objects.filter(state="sent").count(), 2)

        call_command("send_interview_emails")  # a later run sends nothing twice
        self.assertEqual(len(self.inbox.messages), 2)

    def test_a_filled_in_honeypot_gets_a_polite_page_and_nothing_is_stored_or_sent(self):
        response = self.ask(website="http://spam.example.net/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "We have your request")
        call_command("send_interview_emails")
        self.assertFalse(InterviewRequest.objects.exists())
        self.assertEqual(self.inbox.messages, [])

    @override_settings(INTERVIEWS_LIMIT_PER_ADDRESS=2)
    def test_too_many_requests_from_one_client_get_a_clear_429(self):
        for n in range(2):
            self.assertEqual(self.ask(email=f"reporter{n}@example.net").status_code, 200)
        response = self.ask(email="reporter9@example.net")
        self.assertContains(response, "Too many requests", status_code=429)
        self.assertEqual(response["Retry-After"], "3600")
        self.assertEqual(InterviewRequest.objects.count(), 2)

    @override_settings(INTERVIEWS_LIMIT_PER_EMAIL=2)
    def test_too_many_requests_for_one_email_address_get_a_clear_429_from_any_client(self):
        for n in range(2):
            self.assertEqual(self.ask(ip=f"192.0.2.{20 + n}").status_code, 200)
        response = self.ask(ip="198.51.100.7", email=JOURNALIST.upper())
        self.assertContains(response, "Too many requests", status_code=429)
        self.assertEqual(InterviewRequest.objects.count(), 2)

    def test_with_redis_hung_a_request_is_still_stored_and_answered(self):
        """The limits cannot be counted then; the journalist is not refused for it."""
        with (
            HungServer() as redis,
            override_settings(CACHES=hung_cache_settings(redis)),
            self.assertLogs("resilience.cache", "WARNING"),
        ):
            response = self.ask()
        self.assertContains(response, "We have your request")
        self.assertEqual(InterviewRequest.objects.get().email, JOURNALIST)

    def test_the_limits_are_counted_in_redis(self):
        self.ask()
        self.assertTrue(any(key.startswith("interviews-limit:address:") for key in cache.keys("interviews-limit:*")))


class SpanishRequestTests(InterviewTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.spanish = translate_press_sites(cls.sites)

    def test_a_spanish_request_is_acknowledged_in_spanish(self):
        page = self.client.get("/es/interview/", HTTP_HOST=COALITION_HOST)
        self.assertContains(page, "Solicitar una entrevista")
        self.assertContains(page, 'action="/es/interview/send/"')
        self.assertContains(page, 'id="interview-language-es" name="language" value="es" checked')
        response = self.ask(prefix="/es", language="es")
        self.assertContains(response, "Tenemos su solicitud")
        call_command("send_interview_emails")
        [acknowledgement] = self.inbox.to(JOURNALIST)
        self.assertIn("Tenemos su solicitud de entrevista", acknowledgement["Subject"])
        self.assertIn("tiene su solicitud de entrevista", text_part(acknowledgement))
        self.assertEqual(InterviewRequest.objects.get().get_language_display(), "Spanish")


class BadInputTests(InterviewTestCase):
    def assert_form_error(self, response, error, *kept):
        self.assertContains(response, error, status_code=400)
        self.assertContains(response, "everything you typed is kept", status_code=400)
        for value in kept:
            self.assertContains(response, value, status_code=400)
        self.assertFalse(InterviewRequest.objects.exists())

    def test_a_missing_email_is_a_form_error_that_keeps_what_was_typed(self):
        response = self.ask(email="")
        self.assert_form_error(response, "Enter your email address.", 'value="Sam Sample"', "The Example Ledger")
        self.assertContains(response, 'aria-invalid="true"', status_code=400)

    def test_a_bad_or_past_deadline_is_a_form_error_that_keeps_what_was_typed(self):
        for deadline, error in [
            ("2026-13-45T99:99", "Enter the deadline as a date and time"),
            ("tomorrow at five", "Enter the deadline as a date and time"),
            ("2001-01-01T09:00", "This deadline has passed"),
            ("9999-12-31T23:59", "Enter a deadline within the next year"),
        ]:
            with self.subTest(deadline=deadline):
                self.assert_form_error(self.ask(deadline=deadline), error, f'value="{deadline}"', "Detention oversight")

    def test_huge_fields_are_form_errors_not_server_errors(self):
        response = self.ask(message="word " * 1_000, name="N" * 500)
        self.assert_form_error(response, "Keep this to 4000 characters or fewer", "Keep this to 120 characters")

    def test_an_address_at_an_ip_or_a_bad_phone_is_refused(self):
        self.assert_form_error(self.ask(email="sam@[127.0.0.1]"), "Enter an address at a mail domain")
        self.assert_form_error(self.ask(phone="call me maybe"), "Enter a phone number")

    def test_a_story_that_is_gone_is_dropped_not_refused(self):
        response = self.ask(story="999999")
        self.assertEqual(response.status_code, 200)
        self.assertIsNone(InterviewRequest.objects.get().story)

    def test_get_on_the_send_address_and_post_on_the_form_are_refused(self):
        self.assertEqual(self.client.get("/interview/send/", HTTP_HOST=COALITION_HOST).status_code, 405)
        self.assertEqual(self.client.post("/interview/", request_data(), HTTP_HOST=COALITION_HOST).status_code, 405)


class MailServerDownTests(InterviewTestCase):
    def test_with_the_mail_server_down_the_request_is_kept_and_its_emails_go_out_later(self):
        self.assertEqual(self.ask().status_code, 200)
        with override_settings(EMAIL_PORT=free_port()):  # nothing listens there
            with self.assertRaises(CommandError):
                call_command("send_interview_emails")
            call_command("run_scheduler", once=True)  # logs, never stops the scheduler
        self.assertEqual(InterviewRequest.objects.get().status, "new")
        self.assertEqual(list(InterviewEmail.objects.values_list("state", "attempts")), [("due", 0), ("due", 0)])
        self.assertEqual(self.inbox.messages, [])

        call_command("send_interview_emails")  # the server is back
        self.assertEqual(len(self.inbox.to(ON_CALL)), 1)
        self.assertEqual(len(self.inbox.to(JOURNALIST)), 1)
        self.assertEqual(set(InterviewEmail.objects.values_list("state", flat=True)), {"sent"})

    def test_emails_a_killed_sender_left_go_out_on_a_later_run_even_the_one_it_was_sending(self):
        # Unlike an alert (never twice), a request is never lost: the reporter may, rarely, get
        # the acknowledgement twice, but the press team always hears of the request.
        self.ask()
        on_call, acknowledgement = InterviewEmail.objects.order_by("pk")
        an_hour_ago = timezone.now() - timedelta(hours=1)
        InterviewEmail.objects.filter(pk=on_call.pk).update(state="claimed", claimed_at=an_hour_ago)
        InterviewEmail.objects.filter(pk=acknowledgement.pk).update(
            state="sending", claimed_at=an_hour_ago, attempted_at=an_hour_ago, attempts=1
        )
        call_command("send_interview_emails")
        self.assertEqual(len(self.inbox.to(ON_CALL)), 1)
        self.assertEqual(len(self.inbox.to(JOURNALIST)), 1)
        self.assertEqual(list(InterviewEmail.objects.values_list("state", "attempts")), [("sent", 1), ("sent", 2)])

    def test_emails_another_sender_is_sending_now_are_left_to_it(self):
        self.ask()
        InterviewEmail.objects.update(state="sending", claimed_at=timezone.now(), attempted_at=timezone.now())
        call_command("send_interview_emails")
        self.assertEqual(self.inbox.messages, [])
        self.assertEqual(set(InterviewEmail.objects.values_list("state", flat=True)), {"sending"})

    def test_a_busy_mailbox_is_retried_and_a_refused_one_is_marked_failed_in_the_admin(self):
        self.ask(email="busy-reporter@example.net")
        self.ask(email="refused-reporter@example.net", ip="192.0.2.99")
        call_command("send_interview_emails")
        states = dict(InterviewEmail.objects.filter(kind="acknowledgement").values_list("to", "state"))
        self.assertEqual(states, {"busy-reporter@example.net": "due", "refused-reporter@example.net": "failed"})
        self.assertEqual(len(self.inbox.to(ON_CALL)), 2)  # the press team hears of both

    def test_a_room_without_a_media_contact_email_still_stores_the_request_and_acknowledges_it(self):
        response = self.ask(host=CIPC_HOST)
        self.assertEqual(response.status_code, 200)
        request = InterviewRequest.objects.get()
        self.assertEqual(request.press_room_id, self.sites.cipc_press.pk)
        call_command("send_interview_emails")
        self.assertEqual([message["To"] for message in self.inbox.messages], [JOURNALIST])
