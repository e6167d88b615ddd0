"""Sending what is due, outside any web request (``manage.py send_alerts``, run every minute
by the scheduler).

Never twice: each alert is claimed with SELECT … FOR UPDATE SKIP LOCKED (two senders never
take the same one), marked *sending* and committed before the SMTP call, and marked *sent*
right after it. A sender killed mid-batch leaves its unsent alerts *due* (they are sent next
time) and at most the one in flight *sending*: that one is not retried, as the message may
have left; after ALERTS_CLAIM_TIMEOUT it is marked *failed* ("interrupted")."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from alerts.mail import RoomMail, alert_message
from alerts.models import Alert

logger = logging.getLogger(__name__)

# Refusals about this one address: retrying will not help, and nothing was sent.
PERMANENT_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def _claim(batch_size):
    """Up to ``batch_size`` due alerts, each moved to *sending* in one short transaction."""
    with transaction.atomic():
        ids = list(
            Alert.objects.sendable()
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if ids:
            Alert.objects.filter(pk__in=ids).update(
                state=Alert.State.SENDING, attempted_at=timezone.now(), attempts=F("attempts") + 1
            )
    return ids


def expire_interrupted():
    """Alerts left *sending* by a sender that died: mark them failed, never send again."""
    cutoff = timezone.now() - timedelta(seconds=settings.ALERTS_CLAIM_TIMEOUT)
    return Alert.objects.filter(state=Alert.State.SENDING, attempted_at__lt=cutoff).update(
        state=Alert.State.FAILED, error="interrupted while sending; not retried, it may have been sent"
    )


def send_due(batch_size=None, max_batches=None):
    """Send everything due, a batch at a time; returns {state: count} of what was done."""
    batch_size = batch_size or settings.ALERTS_BATCH_SIZE
    done = {"sent": 0, "skipped": 0, "failed": 0, "retry": 0, "interrupted": expire_interrupted()}
    batches = 0
    while max_batches is None or batches < max_batches:
        ids = _claim(batch_size)
        if not ids:
            break
        batches += 1
        _send_batch(ids, done)
    return done


def _send_batch(ids, done):
    alerts = (
        Alert.objects.filter(pk__in=ids).select_related("subscription__press_room", "story__category").order_by("pk")
    )
    rooms = {}
    connection = get_connection()
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as error:
        # The mail server is down: put the batch back, untouched, for the next run.
        logger.error("send_alerts: cannot reach the mail server: %s", error)
        Alert.objects.filter(pk__in=ids).update(state=Alert.State.DUE, error=str(error)[:255])
        done["retry"] += len(ids)
        raise MailServerDown(str(error)) from error
    try:
        for alert in alerts:
            _send_one(alert, connection, rooms, done)
    finally:
        connection.close()


class MailServerDown(Exception):
    pass


def _send_one(alert, connection, rooms, done):
    subscription = alert.subscription
    if not subscription.is_active:
        _mark(alert, Alert.State.SKIPPED)
        done["skipped"] += 1
        return
    try:
        room = subscription.press_room_id
        if room not in rooms:
            rooms[room] = RoomMail(subscription.press_room)
        connection.send_messages([alert_message(alert, rooms[room])])
    except PERMANENT_ERRORS as error:
        logger.warning("send_alerts: alert %s refused: %s", alert.pk, error)
        _mark(alert, Alert.State.FAILED, error=str(error))
        done["failed"] += 1
    except (OSError, smtplib.SMTPException) as error:
        # Not sent (the server hung up before accepting it): due again, up to ALERTS_MAX_ATTEMPTS.
        logger.warning("send_alerts: alert %s not sent, will retry: %s", alert.pk, error)
        state = Alert.State.DUE if alert.attempts < settings.ALERTS_MAX_ATTEMPTS else Alert.State.FAILED
        _mark(alert, state, error=str(error))
        done["retry" if state == Alert.State.DUE else "failed"] += 1
        connection.close()  # the next send_messages opens a fresh one
    else:
        _mark(alert, Alert.State.SENT, sent_at=timezone.now())
        done["sent"] += 1


def _mark(alert, state, **fields):
    if "error" in fields:
        fields["error"] = str(fields["error"])[:255]
    Alert.objects.filter(pk=alert.pk).update(state=state, **fields)
