"""A real SMTP server on 127.0.0.1 for the email tests (aiosmtpd), on a free port, the
settings that point Django's SMTP backend at it, and the set-up every email test shares: a
test case mixin (one server per class, an emptied inbox per test) and, for tests run by
pytest, the ``smtp`` fixture in ``tests/conftest.py``."""

import email
import email.policy
import logging
from pathlib import Path

from aiosmtpd.controller import Controller
from django.test import override_settings

from tests.runlog import RunLog
from tests.servers import free_port

EMAIL_COUNTS = RunLog(
    Path(__file__).resolve().parents[1] / "test-artifacts" / "alerts-emails.tsv", "test\temails received\n"
)


# aiosmtpd logs every SMTP command at INFO: keep test output to what went wrong.
logging.getLogger("mail.log").setLevel(logging.WARNING)


class Inbox:
    """Every message the server accepted: ``(envelope recipients, parsed message)``."""

    def __init__(self):
        self.received = []
        self.total = 0  # every message ever accepted, for the counts file (clear() keeps it)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        # Addresses that a real server would turn away: for good (550) or for now (451).
        if address.startswith("refused-"):
            return "550 5.1.1 No such mailbox"
        if address.startswith("busy-"):
            return "451 4.2.1 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.received.append((list(envelope.rcpt_tos), message))
        self.total += len(envelope.rcpt_tos)
        return "250 Message accepted for delivery"

    def to(self, address):
        return [message for recipients, message in self.received if address in recipients]

    @property
    def messages(self):
        return [message for _recipients, message in self.received]

    def clear(self):
        self.received.clear()


class SmtpServer:
    def __init__(self):
        self.inbox = Inbox()
        self.port = free_port()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    def settings(self):
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_TIMEOUT": 5,
        }


class SmtpInboxMixin:
    """For a TestCase: Django sends to one SMTP server for the whole class; each test starts
    with ``self.inbox`` empty, and its count of accepted emails goes to the counts file."""

    @classmethod
    def setUpClass(cls):
        cls.smtp = SmtpServer().start()
        cls.addClassCleanup(cls.smtp.stop)
        # A class cleanup, not tearDownClass: cleanups run last-in first-out after it, so a
        # subclass's own @override_settings (also a cleanup) is undone first and this one then
        # restores the settings from before the class; undone in tearDownClass, it would leave
        # this server's settings behind for every later test.
        cls.enterClassContext(override_settings(**cls.smtp.settings()))
        super().setUpClass()

    def setUp(self):
        super().setUp()
        self.inbox = self.smtp.inbox
        self.inbox.clear()
        self.emails_before = self.inbox.total

    def tearDown(self):
        record_count(self.id(), self.inbox.total - self.emails_before)
        super().tearDown()


def record_count(test_id, count):
    """One line per test in test-artifacts/alerts-emails.tsv (started afresh by each test run,
    one file for all workers): the emails (one per recipient) the SMTP server accepted."""
    EMAIL_COUNTS.write(f"{test_id}\t{count}\n")


def text_part(message):
    return message.get_body(("plain",)).get_content()


def html_part(message):
    return message.get_body(("html",)).get_content()
