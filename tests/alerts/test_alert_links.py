"""The alert links and sign-ups as an attacker would try them (issue 20, item 4): an old
confirmation link never undoes a later unsubscribe, no link shows the address, a stranger's
sign-ups never lock an address's owner out, and mail to IP literals or dotless hosts is refused."""

import base64
import json
import re
from urllib.parse import quote

from django.core import signing
from django.test import override_settings
from django.utils import timezone

from alerts.models import Subscription
from alerts.tokens import CONFIRM_SALT, UNSUBSCRIBE_SALT
from tests.alerts.test_alerts import AlertsTestCase
from tests.sites import COALITION_HOST


def without_nonce(response):
    """The page as a reader sees it: the CSP nonce differs on every response."""
    return re.sub(rb'nonce="[^"]*"', b"", response.content)


def path_of(link):
    return "/" + link.removeprefix("http://").split("/", 1)[1]


class OldConfirmationLinkTests(AlertsTestCase):
    def test_an_old_confirmation_link_does_not_undo_a_later_unsubscribe(self):
        self.sign_up("reporter@example.org")
        confirm = self.link_in(self.inbox.to("reporter@example.org")[0], "confirm")
        self.assertContains(self.follow(confirm), "You are subscribed")
        self.publish("First")
        self.send()
        [alert] = self.inbox.to("reporter@example.org")[1:]
        self.assertContains(self.follow(self.link_in(alert, "unsubscribe")), "You are unsubscribed")
        self.inbox.clear()

        for method in (self.client.get, self.client.post):
            with self.subTest(method=method.__name__):
                response = method(path_of(confirm), HTTP_HOST=COALITION_HOST)
                self.assertContains(response, "You unsubscribed after this link was sent", status_code=409)
        subscription = Subscription.objects.get()
        self.assertIsNotNone(subscription.unsubscribed_at)
        self.publish("Second")
        self.send()
        self.assertEqual(self.inbox.messages, [], "an old confirmation link subscribed again")

    def test_signing_up_again_then_confirming_still_works(self):
        self.subscribe("reporter@example.org")
        Subscription.objects.update(unsubscribed_at=timezone.now(), confirmation_sent_at=None)
        self.sign_up("reporter@example.org")
        self.assertContains(self.follow(self.link_in(self.inbox.messages[0], "confirm")), "You are subscribed")
        self.assertTrue(Subscription.objects.get().is_active)


class AddressNotInLinksTests(AlertsTestCase):
    EMAIL = "reporter.secret@example.org"

    def test_no_link_carries_the_address_nor_its_base64(self):
        self.sign_up(self.EMAIL)
        confirm = self.link_in(self.inbox.messages[0], "confirm")
        self.follow(confirm)
        self.publish("First")
        self.send()
        links = [confirm, self.link_in(self.inbox.messages[1], "unsubscribe")]
        self.assertIn(f"<{links[1]}>", self.inbox.messages[1]["List-Unsubscribe"])
        self.sign_up("second@example.org")
        links.append(self.link_in(self.inbox.to("second@example.org")[0], "confirm"))
        encodings = {self.EMAIL, quote(self.EMAIL), "second@example.org"}
        for email in (self.EMAIL, "second@example.org"):
            for shift in range(3):  # base64 of the address wherever it falls in the payload
                encoded = base64.urlsafe_b64encode(("x" * shift + email).encode()).decode()
                encodings.add(encoded[4:-4].rstrip("="))
        for link in links:
            with self.subTest(link=link):
                for encoded in encodings:
                    self.assertNotIn(encoded, link)
                payload = link.rstrip("/").rsplit("/", 1)[1].split(":")[0]
                decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
                self.assertNotIn(b"@", decoded)
                self.assertNotIn(b"example", decoded)

    def test_links_of_the_old_format_get_a_clear_400(self):
        subscription = self.subscribe(self.EMAIL)
        old_unsubscribe = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).sign_object(
            {"id": subscription.pk, "e": subscription.email}
        )
        old_confirm = signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(
            {"id": subscription.pk, "e": subscription.email, "c": [], "t": []}, compress=True
        )
        for path in (f"/alerts/unsubscribe/{old_unsubscribe}/", f"/alerts/confirm/{old_confirm}/"):
            for method in (self.client.get, self.client.post):
                with self.subTest(path=path, method=method.__name__):
                    response = method(path, HTTP_HOST=COALITION_HOST)
                    self.assertContains(response, "This link does not work", status_code=400)
        self.assertTrue(Subscription.objects.get().is_active)
        # A payload that is not an object, signed with our key, is just as bad a link.
        for payload in ([1, 2], "x", {"id": "1"}):
            token = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).sign_object(payload)
            response = self.client.post(f"/alerts/unsubscribe/{token}/", HTTP_HOST=COALITION_HOST)
            self.assertContains(response, "This link does not work", status_code=400)
        self.assertNotIn(json.dumps(self.EMAIL), response.content.decode())


class OwnerNeverLockedOutTests(AlertsTestCase):
    @override_settings(ALERTS_SUBSCRIBE_LIMIT_PER_EMAIL=5)
    def test_the_sixth_sign_up_for_an_address_answers_as_the_first_and_sends_nothing(self):
        answers = []
        for attempt in range(6):
            # A stranger tries from many client addresses, an hour apart as far as the
            # database's once-an-hour rule goes: five confirmations are sent.
            Subscription.objects.update(confirmation_sent_at=None)
            answers.append(self.sign_up("target@example.org", ip=f"203.0.113.{attempt}"))
        self.assertEqual(len(self.inbox.to("target@example.org")), 5)
        sixth = answers[-1]
        self.assertEqual(sixth.status_code, 200)
        self.assertContains(sixth, "Check your inbox")
        self.assertEqual(without_nonce(sixth), without_nonce(answers[0]))
        self.assertNotIn("Retry-After", sixth)
        # The owner's own sign-up answers the same way, and nothing more is sent.
        Subscription.objects.update(confirmation_sent_at=None)
        owner = self.sign_up("target@example.org", ip="198.51.100.7")
        self.assertEqual((owner.status_code, without_nonce(owner)), (200, without_nonce(answers[0])))
        self.assertEqual(len(self.inbox.to("target@example.org")), 5)

    @override_settings(ALERTS_SUBSCRIBE_LIMIT_PER_ADDRESS=2)
    def test_the_per_client_limit_still_answers_429(self):
        statuses = [self.sign_up(f"r{n}@example.org", ip="192.0.2.50").status_code for n in range(3)]
        self.assertEqual(statuses, [200, 200, 429])


class MailDomainTests(AlertsTestCase):
    def test_ip_literals_and_dotless_domains_are_a_form_error(self):
        for bad in (
            "v@[127.0.0.1]",
            "v@[IPv6:::1]",
            "v@localhost",
            "V@LOCALHOST",
            "v@intranet",
            "v@10.0.0.12",
            "v@127.0.0.1",
        ):
            with self.subTest(bad=bad):
                response = self.sign_up(bad)
                self.assertContains(response, "Enter", status_code=400)
                self.assertContains(response, 'name="email"', status_code=400)
        self.assertFalse(Subscription.objects.exists())
        self.assertEqual(self.inbox.received, [])
        self.assertContains(self.sign_up("v@mail.example.org"), "Check your inbox")
