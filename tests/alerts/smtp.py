"""A real SMTP server on 127.0.0.1 for the email tests (aiosmtpd), on a free port, and the
settings that point Django's SMTP backend at it."""

import email
import email.policy
import logging
import socket
from pathlib import Path

from aiosmtpd.controller import Controller

from tests.runlog import RunLog

EMAIL_COUNTS = RunLog(
    Path(__file__).resolve().parents[2] / "test-artifacts" / "alerts-emails.tsv", "test\temails received\n"
)


# aiosmtpd logs every SMTP command at INFO: keep test output to what went wrong.
logging.getLogger("mail.log").setLevel(logging.WARNING)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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


def record_count(test_id, count):
    """One line per test in test-artifacts/alerts-emails.tsv (started afresh by each test run,
    one file for all workers): the emails (one per recipient) the SMTP server accepted."""
    EMAIL_COUNTS.write(f"{test_id}\t{count}\n")


def text_part(message):
    return message.get_body(("plain",)).get_content()


def html_part(message):
    return message.get_body(("html",)).get_content()
