"""Sending what is due, outside any web request (``manage.py send_alerts``, run every minute
by the scheduler), through the outbox every email of ours shares (core/outbox.py: claimed,
marked *sending* before the SMTP call, never twice, 4xx retried)."""

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q

from alerts.mail import RoomMail, alert_message
from alerts.models import Alert, AlertHold
from core.outbox import ConnectionLost, MailServerDown, Outbox, Skip

__all__ = ["ConnectionLost", "MailServerDown", "recover_abandoned", "send_due", "still_due"]


class AlertOutbox(Outbox):
    model = Alert
    name = "send_alerts"
    select_related = ("subscription__press_room", "story__category")

    def __init__(self):
        self.claim_timeout = settings.ALERTS_CLAIM_TIMEOUT
        self.max_attempts = settings.ALERTS_MAX_ATTEMPTS

    def sendable(self):
        return Alert.objects.sendable()

    def message(self, alert, rooms):
        subscription = alert.subscription
        if not subscription.is_active:
            raise Skip("unsubscribed first")
        room = subscription.press_room_id
        if room not in rooms:
            rooms[room] = RoomMail(subscription.press_room)
        return alert_message(alert, rooms[room])


def recover_abandoned():
    return AlertOutbox().recover_abandoned()


def send_due(batch_size=None, max_batches=None):
    """Send everything due, a batch at a time; returns {state: count} of what was done."""
    return AlertOutbox().send_due(batch_size or settings.ALERTS_BATCH_SIZE, max_batches)


def still_due():
    """{"held": n, "waiting": n}: alerts still due after a run, those of held stories and the
    others (inside ALERTS_SEND_DELAY, or to be retried after a "try later" answer)."""
    held = Q(Exists(AlertHold.objects.filter(story_id=OuterRef("story_id"))))
    return Alert.objects.filter(state=Alert.State.DUE).aggregate(
        held=Count("pk", filter=held), waiting=Count("pk", filter=~held)
    )
