"""Email alerts and bad input: malformed addresses, a mail server that is down, odd filters,
header injection, tampered or expired links, a flood of sign-ups and other methods each get a
clear 4xx (or are ignored), never a 500, and nothing is stored or sent that should not be."""

from django.test import override_settings

from alerts.models import Subscription
from alerts.tokens import unsubscribe_token
from press.models import PressIndexPage, StoryPage
from tests.alerts.test_alerts import AlertsTestCase
from tests.resilience.outage import HungServer, hung_cache_settings
from tests.servers import free_port
from tests.sites import CIPC_HOST, COALITION_HOST


class BadInputTests(AlertsTestCase):
    def test_malformed_addresses_get_a_clear_400_and_nothing_is_stored_or_sent(self):
        for bad in (
            "",
            "not-an-address",
            "a@b",
            "x" * 300 + "@example.org",
            "reporter@example.org\r\nBcc: victim@example.org",
            "reporter@example.org\nSubject: hi",
            "reporter\x00@example.org",
            "<reporter@example.org>",
            "reporter@example.org, other@example.org",
        ):
            with self.subTest(bad=bad):
                response = self.sign_up(bad)
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, "Enter", status_code=400)
        self.assertFalse(Subscription.objects.exists())
        self.assertEqual(self.inbox.received, [])

    def test_with_the_mail_server_down_a_sign_up_is_told_to_try_again(self):
        with override_settings(EMAIL_PORT=free_port()):
            response = self.sign_up("reporter@example.org")
        self.assertContains(response, "Please try again in a few minutes", status_code=503)
        # Straight away, not an hour later: nothing was sent.
        self.assertContains(self.sign_up("reporter@example.org"), "Check your inbox")
        self.assertEqual(len(self.inbox.messages), 1)

    def test_with_redis_hung_a_sign_up_still_gets_its_confirmation(self):
        """The flood limits cannot be counted then (this was a 500: the count came back None)."""
        with (
            HungServer() as redis,
            override_settings(CACHES=hung_cache_settings(redis)),
            self.assertLogs("resilience.cache", "WARNING"),
        ):
            response = self.sign_up("reporter@example.org")
        self.assertContains(response, "Check your inbox")
        self.assertEqual(len(self.inbox.to("reporter@example.org")), 1)

    def test_odd_filter_values_are_ignored_not_errors(self):
        response = self.sign_up("reporter@example.org", topic=["no-such-topic", "bad\x00slug", "x" * 500])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(self.inbox.messages), 1)

    def test_header_injection_in_a_story_title_stays_in_the_subject(self):
        self.subscribe("reporter@example.org")
        story = self.publish("Statement")
        StoryPage.objects.filter(pk=story.pk).update(title="Statement\r\nBcc: victim@example.org")
        self.send()
        [(recipients, message)] = self.inbox.received
        self.assertEqual(recipients, ["reporter@example.org"])
        self.assertIsNone(message["Bcc"])
        self.assertEqual(message["Subject"], "Statement Bcc: victim@example.org")

    def test_tampered_and_expired_links_get_a_clear_answer(self):
        subscription = self.subscribe("reporter@example.org")
        token = unsubscribe_token(subscription)
        for path in (
            f"/alerts/unsubscribe/{token[:-2]}xx/",
            f"/alerts/unsubscribe/{token[:20]}/",
            "/alerts/confirm/abc/",
            "/alerts/confirm/" + "a" * 400 + "/",
            "/alerts/unsubscribe/%00/",
            "/alerts/confirm/%C3%A9%C3%A9/",
        ):
            for method in (self.client.get, self.client.post):
                with self.subTest(path=path, method=method.__name__):
                    response = method(path, HTTP_HOST=COALITION_HOST)
                    self.assertEqual(response.status_code, 400)
                    self.assertContains(response, "This link does not work", status_code=400)
        with override_settings(ALERTS_UNSUBSCRIBE_MAX_AGE=-1, ALERTS_CONFIRM_MAX_AGE=-1):
            response = self.client.post(f"/alerts/unsubscribe/{token}/", HTTP_HOST=COALITION_HOST)
            self.assertContains(response, "This link has expired", status_code=410)
            self.sign_up("new@example.org")
            link = self.link_in(self.inbox.to("new@example.org")[0], "confirm")
            response = self.client.post("/" + link.removeprefix("http://").split("/", 1)[1], HTTP_HOST=COALITION_HOST)
            self.assertContains(response, "This link has expired", status_code=410)
        subscription.refresh_from_db()
        self.assertIsNone(subscription.unsubscribed_at)
        self.assertIsNone(Subscription.objects.get(email="new@example.org").confirmed_at)
        # A genuine link opened on the other site's address names nothing there.
        response = self.client.post(f"/alerts/unsubscribe/{token}/", HTTP_HOST=CIPC_HOST)
        self.assertEqual(response.status_code, 404)

    @override_settings(ALERTS_SUBSCRIBE_LIMIT_PER_ADDRESS=5, ALERTS_SUBSCRIBE_LIMIT_PER_EMAIL=3)
    def test_a_flood_of_sign_ups_is_refused_with_429_and_sends_little(self):
        statuses = [self.sign_up(f"flood{n}@example.org").status_code for n in range(12)]
        self.assertEqual(statuses, [200] * 5 + [429] * 7)
        self.assertEqual(len(self.inbox.messages), 5)
        response = self.sign_up("another@example.org")
        self.assertContains(response, "Too many sign-ups", status_code=429)
        self.assertEqual(response["Retry-After"], "3600")
        # One address signed up from many client addresses: limited per email too, quietly
        # (see test_alert_links: its owner is never refused).
        statuses = [self.sign_up("target@example.org", ip=f"203.0.113.{n}").status_code for n in range(6)]
        self.assertEqual(statuses, [200] * 6)
        self.assertEqual(len(self.inbox.to("target@example.org")), 1)

    def test_other_methods_and_a_site_without_press_room_are_4xx(self):
        self.assertEqual(self.client.put("/alerts/", HTTP_HOST=COALITION_HOST).status_code, 405)
        self.assertEqual(self.client.delete("/alerts/unsubscribe/abc/", HTTP_HOST=COALITION_HOST).status_code, 405)
        PressIndexPage.objects.filter(pk=self.sites.coalition_press.pk).update(live=False)
        self.assertEqual(self.sign_up("reporter@example.org").status_code, 404)
