"""Who is told about a request, and the two emails: to the room's on-call press contact, and
the acknowledgement to the journalist in the language of the form they used.

The acknowledgement repeats nothing the journalist typed but their deadline: the form takes any
address without a login, so an email that echoed the message back would let anyone send their
words to anyone under our name."""

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from alerts.mail import RoomMail
from interviews.models import InterviewEmail


def on_call_address(room, branding):
    """The room's first media contact with a press email (the room's list is in the order its
    editors set), else the site's press email; "" when the site has neither."""
    for person in room.default_media_contacts():
        if person.press_email:
            return person.press_email
    return branding.contact_email or ""


def _deadline(request):
    return formats.date_format(timezone.localtime(request.deadline), "DATETIME_FORMAT")


def _message(mail, to, subject, template, context, reply_to=None):
    headers = {"Auto-Submitted": "auto-generated"} if template.endswith("acknowledgement") else None
    return mail.message(to, subject, template, context, headers, reply_to=reply_to, folder="emails")


def on_call_message(request, mail, to):
    """Everything the journalist typed, for the press team; replying answers the journalist."""
    with translation.override(settings.LANGUAGE_CODE):
        admin_url = settings.WAGTAILADMIN_BASE_URL + reverse("interview_requests:edit", args=[request.pk])
        deadline = _deadline(request)
        context = mail.context(request=request, deadline=deadline, admin_url=admin_url, language=settings.LANGUAGE_CODE)
        subject = f"Interview request: {request.name}, {request.outlet} (deadline {deadline})"
        return _message(mail, to, subject, "interview_on_call", context, reply_to=request.email)


def acknowledgement_message(request, mail, to):
    with translation.override(request.page_language):
        context = mail.context(deadline=_deadline(request), reference=request.pk, language=request.page_language)
        subject = translation.gettext("We have your interview request: %(site)s") % {"site": mail.branding.display_name}
        return _message(mail, to, subject, "interview_acknowledgement", context)


def build_message(email, mail=None):
    """The message an outbox row stands for, written when it is sent (in the room's current branding)."""
    request = email.request
    mail = mail or RoomMail(request.press_room)
    build = on_call_message if email.kind == InterviewEmail.Kind.ON_CALL else acknowledgement_message
    return build(request, mail, email.to)
