"""Email alerts, double opt-in, against a real SMTP server on 127.0.0.1 (aiosmtpd): sign-up,
confirmation, one alert per story and subscriber whatever happens next, one-click unsubscribe,
holds, filters, cross-listing, and bad input that gets a clear 4xx, never a 500."""

import datetime
import io
import re
from datetime import timedelta
from unittest import mock

from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from alerts.models import Alert, AlertHold, Subscription
from alerts.tokens import unsubscribe_token
from core.models import SiteBranding
from demo.images import banner_png, site_banner_jpeg
from demo.loader import LOOKS
from press.models import PressIndexPage, StoryPage
from tests.editors import TeamsTestCase, story_form_data
from tests.factories import CategoryFactory, TopicFactory, make_story
from tests.mail import SmtpInboxMixin, html_part, text_part
from tests.servers import free_port
from tests.sites import CIPC_HOST, COALITION_HOST, brand_like_the_demo, picture

LINK = re.compile(r"http://[^\s\"<>]+/alerts/(?:confirm|unsubscribe)/[^\s\"<>/]+/")


class AlertsTestCase(SmtpInboxMixin, TeamsTestCase):
    """Both sites, their teams, and an SMTP server that Django's SMTP backend sends to."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.health = TopicFactory(name="Health care", slug="health")
        cls.detention = TopicFactory(name="Detention", slug="detention")
        cls.release = CategoryFactory(name="Press release", slug="press-release")

    # --- helpers, as a journalist and an editor act ---

    def sign_up(self, email, host=COALITION_HOST, ip="192.0.2.1", **filters):
        return self.client.post("/alerts/", {"email": email, **filters}, HTTP_HOST=host, REMOTE_ADDR=ip)

    def link_in(self, message, kind):
        links = [link for link in LINK.findall(text_part(message)) if f"/alerts/{kind}/" in link]
        self.assertTrue(links, f"no {kind} link in the email")
        return links[0]

    def follow(self, link, **data):
        """GET the link (the confirmation page), then press its button (POST)."""
        host, path = link.removeprefix("http://").split("/", 1)
        page = self.client.get(f"/{path}", HTTP_HOST=host)
        self.assertEqual(page.status_code, 200)
        return self.client.post(f"/{path}", data, HTTP_HOST=host)

    def subscribe(self, email, host=COALITION_HOST, **filters):
        """Sign up and confirm from the email, as a journalist does; the inbox is emptied."""
        self.assertEqual(self.sign_up(email, host=host, **filters).status_code, 200)
        [confirmation] = self.inbox.to(email)
        self.assertEqual(self.follow(self.link_in(confirmation, "confirm")).status_code, 200)
        self.inbox.clear()
        return Subscription.objects.get(email=email.lower(), press_room__url_path__startswith=self.root_of(host))

    def root_of(self, host):
        return "/iceout/" if host == COALITION_HOST else "/cipc/"

    def publish(self, title="New statement on detention", room=None, **fields):
        fields.setdefault("category", self.sites.statement)
        return make_story(room or self.sites.coalition_press, title, date=datetime.date(2026, 11, 1), **fields)

    def send(self, **options):
        call_command("send_alerts", verbosity=0, **options)


class SigningUpTests(AlertsTestCase):
    def test_signing_up_sends_one_branded_confirmation_and_no_alert_until_confirmed(self):
        response = self.sign_up("Reporter@Example.org")
        self.assertContains(response, "Check your inbox")
        [message] = self.inbox.messages
        self.assertEqual(message["To"], "reporter@example.org")
        self.assertEqual(message["Subject"], "Confirm your email alerts from ICE Out of California")
        self.assertIn("ICE Out of California", message["From"])
        self.assertIn("press-room@localhost", message["From"])
        self.assertIn("/alerts/confirm/", text_part(message))
        self.assertIn("Confirm my email alerts", html_part(message))

        self.inbox.clear()
        self.publish()
        self.send()
        self.assertEqual(self.inbox.messages, [], "an unconfirmed address got an alert")
        self.assertFalse(Alert.objects.exists())

    def test_repeat_sign_ups_keep_one_address_and_one_confirmation_an_hour(self):
        for email in ("reporter@example.org", "REPORTER@example.org", " reporter@example.org "):
            self.assertContains(self.sign_up(email), "Check your inbox")
        self.assertEqual(Subscription.objects.filter(email="reporter@example.org").count(), 1)
        self.assertEqual(len(self.inbox.messages), 1)
        # An hour later a new sign-up sends a new confirmation.
        Subscription.objects.update(confirmation_sent_at=timezone.now() - timedelta(minutes=61))
        self.sign_up("reporter@example.org")
        self.assertEqual(len(self.inbox.messages), 2)
        # The other site's room is another subscription (once per site), with its own email.
        self.sign_up("reporter@example.org", host=CIPC_HOST)
        self.assertEqual(Subscription.objects.filter(email="reporter@example.org").count(), 2)
        self.assertEqual(len(self.inbox.messages), 3)
        self.assertIn("California Immigrant Policy Center", self.inbox.messages[2]["Subject"])

    def test_confirming_then_an_alert_with_unsubscribe_headers_and_the_rooms_branding(self):
        self.subscribe("reporter@example.org")
        story = self.publish("Coalition condemns raids", summary="The coalition condemns the raids in Fresno.")
        self.send()
        [alert] = self.inbox.messages
        self.assertEqual(alert["Subject"], "Coalition condemns raids")
        self.assertEqual(alert["To"], "reporter@example.org")
        self.assertIn("ICE Out of California", alert["From"])
        unsubscribe = self.link_in(alert, "unsubscribe")
        self.assertEqual(alert["List-Unsubscribe"].strip(), f"<{unsubscribe}>")  # a long header may be folded
        self.assertEqual(alert["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")
        self.assertTrue(unsubscribe.startswith("http://iceout.localhost/alerts/unsubscribe/"))
        for body in (text_part(alert), html_part(alert)):
            self.assertIn("Coalition condemns raids", body)
            self.assertIn("The coalition condemns the raids in Fresno.", body)
            self.assertIn(f"http://iceout.localhost/press/{story.slug}/", body)
            self.assertIn(unsubscribe, body)
            self.assertIn("ICE Out of California", body)
        self.assertIn("Unsubscribe", html_part(alert))

    def test_an_alert_goes_exactly_once_though_the_story_is_republished_edited_and_sent_again(self):
        self.subscribe("reporter@example.org")
        story = self.publish()
        self.send()
        self.assertEqual(len(self.inbox.messages), 1)
        story.title = "New statement on detention (updated)"
        story.save_revision().publish()
        story.unpublish()
        StoryPage.objects.get(pk=story.pk).save_revision().publish()
        self.send()
        self.send()
        self.assertEqual(len(self.inbox.messages), 1)
        self.assertEqual(Alert.objects.get().state, Alert.State.SENT)

    def test_a_subscriber_who_joins_later_is_not_alerted_about_an_old_story_being_edited(self):
        story = self.publish()
        self.subscribe("late@example.org")
        story.save_revision().publish()
        self.send()
        self.assertEqual(self.inbox.messages, [])

    def test_a_protected_story_alerts_nobody(self):
        self.subscribe("reporter@example.org")
        story = self.publish()  # alerts recorded; now the same for a protected one
        self.send()
        self.inbox.clear()
        draft = StoryPage(title="Members only", summary="Private.", category=self.sites.statement, body=[])
        self.sites.coalition_press.add_child(instance=draft)
        PageViewRestriction.objects.create(page=draft, restriction_type="password", password="secret-word-1")
        draft.save_revision().publish()
        self.send()
        self.assertEqual(self.inbox.messages, [])
        self.assertEqual(Alert.objects.exclude(story=story).count(), 0)


class UnsubscribingTests(AlertsTestCase):
    def test_one_click_post_unsubscribes_at_once_without_signing_in(self):
        subscription = self.subscribe("reporter@example.org")
        self.publish("First")
        self.send()
        [alert] = self.inbox.messages
        url = alert["List-Unsubscribe"].strip().strip("<>")
        path = "/" + url.removeprefix("http://").split("/", 1)[1]
        # What a mail provider sends (RFC 8058): a POST with this body, no cookie.
        response = self.client.post(path, {"List-Unsubscribe": "One-Click"}, HTTP_HOST=COALITION_HOST)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        subscription.refresh_from_db()
        self.assertIsNotNone(subscription.unsubscribed_at)
        self.publish("Second")
        self.send()
        self.assertEqual(len(self.inbox.messages), 1)

    def test_the_visible_link_asks_then_unsubscribes_and_due_alerts_are_dropped(self):
        self.subscribe("reporter@example.org")
        self.publish("First")  # due, not yet sent
        subscription = Subscription.objects.get()
        link = f"http://iceout.localhost/alerts/unsubscribe/{unsubscribe_token(subscription)}/"
        page = self.client.get(link.removeprefix("http://iceout.localhost"), HTTP_HOST=COALITION_HOST)
        self.assertContains(page, "Stop the email alerts to reporter@example.org")
        subscription.refresh_from_db()
        self.assertIsNone(subscription.unsubscribed_at, "opening the link (a mail scanner) unsubscribed")
        self.assertContains(self.follow(link), "You are unsubscribed")
        self.send()
        self.assertEqual(self.inbox.messages, [])
        self.assertEqual(Alert.objects.get().state, Alert.State.SKIPPED)

    def test_signing_up_again_after_unsubscribing_needs_a_new_confirmation(self):
        subscription = self.subscribe("reporter@example.org")
        Subscription.objects.update(unsubscribed_at=timezone.now(), confirmation_sent_at=None)
        self.sign_up("reporter@example.org")
        self.assertEqual(len(self.inbox.messages), 1)  # the confirmation
        self.publish()
        self.send()
        self.assertEqual(len(self.inbox.messages), 1, "re-subscribed without confirming")
        subscription.refresh_from_db()
        self.assertIsNone(subscription.confirmed_at)


class WhoGetsWhatTests(AlertsTestCase):
    def test_filters_choose_the_stories(self):
        self.subscribe("health@example.org", category=[], topic=["health"])
        self.subscribe("releases@example.org", category=["press-release"])
        self.subscribe("everything@example.org")
        self.publish("About health", topics=[self.health])
        self.publish("About detention", topics=[self.detention], category=self.release)
        self.send()
        subjects = {
            address: sorted(message["Subject"] for message in self.inbox.to(address))
            for address in ("health@example.org", "releases@example.org", "everything@example.org")
        }
        self.assertEqual(
            subjects,
            {
                "health@example.org": ["About health"],
                "releases@example.org": ["About detention"],
                "everything@example.org": ["About detention", "About health"],
            },
        )

    def test_filters_are_set_only_by_the_confirmation_link(self):
        subscription = self.subscribe("reporter@example.org", topic=["health"])
        self.assertEqual([topic.slug for topic in subscription.topics.all()], ["health"])
        # A stranger's sign-up of the same address changes nothing until the link is followed.
        Subscription.objects.update(confirmation_sent_at=None)
        self.sign_up("reporter@example.org", topic=["detention"], ip="198.51.100.7")
        self.assertEqual([topic.slug for topic in subscription.topics.all()], ["health"])

    def test_cross_listed_stories_alert_each_rooms_subscribers_once(self):
        self.subscribe("coalition-reader@example.org")
        self.subscribe("cipc-reader@example.org", host=CIPC_HOST)
        self.subscribe("both@example.org")
        self.subscribe("both@example.org", host=CIPC_HOST)
        # Signed by CIPC: CIPC's room cross-lists it.
        story = self.publish("Signed by CIPC", signatories=[self.sites.cipc_org])
        self.publish("Not signed by CIPC", signatories=[self.sites.members[0]])
        self.send()
        self.assertEqual([m["Subject"] for m in self.inbox.to("cipc-reader@example.org")], ["Signed by CIPC"])
        self.assertEqual(len(self.inbox.to("coalition-reader@example.org")), 2)
        self.assertEqual(len(self.inbox.to("both@example.org")), 3)  # once per room it signed up to
        [cipc_copy] = self.inbox.to("cipc-reader@example.org")
        # CIPC's branding and unsubscribe link, the story's own address on the coalition's site.
        self.assertIn("California Immigrant Policy Center", cipc_copy["From"])
        self.assertTrue(cipc_copy["List-Unsubscribe"].strip().startswith("<http://localhost/alerts/unsubscribe/"))
        self.assertIn(f"http://iceout.localhost/press/{story.slug}/", text_part(cipc_copy))

    def test_a_room_that_lists_every_story_of_another_alerts_its_subscribers(self):
        cipc_press = PressIndexPage.objects.get(pk=self.sites.cipc_press.pk)
        cipc_press.also_list_rooms.add(self.sites.coalition_press)
        cipc_press.save_revision().publish()
        self.subscribe("cipc-reader@example.org", host=CIPC_HOST)
        self.publish("Unsigned coalition story")
        self.send()
        self.assertEqual([m["Subject"] for m in self.inbox.to("cipc-reader@example.org")], ["Unsigned coalition story"])

    @override_settings(ALERTS_SEND_DELAY=300)
    def test_a_send_delay_leaves_time_to_hold(self):
        self.subscribe("reporter@example.org")
        self.publish()
        self.send()
        self.assertEqual(self.inbox.messages, [])
        Alert.objects.update(created_at=timezone.now() - timedelta(seconds=301))
        self.send()
        self.assertEqual(len(self.inbox.messages), 1)

    def test_held_alerts_wait_until_released(self):
        self.subscribe("reporter@example.org")
        story = self.publish()
        AlertHold.objects.create(story=story)
        self.send()
        self.assertEqual(self.inbox.messages, [])
        AlertHold.objects.all().delete()
        self.send()
        self.assertEqual(len(self.inbox.messages), 1)

    @override_settings(ALERTS_SEND_DELAY=300)
    def test_send_alerts_says_what_it_sent_held_and_left_waiting(self):
        def run():
            out = io.StringIO()
            call_command("send_alerts", stdout=out)
            return out.getvalue().strip()

        self.assertEqual(run(), "Alerts: 0 sent, 0 held, 0 waiting.")  # nothing due: still a line
        self.subscribe("reporter@example.org")
        held = self.publish("Held statement")
        AlertHold.objects.create(story=held)
        self.publish("Ready statement")
        Alert.objects.update(created_at=timezone.now() - timedelta(seconds=301))
        self.publish("Fresh statement")  # inside the send delay
        self.assertEqual(run(), "Alerts: 1 sent, 1 held, 1 waiting.")
        self.assertEqual([m["Subject"] for m in self.inbox.messages], ["Ready statement"])


class EmailLogoTests(AlertsTestCase):
    """Gmail and Outlook show no SVG: the emails' logo is a PNG the site serves, or the name."""

    def logo_in_confirmation(self, email):
        self.sign_up(email)
        [message] = self.inbox.to(email)
        return re.findall(r'<img src="([^"]+)" alt="ICE Out of California"', html_part(message))

    def assert_served_png(self, url):
        self.assertRegex(url, rf"^http://{re.escape(COALITION_HOST)}/media/images/[^\"]+\.png$")
        # The file behind the address, in the media storage the site serves /media/ from.
        with default_storage.open(url.split("/media/", 1)[1]) as served:
            self.assertEqual(served.read(8), b"\x89PNG\r\n\x1a\n", "not a PNG")

    def test_an_svg_logo_is_never_sent_the_email_logo_or_a_raster_logo_is_sent_as_png(self):
        brand_like_the_demo(self.sites)  # SVG wordmarks, as the demo has
        self.assertEqual(self.logo_in_confirmation("one@example.org"), [])  # the name in text instead
        self.assertNotIn(".svg", html_part(self.inbox.to("one@example.org")[0]))

        branding = SiteBranding.objects.get(site=self.sites.coalition_site)
        branding.logo = picture("raster logo", banner_png("logo", "#3b1f5c", "logo"), "png")
        branding.save()
        [url] = self.logo_in_confirmation("two@example.org")
        self.assert_served_png(url)

        branding.email_logo = picture("email logo", site_banner_jpeg(LOOKS["coalition"]["banner"], "c"), "jpg")
        branding.save()
        [url] = self.logo_in_confirmation("three@example.org")
        self.assertIn("email-logo", url)
        self.assert_served_png(url)


class GoingLiveTests(AlertsTestCase):
    def test_a_moderators_approval_alerts_subscribers(self):
        self.subscribe("reporter@example.org")
        self.client.force_login(self.users["iceout-editor"])
        data = story_form_data(
            category=self.sites.statement, spokesperson=self.person, signatories=self.sites.members, action="submit"
        )
        self.client.post(f"/admin/pages/add/press/storypage/{self.sites.coalition_press.pk}/", data)
        story = StoryPage.objects.get(slug="statement-on-the-emergency-declaration")
        self.send()
        # The moderators were told of the submission (by SMTP too); the subscriber hears nothing yet.
        self.assertEqual(self.inbox.to("reporter@example.org"), [], "alerted before approval")
        self.client.force_login(self.users["iceout-moderator"])
        task_state = story.current_workflow_task_state
        self.client.post(f"/admin/pages/workflow/action/{story.pk}/approve/{task_state.pk}/", {"comment": ""})
        self.send()
        alerts = self.inbox.to("reporter@example.org")
        self.assertEqual([m["Subject"] for m in alerts], ["Statement on the emergency declaration"])

    def test_the_scheduler_publishes_then_sends(self):
        self.subscribe("reporter@example.org")
        story = StoryPage(title="Scheduled statement", summary="Later.", category=self.sites.statement, body=[])
        self.sites.coalition_press.add_child(instance=story)
        go_live_at = timezone.now().replace(microsecond=0) + timedelta(hours=1)
        story.go_live_at = go_live_at
        story.save_revision().publish()  # scheduled, not live
        call_command("run_scheduler", once=True)
        self.assertEqual(self.inbox.messages, [])
        with mock.patch("django.utils.timezone.now", return_value=go_live_at + timedelta(minutes=1)):
            call_command("run_scheduler", once=True)  # publishes it, then sends its alerts
            self.assertEqual([m["Subject"] for m in self.inbox.messages], ["Scheduled statement"])
            call_command("run_scheduler", once=True)
        self.assertEqual(len(self.inbox.messages), 1)


class SendingTests(AlertsTestCase):
    def test_batches_send_everyone_once(self):
        for number in range(7):
            self.subscribe(f"reader{number}@example.org")
        self.publish()
        self.send(batch_size=3, max_batches=1)
        self.assertEqual(len(self.inbox.messages), 3)
        self.send(batch_size=3)
        self.send(batch_size=3)
        self.assertEqual(sorted(r[0][0] for r in self.inbox.received), [f"reader{n}@example.org" for n in range(7)])

    def test_a_sender_killed_mid_batch_never_sends_its_in_flight_alert_and_the_rest_go_later(self):
        for name in ("in-flight", "claimed", "waiting"):
            self.subscribe(f"{name}@example.org")
        self.publish()
        # What a killed sender leaves: one alert it was sending (it may have left), one it had
        # claimed but not tried; a third was never claimed.
        now = timezone.now()
        alerts = {a.subscription.email.split("@")[0]: a for a in Alert.objects.select_related("subscription")}
        in_flight = Alert.objects.filter(pk=alerts["in-flight"].pk)
        in_flight.update(state=Alert.State.SENDING, claimed_at=now, attempted_at=now)
        Alert.objects.filter(pk=alerts["claimed"].pk).update(state=Alert.State.CLAIMED, claimed_at=now)
        self.send()
        self.assertEqual([m["To"] for m in self.inbox.messages], ["waiting@example.org"])
        # Once ALERTS_CLAIM_TIMEOUT has passed: the claimed one goes, the in-flight one never.
        Alert.objects.exclude(state=Alert.State.SENT).update(
            claimed_at=now - timedelta(hours=1), attempted_at=now - timedelta(hours=1)
        )
        self.send()
        self.send()
        self.assertEqual(sorted(m["To"] for m in self.inbox.messages), ["claimed@example.org", "waiting@example.org"])
        in_flight = Alert.objects.get(pk=alerts["in-flight"].pk)
        self.assertEqual(in_flight.state, Alert.State.FAILED)
        self.assertIn("interrupted", in_flight.error)

    @override_settings(ALERTS_MAX_ATTEMPTS=2)
    def test_addresses_the_server_refuses_fail_or_retry_without_stopping_the_others(self):
        for email in ("refused-reader@example.org", "busy-reader@example.org", "reader@example.org"):
            Subscription.objects.create(press_room=self.sites.coalition_press, email=email, confirmed_at=timezone.now())
        self.publish()
        self.send()
        self.assertEqual([m["To"] for m in self.inbox.messages], ["reader@example.org"])
        states = dict(Alert.objects.values_list("subscription__email", "state"))
        self.assertEqual(states["refused-reader@example.org"], Alert.State.FAILED)  # 550: final
        busy = Alert.objects.get(subscription__email="busy-reader@example.org")
        self.assertEqual(busy.state, Alert.State.DUE, busy.error)  # 451: tried again
        self.send()
        busy = Alert.objects.get(subscription__email="busy-reader@example.org")
        self.assertEqual((busy.state, busy.attempts), (Alert.State.FAILED, 2))
        self.assertEqual(len(self.inbox.messages), 1)

    def test_with_the_mail_server_down_alerts_wait_and_go_once_it_is_back(self):
        self.subscribe("reporter@example.org")
        self.publish()
        with override_settings(EMAIL_PORT=free_port()), self.assertRaises(CommandError):  # nothing listens there
            self.send()
        self.assertEqual(Alert.objects.get().state, Alert.State.DUE)
        self.send()
        self.send()
        self.assertEqual(len(self.inbox.messages), 1)


class CachingTests(AlertsTestCase):
    def test_pages_with_the_form_stay_shareable_and_answers_are_never_cached(self):
        for path in ("/press/", "/"):
            with self.subTest(path=path):
                response = self.client.get(path, HTTP_HOST=COALITION_HOST)
                self.assertContains(response, 'action="/alerts/"')
                self.assertNotIn("csrftoken", response.cookies)
                self.assertIn("public", response["Cache-Control"])
        response = self.sign_up("reporter@example.org")
        self.assertIn("no-cache", response["Cache-Control"])
        self.assertIn("private", response["Cache-Control"])
        response = self.client.get("/alerts/", HTTP_HOST=COALITION_HOST)
        self.assertContains(response, "Email alerts")
        self.assertIn("no-store", response["Cache-Control"])


class EditorsTests(AlertsTestCase):
    def test_editors_see_counts_and_export_their_own_rooms_only(self):
        self.subscribe("coalition-reader@example.org")
        self.subscribe("=cmd@example.org")
        self.subscribe("cipc-reader@example.org", host=CIPC_HOST)
        self.sign_up("pending@example.org")
        self.client.force_login(self.users["iceout-editor"])
        response = self.client.get("/admin/alerts/")
        self.assertContains(response, "ICE Out of California: Press room")
        self.assertNotContains(response, "CIPC: Press room")
        self.assertEqual([(r.confirmed, r.pending) for r in response.context["rooms"]], [(2, 1)])
        export = self.client.get(f"/admin/alerts/rooms/{self.sites.coalition_press.pk}/subscribers.csv")
        self.assertEqual(export.status_code, 200)
        rows = export.content.decode().splitlines()
        self.assertEqual(rows[0], "email,language,categories,topics,confirmed_at")
        self.assertEqual([row.split(",")[0] for row in rows[1:]], ["'=cmd@example.org", "coalition-reader@example.org"])
        other = self.client.get(f"/admin/alerts/rooms/{self.sites.cipc_press.pk}/subscribers.csv")
        self.assertIn(other.status_code, (302, 403, 404))
        self.assertNotIn(b"cipc-reader", other.content)

    def test_moderators_hold_and_release_editors_cannot(self):
        self.subscribe("reporter@example.org")
        story = self.publish()
        self.client.force_login(self.users["iceout-editor"])
        self.assertIn(self.client.post(f"/admin/alerts/stories/{story.pk}/hold/").status_code, (302, 403))
        self.assertFalse(AlertHold.objects.exists())
        self.client.force_login(self.users["cipc-moderator"])
        self.client.post(f"/admin/alerts/stories/{story.pk}/hold/", {"action": "hold"})
        self.assertFalse(AlertHold.objects.exists())
        self.client.force_login(self.users["iceout-editor"])
        self.assertNotContains(self.client.get(f"/admin/pages/{story.pk}/edit/"), "Email alerts: hold or release")
        self.client.force_login(self.users["iceout-moderator"])
        # The story editor's ⋮ menu leads there.
        self.assertContains(self.client.get(f"/admin/pages/{story.pk}/edit/"), "Email alerts: hold or release")
        page = self.client.get(f"/admin/alerts/stories/{story.pk}/hold/")
        self.assertContains(page, "Hold the alerts")
        self.client.post(f"/admin/alerts/stories/{story.pk}/hold/", {"action": "hold"})
        self.send()
        self.assertEqual(self.inbox.messages, [])
        self.assertContains(self.client.get(f"/admin/alerts/stories/{story.pk}/hold/"), "Release the alerts")
        index = self.client.get("/admin/alerts/")
        self.assertContains(index, "New statement on detention")
        self.assertContains(index, "<strong>Held</strong>", html=True)
        self.client.post(f"/admin/alerts/stories/{story.pk}/hold/", {"action": "release"})
        self.send()
        self.assertEqual(len(self.inbox.messages), 1)
        self.assertContains(self.client.get(f"/admin/alerts/stories/{story.pk}/hold/"), "1 sent, 0 waiting")
