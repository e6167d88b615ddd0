"""An outbox of emails, one row per message, sent outside any web request: claimed, sent and
marked so that nothing goes twice. Used by alerts (a story to a subscriber), releases_out (a
release to a media contact) and interviews (a request to the press team, its acknowledgement
to the journalist); each gives its model and how to write a message.

Never twice: a sender claims a batch with SELECT … FOR UPDATE SKIP LOCKED (two senders never
take the same row) and marks it *claimed*; then, one row at a time, marks it *sending*
(committed) before the SMTP call and *sent* right after. A sender killed mid-batch leaves its
untried rows *claimed*: after the claim timeout they are due again and go out on a later run.
The one row it was sending, if any, stays *sending*: it may have left, so it is never retried;
after the timeout it is marked *failed* ("interrupted").

Never lost instead (``resend_when_unsure``, the interview requests): a message the connection
broke on, and the one a killed sender was sending, are due again; its reader may, rarely,
get it twice.

The model needs the fields ``state`` (with the values due, claimed, sending, sent, skipped,
failed), ``claimed_at``, ``attempted_at``, ``sent_at``, ``attempts`` and ``error``."""

import logging
import smtplib
from datetime import timedelta

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

logger = logging.getLogger(__name__)

DUE, CLAIMED, SENDING, SENT, SKIPPED, FAILED = "due", "claimed", "sending", "sent", "skipped", "failed"

# The server answered "no" to this message: nothing was sent. 4xx answers are worth a retry,
# 5xx ones are final.
REFUSALS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


class MailServerDown(Exception):
    pass


class ConnectionLost(Exception):
    pass


class Skip(Exception):
    """Raised by ``Outbox.message`` for a row that must not be sent (its reader left meanwhile)."""


def refusal_code(error):
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return max((code for code, _text in error.recipients.values()), default=550)
    return error.smtp_code


class Outbox:
    """Subclasses set ``model``, ``name`` (for the logs), ``claim_timeout`` and
    ``max_attempts``, and write ``sendable()`` and ``message(row, cache)``."""

    model = None
    name = "outbox"
    claim_timeout = 900
    max_attempts = 3
    select_related = ()
    resend_when_unsure = False  # never twice (False) or never lost (True): see the module

    def sendable(self):
        """The rows due now (a queryset of ``model``)."""
        raise NotImplementedError

    def message(self, row, cache):
        """The EmailMessage for ``row``; ``cache`` is a dict kept for one batch. Raise
        ``Skip`` to mark the row skipped instead."""
        raise NotImplementedError

    def refused_for_good(self, row, error):
        """Called after a final (5xx) refusal of ``row``'s address."""

    def new_done(self):
        return {"sent": 0, "skipped": 0, "failed": 0, "retry": 0, "interrupted": self.recover_abandoned()}

    def recover_abandoned(self):
        """What a sender that died left behind: rows it claimed but never tried are due again;
        the one it may have been sending is marked failed, never sent again."""
        cutoff = timezone.now() - timedelta(seconds=self.claim_timeout)
        self.model.objects.filter(state=CLAIMED, claimed_at__lt=cutoff).update(state=DUE)
        in_flight = self.model.objects.filter(state=SENDING, attempted_at__lt=cutoff)
        if self.resend_when_unsure:
            return in_flight.update(state=DUE)
        return in_flight.update(state=FAILED, error="interrupted while sending; not retried, it may have been sent")

    def send_due(self, batch_size, max_batches=None, limit=None):
        """Send everything due, a batch at a time (at most ``limit`` rows); returns {outcome: count}."""
        started = timezone.now()
        done = self.new_done()
        batches = claimed = 0
        while (max_batches is None or batches < max_batches) and (limit is None or claimed < limit):
            size = batch_size if limit is None else min(batch_size, limit - claimed)
            ids = self.claim(size, started)
            if not ids:
                break
            batches += 1
            claimed += len(ids)
            self.send_batch(ids, done)
        return done

    def claim(self, batch_size, started):
        """Up to ``batch_size`` due rows, moved to *claimed* in one short transaction. A row
        already tried in this run (the server said "try later") waits for the next run."""
        with transaction.atomic():
            ids = list(
                self.sendable()
                .exclude(attempted_at__gte=started)
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("pk")
                .values_list("pk", flat=True)[:batch_size]
            )
            if ids:
                self.model.objects.filter(pk__in=ids).update(state=CLAIMED, claimed_at=timezone.now())
        return ids

    def send_batch(self, ids, done):
        rows = self.model.objects.filter(pk__in=ids).select_related(*self.select_related).order_by("pk")
        cache = {}
        connection = get_connection()
        try:
            connection.open()
        except (OSError, smtplib.SMTPException) as error:
            # The mail server is down: put the batch back, untouched, for the next run.
            logger.error("%s: cannot reach the mail server: %s", self.name, error)
            self.model.objects.filter(pk__in=ids).update(state=DUE, error=str(error)[:255])
            done["retry"] += len(ids)
            raise MailServerDown(str(error)) from error
        try:
            for row in rows:
                self.send_one(row, connection, cache, done)
        except ConnectionLost as error:
            untried = self.model.objects.filter(pk__in=ids, state=CLAIMED).update(state=DUE)
            done["retry"] += untried
            raise MailServerDown(str(error)) from error
        finally:
            connection.close()

    def send_one(self, row, connection, cache, done):
        try:
            message = self.message(row, cache)
        except Skip as reason:
            self.mark(row, SKIPPED, error=str(reason))
            done["skipped"] += 1
            return
        except Exception as error:
            # A message that cannot even be built (a story deleted meanwhile, a broken template)
            # would fail the same way every minute: record it and go on with the others.
            logger.exception("%s: %s could not be written", self.name, row.pk)
            self.mark(row, FAILED, error=f"not written: {error}")
            done["failed"] += 1
            return
        try:
            # Recorded (and committed: no transaction is open here) before the message leaves.
            self.model.objects.filter(pk=row.pk).update(
                state=SENDING, attempted_at=timezone.now(), attempts=F("attempts") + 1
            )
            row.attempts += 1
            connection.send_messages([message])
        except REFUSALS as error:
            code = refusal_code(error)
            permanent = code >= 500
            temporary = 400 <= code < 500 and row.attempts < self.max_attempts
            logger.warning("%s: %s refused (%s): %s", self.name, row.pk, "will retry" if temporary else "final", error)
            self.mark(row, DUE if temporary else FAILED, error=str(error))
            done["retry" if temporary else "failed"] += 1
            if permanent:
                self.refused_for_good(row, error)
        except (OSError, smtplib.SMTPException) as error:
            # The connection broke mid-message (timeout, hang-up): the server may have accepted it.
            # Not retried (never twice) unless it must never be lost; the rest of the batch waits
            # for a later run.
            logger.error("%s: connection lost sending %s: %s", self.name, row.pk, error)
            if self.resend_when_unsure:
                self.mark(row, DUE, error=str(error))
                done["retry"] += 1
            else:
                unsure = f"connection lost while sending; not retried, it may have been sent: {error}"
                self.mark(row, FAILED, error=unsure)
                done["failed"] += 1
            raise ConnectionLost(str(error)) from error
        else:
            self.mark(row, SENT, sent_at=timezone.now())
            done["sent"] += 1

    def mark(self, row, state, **fields):
        if "error" in fields:
            fields["error"] = str(fields["error"])[:255]
        self.model.objects.filter(pk=row.pk).update(state=state, **fields)
