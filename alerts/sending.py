"""Sending what is due, outside any web request (``manage.py send_alerts``, run every minute
by the scheduler).

Never twice: a sender claims a batch with SELECT … FOR UPDATE SKIP LOCKED (two senders never
take the same alert) and marks it *claimed*; then, one alert at a time, marks it *sending*
(committed) before the SMTP call and *sent* right after. A sender killed mid-batch leaves its
untried alerts *claimed*: after ALERTS_CLAIM_TIMEOUT they are due again and go out on a later
run. The one alert it was sending, if any, stays *sending*: it may have left, so it is never
retried; after the timeout it is marked *failed* ("interrupted")."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from alerts.mail import RoomMail, alert_message
from alerts.models import Alert, AlertHold

logger = logging.getLogger(__name__)

# The server answered "no" to this message: nothing was sent. 4xx answers are worth a retry,
# 5xx ones are final.
REFUSALS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def _refusal_code(error):
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return max((code for code, _text in error.recipients.values()), default=550)
    return error.smtp_code


def _claim(batch_size, started):
    """Up to ``batch_size`` due alerts, moved to *claimed* in one short transaction. An alert
    already tried in this run (the server said "try later") waits for the next run."""
    with transaction.atomic():
        ids = list(
            Alert.objects.sendable()
            .exclude(attempted_at__gte=started)
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if ids:
            Alert.objects.filter(pk__in=ids).update(state=Alert.State.CLAIMED, claimed_at=timezone.now())
    return ids


def recover_abandoned():
    """What a sender that died left behind: alerts it claimed but never tried are due again;
    the one it may have been sending is marked failed, never sent again."""
    cutoff = timezone.now() - timedelta(seconds=settings.ALERTS_CLAIM_TIMEOUT)
    Alert.objects.filter(state=Alert.State.CLAIMED, claimed_at__lt=cutoff).update(state=Alert.State.DUE)
    return Alert.objects.filter(state=Alert.State.SENDING, attempted_at__lt=cutoff).update(
        state=Alert.State.FAILED, error="interrupted while sending; not retried, it may have been sent"
    )


def send_due(batch_size=None, max_batches=None):
    """Send everything due, a batch at a time; returns {state: count} of what was done."""
    batch_size = batch_size or settings.ALERTS_BATCH_SIZE
    started = timezone.now()
    done = {"sent": 0, "skipped": 0, "failed": 0, "retry": 0, "interrupted": recover_abandoned()}
    batches = 0
    while max_batches is None or batches < max_batches:
        ids = _claim(batch_size, started)
        if not ids:
            break
        batches += 1
        _send_batch(ids, done)
    return done


def still_due():
    """{"held": n, "waiting": n}: alerts still due after a run, those of held stories and the
    others (inside ALERTS_SEND_DELAY, or to be retried after a "try later" answer)."""
    held = Q(Exists(AlertHold.objects.filter(story_id=OuterRef("story_id"))))
    return Alert.objects.filter(state=Alert.State.DUE).aggregate(
        held=Count("pk", filter=held), waiting=Count("pk", filter=~held)
    )


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
    except ConnectionLost as error:
        untried = Alert.objects.filter(pk__in=ids, state=Alert.State.CLAIMED).update(state=Alert.State.DUE)
        done["retry"] += untried
        raise MailServerDown(str(error)) from error
    finally:
        connection.close()


class MailServerDown(Exception):
    pass


class ConnectionLost(Exception):
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
        message = alert_message(alert, rooms[room])
    except Exception as error:
        # A message that cannot even be built (a story deleted meanwhile, a broken template)
        # would fail the same way every minute: record it and go on with the others.
        logger.exception("send_alerts: alert %s could not be written", alert.pk)
        _mark(alert, Alert.State.FAILED, error=f"not written: {error}")
        done["failed"] += 1
        return
    try:
        # Recorded (and committed: no transaction is open here) before the message leaves.
        Alert.objects.filter(pk=alert.pk).update(
            state=Alert.State.SENDING, attempted_at=timezone.now(), attempts=F("attempts") + 1
        )
        alert.attempts += 1
        connection.send_messages([message])
    except REFUSALS as error:
        temporary = 400 <= _refusal_code(error) < 500 and alert.attempts < settings.ALERTS_MAX_ATTEMPTS
        logger.warning(
            "send_alerts: alert %s refused (%s): %s", alert.pk, "will retry" if temporary else "final", error
        )
        _mark(alert, Alert.State.DUE if temporary else Alert.State.FAILED, error=str(error))
        done["retry" if temporary else "failed"] += 1
    except (OSError, smtplib.SMTPException) as error:
        # The connection broke mid-message (timeout, hang-up): the server may have accepted it.
        # Not retried (never twice); the rest of the batch waits for a later run.
        logger.error("send_alerts: connection lost sending alert %s: %s", alert.pk, error)
        _mark(
            alert,
            Alert.State.FAILED,
            error=f"connection lost while sending; not retried, it may have been sent: {error}",
        )
        done["failed"] += 1
        raise ConnectionLost(str(error)) from error
    else:
        _mark(alert, Alert.State.SENT, sent_at=timezone.now())
        done["sent"] += 1


def _mark(alert, state, **fields):
    if "error" in fields:
        fields["error"] = str(fields["error"])[:255]
    Alert.objects.filter(pk=alert.pk).update(state=state, **fields)
