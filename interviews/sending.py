"""Sending the interview emails that are due (``manage.py send_interview_emails``, run every
minute by the scheduler).

Each row is claimed with SELECT … FOR UPDATE SKIP LOCKED, so two senders never take the same
one. Unlike a story alert, a request must never be lost: when the mail server cannot be reached,
or drops the connection, or answers "try later", the row stays due and is tried again on the
next run (a journalist may, rarely, get an acknowledgement twice; a request is never dropped).
Only a final refusal ("no such mailbox") or INTERVIEWS_MAX_ATTEMPTS failed tries end it, as
*failed*, which the admin shows beside the request."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from alerts.mail import RoomMail
from interviews.mail import build_message
from interviews.models import InterviewEmail

logger = logging.getLogger(__name__)

REFUSALS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


class MailServerDown(Exception):
    pass


def _refusal_code(error):
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return max((code for code, _text in error.recipients.values()), default=550)
    return error.smtp_code


def _claim(batch_size, started):
    with transaction.atomic():
        ids = list(
            InterviewEmail.objects.filter(state=InterviewEmail.State.DUE)
            .exclude(attempted_at__gte=started)
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if ids:
            InterviewEmail.objects.filter(pk__in=ids).update(
                state=InterviewEmail.State.SENDING, claimed_at=timezone.now()
            )
    return ids


def _mark(email_id, state, **fields):
    if "error" in fields:
        fields["error"] = str(fields["error"])[:255]
    InterviewEmail.objects.filter(pk=email_id).update(state=state, **fields)


def send_due(batch_size=50):
    """Send every due interview email; returns {"sent", "retry", "failed"} counts. Raises
    MailServerDown (after putting the batch back) when the server cannot be reached."""
    started = timezone.now()
    done = {"sent": 0, "retry": 0, "failed": 0, "recovered": recover_abandoned()}
    while ids := _claim(batch_size, started):
        _send_batch(ids, done)
    return done


def _send_batch(ids, done):
    connection = get_connection()
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as error:
        # The mail server is down: the whole batch stays due, no try counted.
        logger.error("send_interview_emails: cannot reach the mail server: %s", error)
        InterviewEmail.objects.filter(pk__in=ids).update(state=InterviewEmail.State.DUE, error=str(error)[:255])
        done["retry"] += len(ids)
        raise MailServerDown(str(error)) from error
    rooms = {}
    try:
        emails = InterviewEmail.objects.filter(pk__in=ids).select_related("request__press_room", "request__story")
        for position, email in enumerate(emails.order_by("pk")):
            try:
                _send_one(email, connection, rooms, done)
            except (OSError, smtplib.SMTPException) as error:
                # The connection broke: this one and the rest wait for the next run.
                untried = [row.pk for row in list(emails.order_by("pk"))[position:]]
                logger.error("send_interview_emails: connection lost: %s", error)
                InterviewEmail.objects.filter(pk__in=untried, state=InterviewEmail.State.SENDING).update(
                    state=InterviewEmail.State.DUE, error=str(error)[:255]
                )
                done["retry"] += len(untried)
                raise MailServerDown(str(error)) from error
    finally:
        connection.close()


def _send_one(email, connection, rooms, done):
    room_id = email.request.press_room_id
    try:
        if room_id not in rooms:
            rooms[room_id] = RoomMail(email.request.press_room)
        message = build_message(email, rooms[room_id])
    except Exception as error:
        logger.exception("send_interview_emails: email %s could not be written", email.pk)
        _mark(email.pk, InterviewEmail.State.FAILED, error=f"not written: {error}")
        done["failed"] += 1
        return
    InterviewEmail.objects.filter(pk=email.pk).update(attempted_at=timezone.now(), attempts=F("attempts") + 1)
    attempts = email.attempts + 1
    try:
        connection.send_messages([message])
    except REFUSALS as error:
        temporary = 400 <= _refusal_code(error) < 500 and attempts < settings.INTERVIEWS_MAX_ATTEMPTS
        logger.warning("send_interview_emails: email %s refused: %s", email.pk, error)
        _mark(email.pk, InterviewEmail.State.DUE if temporary else InterviewEmail.State.FAILED, error=error)
        done["retry" if temporary else "failed"] += 1
    else:
        _mark(email.pk, InterviewEmail.State.SENT, sent_at=timezone.now(), error="")
        done["sent"] += 1


def recover_abandoned():
    """Rows that a sender which died left *sending* are due again after
    INTERVIEWS_CLAIM_TIMEOUT (retried: a request is never lost)."""
    cutoff = timezone.now() - timedelta(seconds=settings.INTERVIEWS_CLAIM_TIMEOUT)
    return InterviewEmail.objects.filter(state=InterviewEmail.State.SENDING, claimed_at__lt=cutoff).update(
        state=InterviewEmail.State.DUE
    )
