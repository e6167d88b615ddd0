"""Sending a story to media lists, against a real SMTP server on 127.0.0.1 (aiosmtpd): recorded
first, one message per recipient with the release as text and the unsubscribe headers, under
embargo with a personal link, at go-live, cancelled, never twice after a killed sender; 5xx
refusals, one-click unsubscribing and signed bounce webhooks mark the contact."""

import hashlib
import hmac
import json
import re
from datetime import timedelta
from urllib.parse import unquote, urlsplit

from django.core import mail as django_mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from embargo.models import EmbargoLink
from medialists.models import MediaContact, MediaList, Suppression
from releases_out.models import Delivery, Send
from tests.editors import TeamsTestCase
from tests.factories import block, example_contacts, make_story, statement
from tests.mail import SmtpInboxMixin, html_part, text_part
from tests.sites import COALITION_HOST, translate, translate_press_sites

SIGNING_KEY = "test-mailgun-signing-key"
CELL = re.compile(r"<t[hd][^>]*>(?:<strong>)?([^<]*)(?:</strong>)?</t[hd]>")


def send_numbers(response):
    """The send page's numbers as a moderator reads them: {"Sent": 2, …}."""
    table = response.content.decode().split('id="send-numbers"', 1)[1].split("</table>", 1)[0]
    cells = CELL.findall(table)
    half = len(cells) // 2
    return dict(zip(cells[:half], map(int, cells[half:]), strict=True))


WEBHOOK = "/releases/webhooks/mailgun/tracking/"


class SendTestCase(SmtpInboxMixin, TeamsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        site = cls.sites.coalition_site
        alex, _jordan = example_contacts()
        cls.story = make_story(
            cls.sites.coalition_press,
            "Network opens a legal help line",
            dateline="Los Angeles, CA",
            category=cls.sites.statement,
            body=[
                statement(cls.person, "<p>Every family deserves a lawyer.</p>"),
                block("quote", {"text": "We answer every call.", "spokesperson": cls.person.pk, "attribution": ""}),
                block("media_contacts", {"heading": "Media contacts", "contacts": [alex.pk]}),
            ],
        )
        cls.reporters = MediaList.objects.create(site=site, name="Sample reporters")
        cls.spanish = MediaList.objects.create(site=site, name="Sample Spanish-language media")
        cls.contacts = {}
        for name, email in (
            ("Avery Sample", "avery@example.org"),
            ("Blake Example", "blake@example.net"),
            ("Refused Sample", "refused-reporter@example.org"),
            ("Busy Sample", "busy-reporter@example.org"),
        ):
            cls.contacts[email] = MediaContact.objects.create(site=site, name=name, email=email)
        cls.contacts["gone@example.org"] = MediaContact.objects.create(
            site=site,
            name="Gone Sample",
            email="gone@example.org",
            suppressed_reason=Suppression.UNSUBSCRIBED,
            suppressed_at=timezone.now(),
        )
        cls.reporters.contacts.add(*cls.contacts.values())
        # In both lists: still one message.
        cls.spanish.contacts.add(cls.contacts["avery@example.org"])

    def setUp(self):
        super().setUp()
        self.client.force_login(self.users["iceout-moderator"])

    def ask(self, story, when, lists=None):
        lists = lists or [self.reporters, self.spanish]
        return self.client.post(
            f"/admin/releases/stories/{story.pk}/", {"lists": [item.pk for item in lists], "when": when}
        )

    def run_sender(self, **options):
        call_command("send_releases", verbosity=0, **options)

    def embargoed_story(self):
        story = make_story(
            self.sites.coalition_press,
            "Network sues over courthouse arrests",
            category=self.sites.statement,
            body=[statement(self.person, "<p>Courthouses must be safe.</p>")],
        )
        story.unpublish()
        story.refresh_from_db()
        story.go_live_at = timezone.now() + timedelta(days=1)
        story.save_revision()
        return story

    def go_live(self, story):
        """What the scheduler does at the go-live time: publish the draft."""
        story = story.get_latest_revision_as_object()
        story.go_live_at = None
        story.save_revision().publish()


class SendingTests(SendTestCase):
    def test_a_send_now_reaches_each_reporter_once_with_the_release_and_unsubscribe_headers(self):
        response = self.ask(self.story, Send.When.NOW)
        send = Send.objects.get()
        self.assertRedirects(response, f"/admin/releases/sends/{send.pk}/", fetch_redirect_response=False)
        # Recorded before anything goes out: one delivery per contact, the unsubscribed one skipped.
        self.assertEqual(send.deliveries.count(), 5)
        self.assertEqual(send.deliveries.get(email="gone@example.org").state, Delivery.State.SKIPPED)
        self.assertEqual(self.inbox.messages, [])

        self.run_sender()
        received = {recipients[0]: message for recipients, message in self.inbox.received}
        self.assertEqual(sorted(received), ["avery@example.org", "blake@example.net"])
        self.assertTrue(all(len(recipients) == 1 for recipients, _m in self.inbox.received))
        message = received["avery@example.org"]
        self.assertEqual(message["To"], "avery@example.org")
        self.assertEqual(message["Subject"], "Network opens a legal help line")
        self.assertEqual(message["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")
        https, mailto = re.findall(r"<([^>]+)>", message["List-Unsubscribe"])
        self.assertTrue(https.startswith(f"http://{COALITION_HOST}/releases/unsubscribe/"), https)
        self.assertTrue(mailto.startswith("mailto:") and "subject=unsubscribe" in mailto, mailto)
        text = text_part(message)
        for words in (
            "Network opens a legal help line",
            "Los Angeles, CA",
            "Every family deserves a lawyer.",
            "“We answer every call.”",
            "Alex Sample, Communications Director",
            "(213) 555-0142",
            f"http://{COALITION_HOST}/press/{self.story.slug}/",
        ):
            self.assertIn(words, text)
        self.assertNotIn("EMBARGOED", text)
        self.assertIn("Every family deserves a lawyer.", html_part(message))
        # The release PDF a reporter can forward: its link in the email opens the PDF.
        pdf_url = f"http://{COALITION_HOST}/press/{self.story.slug}/release.pdf"
        self.assertIn(f"The release as a PDF: {pdf_url}", text)
        self.assertIn(f'href="{pdf_url}"', html_part(message))
        pdf = self.client.get(urlsplit(pdf_url).path, HTTP_HOST=COALITION_HOST)
        self.assertEqual((pdf.status_code, pdf["Content-Type"]), (200, "application/pdf"))

        numbers = send_numbers(self.client.get(f"/admin/releases/sends/{send.pk}/"))
        self.assertEqual(
            {key: numbers[key] for key in ("Recipients", "Sent", "Waiting", "Failed", "Bounced", "Not emailed")},
            {"Recipients": 5, "Sent": 2, "Waiting": 1, "Failed": 1, "Bounced": 1, "Not emailed": 1},
        )

    @override_settings(RELEASES_MAX_ATTEMPTS=2)
    def test_a_permanent_refusal_marks_the_contact_a_hard_bounce_and_try_later_is_retried(self):
        self.ask(self.story, Send.When.NOW)
        self.run_sender()
        refused = MediaContact.objects.get(email="refused-reporter@example.org")
        self.assertEqual(refused.suppressed_reason, Suppression.HARD_BOUNCE)
        busy = Delivery.objects.get(email="busy-reporter@example.org")
        self.assertEqual(busy.state, Delivery.State.DUE, busy.error)
        self.run_sender()
        busy.refresh_from_db()
        self.assertEqual((busy.state, busy.attempts), (Delivery.State.FAILED, 2))
        self.assertEqual(MediaContact.objects.get(email="busy-reporter@example.org").suppressed_reason, "")
        # The bounced contact is left out of the next send.
        self.inbox.clear()
        self.ask(self.story, Send.When.NOW)
        self.run_sender()
        self.assertNotIn("refused-reporter@example.org", [r[0] for r, _m in self.inbox.received])
        listing = self.client.get("/admin/media-lists/contacts/?q=refused")
        self.assertContains(listing, "Address bounced (hard bounce) on")

    def test_under_embargo_each_reporter_gets_the_embargo_line_and_a_personal_link_that_ends_at_publication(self):
        story = self.embargoed_story()
        self.ask(story, Send.When.EMBARGO, lists=[self.spanish])
        self.client.logout()
        self.run_sender()
        [message] = self.inbox.messages
        text = text_part(message)
        self.assertTrue(text.startswith("EMBARGOED UNTIL "), text[:80])
        self.assertTrue(message["Subject"].startswith("EMBARGOED until "), message["Subject"])
        link = re.search(r"http://[^\s]+/embargoed/[A-Za-z0-9_-]{43}/", text).group(0)
        self.assertEqual(EmbargoLink.objects.get(sent_to="avery@example.org").get_full_url(), link)
        path = urlsplit(link).path
        preview = self.client.get(path, HTTP_HOST=COALITION_HOST)
        self.assertContains(preview, "Courthouses must be safe.")
        self.assertNotIn(f"/press/{story.slug}/", text)  # not public yet, nor its PDF
        self.go_live(story)
        self.assertEqual(self.client.get(path, HTTP_HOST=COALITION_HOST).status_code, 302)  # to the live story

    def test_personal_links_are_counted_on_the_storys_links_page_and_cancelling_revokes_them(self):
        story = self.embargoed_story()
        self.ask(story, Send.When.EMBARGO)
        links = self.client.get(f"/admin/embargo/pages/{story.pk}/")
        self.assertContains(links, "Personal links sent to journalists with the release under embargo: 4")
        personal = EmbargoLink.objects.exclude(sent_to="")
        self.assertEqual(personal.count(), 4)  # the unsubscribed contact gets none
        self.assertNotContains(links, personal.first().token)
        send = Send.objects.get()
        self.client.post(f"/admin/releases/sends/{send.pk}/cancel/")
        self.assertFalse(EmbargoLink.objects.active().exclude(sent_to="").exists())
        self.client.logout()
        path = urlsplit(personal.first().get_full_url()).path
        self.assertEqual(self.client.get(path, HTTP_HOST=COALITION_HOST).status_code, 404)

    def test_a_go_live_send_waits_for_publication_and_can_be_cancelled(self):
        story = self.embargoed_story()
        self.ask(story, Send.When.GO_LIVE)
        self.run_sender()
        self.assertEqual(self.inbox.messages, [])
        send = Send.objects.get()
        self.client.post(f"/admin/releases/sends/{send.pk}/cancel/")
        page = self.client.get(f"/admin/releases/sends/{send.pk}/")
        self.assertContains(page, "Cancelled")
        self.go_live(story)
        self.run_sender()
        self.assertEqual(self.inbox.messages, [])
        self.assertEqual(send.deliveries.filter(state=Delivery.State.CANCELLED).count(), 4)

    def test_a_go_live_send_goes_once_the_story_is_live(self):
        story = self.embargoed_story()
        self.ask(story, Send.When.GO_LIVE, lists=[self.spanish])
        self.go_live(story)
        self.run_sender()
        self.assertEqual([m["To"] for m in self.inbox.messages], ["avery@example.org"])

    def test_a_send_now_of_an_unpublished_story_is_refused_with_the_reason(self):
        story = self.embargoed_story()
        response = self.ask(story, Send.When.NOW)
        self.assertContains(response, "The story is not published")
        self.assertFalse(Send.objects.exists())

    def test_a_sender_killed_halfway_finishes_once_without_duplicates(self):
        self.ask(self.story, Send.When.NOW, lists=[self.reporters])
        now = timezone.now()
        deliveries = {d.email: d for d in Delivery.objects.all()}
        # What a killed sender leaves: one it was sending (it may have left), one claimed, untried.
        Delivery.objects.filter(pk=deliveries["avery@example.org"].pk).update(
            state=Delivery.State.SENDING, claimed_at=now, attempted_at=now
        )
        Delivery.objects.filter(pk=deliveries["blake@example.net"].pk).update(
            state=Delivery.State.CLAIMED, claimed_at=now
        )
        self.run_sender()
        self.run_sender()
        self.assertEqual([m["To"] for m in self.inbox.messages], [])  # the rest are refused or busy
        Delivery.objects.exclude(state=Delivery.State.SENT).update(
            claimed_at=now - timedelta(hours=1), attempted_at=now - timedelta(hours=1)
        )
        self.run_sender()
        self.run_sender()
        self.assertEqual([m["To"] for m in self.inbox.messages], ["blake@example.net"])
        in_flight = Delivery.objects.get(pk=deliveries["avery@example.org"].pk)
        self.assertEqual(in_flight.state, Delivery.State.FAILED)
        self.assertIn("interrupted", in_flight.error)

    def test_a_spanish_reader_gets_the_spanish_translation_where_there_is_one(self):
        translate_press_sites(self.sites)
        translate(self.story, title="La red abre una línea de ayuda legal", slug="la-red-abre-una-linea")
        MediaContact.objects.filter(email="avery@example.org").update(language="es")
        self.ask(self.story, Send.When.NOW, lists=[self.reporters])
        self.run_sender()
        received = {recipients[0]: message for recipients, message in self.inbox.received}
        spanish, english = received["avery@example.org"], received["blake@example.net"]
        self.assertEqual(spanish["Subject"], "La red abre una línea de ayuda legal")
        self.assertIn("/es/press/la-red-abre-una-linea/", text_part(spanish))
        self.assertIn("Cancelar la suscripción", text_part(spanish))
        self.assertIn("/es/releases/unsubscribe/", spanish["List-Unsubscribe"])
        self.assertEqual(english["Subject"], "Network opens a legal help line")

    @override_settings(RELEASES_SEND_RATE=1)
    def test_the_rate_caps_each_run(self):
        self.ask(self.story, Send.When.NOW, lists=[self.reporters])
        MediaContact.objects.filter(email__startswith=("refused")).delete()
        self.run_sender()
        self.assertEqual(len(self.inbox.messages), 1)
        self.run_sender()
        self.assertEqual(len(self.inbox.messages), 2)

    def test_another_sites_moderator_and_this_sites_editor_cannot_send(self):
        # Refused as the admin refuses: a 403 or 404, or back to the dashboard with a message.
        for user in ("cipc-moderator", "iceout-editor"):
            self.client.force_login(self.users[user])
            for method in ("get", "post"):
                with self.subTest(user=user, method=method):
                    if method == "get":
                        response = self.client.get(f"/admin/releases/stories/{self.story.pk}/")
                    else:
                        response = self.ask(self.story, Send.When.NOW)
                    self.assertIn(response.status_code, {302, 403, 404})
                    if response.status_code == 302:
                        self.assertEqual(response.url, "/admin/")
        self.assertFalse(Send.objects.exists())


class UnsubscribeTests(SendTestCase):
    def unsubscribe_url(self):
        self.ask(self.story, Send.When.NOW, lists=[self.spanish])
        self.run_sender()
        [message] = self.inbox.messages
        https = re.findall(r"<([^>]+)>", message["List-Unsubscribe"])[0]
        return urlsplit(https).path

    def test_one_click_post_unsubscribes_from_this_teams_lists_at_once(self):
        path = self.unsubscribe_url()
        self.client.logout()
        response = self.client.post(path, {"List-Unsubscribe": "One-Click"}, HTTP_HOST=COALITION_HOST)
        self.assertEqual(response.status_code, 200)
        avery = MediaContact.objects.get(email="avery@example.org")
        self.assertEqual(avery.suppressed_reason, Suppression.UNSUBSCRIBED)
        self.assertEqual(Delivery.objects.get(email="avery@example.org").feedback, Delivery.Feedback.UNSUBSCRIBED)
        self.inbox.clear()
        self.client.force_login(self.users["iceout-moderator"])
        self.ask(self.story, Send.When.NOW, lists=[self.spanish])
        self.run_sender()
        self.assertEqual(self.inbox.messages, [])

    def test_the_unsubscribe_page_answers_in_few_queries(self):
        path = self.unsubscribe_url()
        self.client.logout()
        with self.assertNumQueries(5):  # the delivery, the site, its branding, the header's two links
            self.assertEqual(self.client.get(path, HTTP_HOST=COALITION_HOST).status_code, 200)

    def test_the_link_asks_first_and_is_never_cached(self):
        path = self.unsubscribe_url()
        self.client.logout()
        page = self.client.get(path, HTTP_HOST=COALITION_HOST)
        self.assertContains(page, "Stop the press releases")
        self.assertIn("no-store", page["Cache-Control"])
        self.assertEqual(MediaContact.objects.get(email="avery@example.org").suppressed_reason, "")
        done = self.client.post(path, HTTP_HOST=COALITION_HOST)
        self.assertContains(done, "will send no more press releases to avery@example.org")
        spanish = self.client.get("/es" + path, HTTP_HOST=COALITION_HOST)
        self.assertContains(spanish, "No se envían más comunicados a avery@example.org")

    def test_altered_or_foreign_links_are_a_clear_404(self):
        path = self.unsubscribe_url()
        self.client.logout()
        for bad in (path[:-3] + "xx/", "/releases/unsubscribe/nonsense/", "/releases/unsubscribe/%00/"):
            with self.subTest(bad):
                self.assertEqual(self.client.post(bad, HTTP_HOST=COALITION_HOST).status_code, 404)
        # The coalition's link on CIPC's address.
        self.assertEqual(self.client.post(path, HTTP_HOST="localhost").status_code, 404)
        self.assertEqual(MediaContact.objects.get(email="avery@example.org").suppressed_reason, "")


def mailgun_event(event, recipient, delivery=None, key=SIGNING_KEY, **extra):
    timestamp, token = "1765152000", "a" * 50
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    data = {"event": event, "recipient": recipient, "timestamp": 1765152000.5, **extra}
    if delivery is not None:
        data["user-variables"] = {"delivery": str(delivery.pk)}
    signed = {"timestamp": timestamp, "token": token, "signature": signature}
    return json.dumps({"signature": signed, "event-data": data})


@override_settings(RELEASES_WEBHOOK_PROVIDER="mailgun", ANYMAIL={"MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY})
class WebhookTests(SendTestCase):
    def post(self, body):
        return self.client.post(WEBHOOK, body, content_type="application/json", HTTP_HOST=COALITION_HOST)

    def test_a_signed_bounce_marks_the_delivery_and_the_contact(self):
        self.ask(self.story, Send.When.NOW, lists=[self.spanish])
        self.run_sender()
        delivery = Delivery.objects.get(email="avery@example.org")
        self.client.logout()
        response = self.post(mailgun_event("failed", "avery@example.org", delivery, severity="permanent"))
        self.assertEqual(response.status_code, 200)
        delivery.refresh_from_db()
        self.assertEqual(delivery.feedback, Delivery.Feedback.BOUNCED)
        self.assertEqual(MediaContact.objects.get(email="avery@example.org").suppressed_reason, Suppression.HARD_BOUNCE)
        self.client.force_login(self.users["iceout-moderator"])
        page = self.client.get(f"/admin/releases/sends/{delivery.send_id}/")
        self.assertEqual(send_numbers(page)["Bounced"], 1)

    def test_a_complaint_without_metadata_marks_the_address(self):
        response = self.post(mailgun_event("complained", "blake@example.net"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(MediaContact.objects.get(email="blake@example.net").suppressed_reason, Suppression.COMPLAINT)

    def test_a_temporary_failure_marks_nobody(self):
        self.post(mailgun_event("failed", "blake@example.net", severity="temporary"))
        self.assertEqual(MediaContact.objects.get(email="blake@example.net").suppressed_reason, "")

    def test_a_bad_signature_is_a_400_and_nothing_is_written(self):
        for body in (
            mailgun_event("failed", "blake@example.net", severity="permanent", key="wrong key"),
            "{not json",
            json.dumps({"event-data": {"event": "failed", "recipient": "blake@example.net"}}),
        ):
            with self.subTest(body[:30]):
                self.assertEqual(self.post(body).status_code, 400)
        self.assertEqual(MediaContact.objects.exclude(suppressed_reason="").count(), 1)  # gone@ only

    @override_settings(RELEASES_WEBHOOK_PROVIDER="")
    def test_an_unconfigured_webhook_is_not_found(self):
        self.assertEqual(self.post(mailgun_event("complained", "blake@example.net")).status_code, 404)
        self.assertEqual(self.client.post("/releases/webhooks/other/tracking/").status_code, 404)


@override_settings(EMAIL_BACKEND="anymail.backends.test.EmailBackend")
class AnymailBackendTests(SendTestCase):
    def test_each_message_carries_its_delivery_for_the_providers_webhooks(self):
        self.ask(self.story, Send.When.NOW, lists=[self.spanish])
        self.run_sender()
        [message] = django_mail.outbox
        delivery = Delivery.objects.get(email="avery@example.org")
        self.assertEqual(message.anymail_test_params["metadata"], {"delivery": str(delivery.pk)})
        self.assertEqual(delivery.state, Delivery.State.SENT)
        self.assertIn("List-Unsubscribe", message.extra_headers)
        self.assertEqual(unquote(message.extra_headers["List-Unsubscribe-Post"]), "List-Unsubscribe=One-Click")
