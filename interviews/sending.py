"""Sending the interview emails that are due (``manage.py send_interview_emails``, run every
minute by the scheduler), through the outbox every email of ours shares (core/outbox.py: rows
claimed with SELECT … FOR UPDATE SKIP LOCKED, so two senders never take the same one).

Unlike a story alert, a request must never be lost (``resend_when_unsure``): when the mail
server cannot be reached, or drops the connection, or answers "try later", the row stays due and
is tried again on a later run (a journalist may, rarely, get an acknowledgement twice; a request
is never dropped). Only a final refusal ("no such mailbox") or INTERVIEWS_MAX_ATTEMPTS failed
tries end it, as *failed*, which the admin shows beside the request."""

from django.conf import settings

from alerts.mail import RoomMail
from core.outbox import SENT, MailServerDown, Outbox
from interviews.mail import build_message
from interviews.models import InterviewEmail

__all__ = ["MailServerDown", "recover_abandoned", "send_due"]


class InterviewOutbox(Outbox):
    model = InterviewEmail
    name = "send_interview_emails"
    select_related = ("request__press_room", "request__story")
    resend_when_unsure = True

    def __init__(self):
        self.claim_timeout = settings.INTERVIEWS_CLAIM_TIMEOUT
        self.max_attempts = settings.INTERVIEWS_MAX_ATTEMPTS

    def sendable(self):
        return InterviewEmail.objects.filter(state=InterviewEmail.State.DUE)

    def message(self, email, rooms):
        room = email.request.press_room_id
        if room not in rooms:
            rooms[room] = RoomMail(email.request.press_room)
        return build_message(email, rooms[room])

    def mark(self, row, state, **fields):
        if state == SENT:
            fields.setdefault("error", "")  # the admin shows an error only while it stands
        super().mark(row, state, **fields)


def recover_abandoned():
    return InterviewOutbox().recover_abandoned()


def send_due(batch_size=50):
    """Send every due interview email; returns {outcome: count}. Raises MailServerDown (after
    putting the batch back) when the server cannot be reached."""
    return InterviewOutbox().send_due(batch_size)
