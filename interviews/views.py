"""The journalist's side: the request form (the same for everyone, so Varnish may keep it) and
the address it posts to (never cached).

Why the POST is csrf_exempt: the form page is shared between visitors by the cache, and a CSRF
token would need a cookie per visitor (as the alerts sign-up explains, alerts/views.py). What a
forged cross-site POST could do is what anyone can do by filling in the form: store a request
(which an editor may close) and send one acknowledgement that repeats nothing typed but a
deadline; both are flood-limited per client and per email address."""

import logging

from django.conf import settings
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Site

from accounts.client_address import client_ip
from core.limits import count_over_limit
from core.models import SiteBranding
from interviews.forms import InterviewRequestForm
from interviews.mail import on_call_address
from interviews.models import InterviewEmail, InterviewRequest
from press.models import PressIndexPage

logger = logging.getLogger(__name__)

STORIES_OFFERED = 30
LIMIT_NAMESPACE = "interviews-limit"


def _stories(room):
    """(id, title) of the room's latest stories, to choose from: one query."""
    return list(room.get_stories().values_list("pk", "title")[:STORIES_OFFERED])


def _page_language():
    return (get_language() or settings.LANGUAGE_CODE)[:10]


def _page(request, template, room, status=200, **context):
    return TemplateResponse(
        request,
        f"pages/{template}.html",
        {"press_room": room, "noindex": template != "interview_request", **context},
        status=status,
    )


@require_safe
def request_form(request):
    room = PressIndexPage.for_request_or_404(request)
    stories = _stories(room)
    # The interview in the page's language, unless the journalist says otherwise.
    form = InterviewRequestForm(stories=stories, initial={"language": _page_language()})
    return _page(request, "interview_request", room, form=form, stories=stories)


def _too_many(request, room):
    response = _page(request, "interview_too_many", room, status=429)
    response["Retry-After"] = "3600"
    return response


@never_cache
@csrf_exempt  # see the module's docstring
@require_POST
def send_request(request):
    room = PressIndexPage.for_request_or_404(request)
    if count_over_limit(LIMIT_NAMESPACE, "address", client_ip(request), settings.INTERVIEWS_LIMIT_PER_ADDRESS):
        return _too_many(request, room)
    stories = _stories(room)
    form = InterviewRequestForm(request.POST, stories=stories)
    if form.is_robot:
        # The same thanks a person gets, so a robot learns nothing; nothing is stored or sent.
        return _page(request, "interview_received", room)
    if not form.is_valid():
        return _page(request, "interview_request", room, status=400, form=form, stories=stories)
    data = form.cleaned_data
    if count_over_limit(LIMIT_NAMESPACE, "email", data["email"].lower(), settings.INTERVIEWS_LIMIT_PER_EMAIL):
        return _too_many(request, room)
    interview = _store(request, room, data)
    return _page(request, "interview_received", room, interview=interview)


def _store(request, room, data):
    """The request, then its emails as outbox rows, in one transaction: the scheduler sends
    them (send_interview_emails); a mail server that is down delays them, loses nothing."""
    site = Site.find_for_request(request) or room.get_site()
    on_call = on_call_address(room, SiteBranding.for_site(site))
    with transaction.atomic():
        interview = InterviewRequest.objects.create(
            site=site,
            press_room=room,
            name=data["name"],
            outlet=data["outlet"],
            email=data["email"],
            phone=data["phone"],
            deadline=data["deadline"],
            language=data["language"],
            story_id=data["story"],
            topic=data["topic"],
            message=data["message"],
            page_language=_page_language(),
        )
        emails = [InterviewEmail(request=interview, kind=InterviewEmail.Kind.ACKNOWLEDGEMENT, to=data["email"])]
        if on_call:
            emails.append(InterviewEmail(request=interview, kind=InterviewEmail.Kind.ON_CALL, to=on_call))
        else:
            logger.warning("interviews: request %s stored; the room has no media contact with an email", interview.pk)
        InterviewEmail.objects.bulk_create(emails)
    return interview
