"""Sending the recorded deliveries (``manage.py send_releases``, run every minute by the
scheduler) through the outbox the alerts use (core/outbox.py: claimed, marked *sending* before
the SMTP call, never resent after a lost connection, 4xx answers retried). At most
RELEASES_SEND_RATE messages a run (so a minute), in batches of RELEASES_BATCH_SIZE, each batch
on one SMTP connection. A permanent refusal (5xx) marks the contact as a hard bounce."""

from django.conf import settings
from django.utils import timezone

from core.outbox import MailServerDown, Outbox, Skip
from medialists.models import MediaContact, Suppression
from releases_out.mail import SendMail
from releases_out.models import Delivery, Send

__all__ = ["MailServerDown", "send_due"]


class ReleaseOutbox(Outbox):
    model = Delivery
    name = "send_releases"
    select_related = ("send__story", "contact", "embargo_link__page")

    def __init__(self):
        self.claim_timeout = settings.RELEASES_CLAIM_TIMEOUT
        self.max_attempts = settings.RELEASES_MAX_ATTEMPTS

    def sendable(self):
        return Delivery.objects.sendable()

    def message(self, delivery, mails):
        send = delivery.send
        if send.state == Send.State.CANCELLED:
            raise Skip("the send was cancelled")
        contact = delivery.contact
        if contact is None or contact.suppressed_reason:
            raise Skip(f"not emailed: {contact.get_suppressed_reason_display() if contact else 'contact deleted'}")
        key = (send.pk, delivery.language)
        if key not in mails:
            mails[key] = SendMail(send, delivery.language or settings.LANGUAGE_CODE)
        return mails[key].message(delivery)

    def refused_for_good(self, delivery, error):
        now = timezone.now()
        Delivery.objects.filter(pk=delivery.pk).update(feedback=Delivery.Feedback.BOUNCED, feedback_at=now)
        if delivery.contact_id:
            MediaContact.objects.filter(pk=delivery.contact_id).suppress(Suppression.HARD_BOUNCE, now)


def send_due(rate=None, batch_size=None, max_batches=None):
    """Send what is due, at most ``rate`` messages (RELEASES_SEND_RATE); {outcome: count}."""
    return ReleaseOutbox().send_due(
        batch_size or settings.RELEASES_BATCH_SIZE, max_batches, limit=rate or settings.RELEASES_SEND_RATE
    )


def waiting():
    return Delivery.objects.filter(state=Delivery.State.DUE, send__state=Send.State.SCHEDULED).count()
