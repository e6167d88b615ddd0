"""The reader's side: sign up, confirm, unsubscribe. No account, no sign-in.

Why these POST views are csrf_exempt: the sign-up form sits on every public page, and those
pages are kept by Varnish and shared between visitors; a CSRF token would need a cookie per
visitor, making every page private (uncacheable). What a forged cross-site POST could do here
is harmless by design: a sign-up only sends one confirmation email (at most one an hour per
address, flood-limited per client and per address), and nothing is ever sent to an address
that has not followed its signed link. Confirming and unsubscribing are authorised by the
signed token in the address, not by a session, and RFC 8058 one-click unsubscribing is a POST
from the reader's mail provider, which has no cookie to offer."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.client_address import client_ip
from alerts.forms import SubscribeForm
from alerts.limits import over_limit
from alerts.mail import confirmation_message
from alerts.models import Subscription, current_language
from alerts.tokens import BadLink, ExpiredLink, read_confirm_token, read_unsubscribe_token
from core.models import Category, Topic
from core.translations import localized
from core.views import noindex_page
from press.models import PressIndexPage

logger = logging.getLogger(__name__)


def _page(request, template, status=200, **context):
    return noindex_page(request, f"alerts/{template}.html", status, alerts_page=True, **context)


def _filter_options(room):
    """Every category and topic of the room's live stories, for the sign-up page's form."""
    stories = room.get_stories()
    return {"categories": stories.category_counts(), "topics": stories.topic_counts()}


@never_cache
@csrf_exempt  # see the module's docstring
@require_http_methods(["GET", "POST"])
def subscribe(request):
    room = PressIndexPage.for_request_or_404(request)
    if request.method == "GET":
        return _page(request, "subscribe", form=SubscribeForm(), press_room=room, **_filter_options(room))

    if over_limit("address", client_ip(request)):
        return _too_many(request, room)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _page(request, "subscribe", 400, form=form, press_room=room, **_filter_options(room))
    email = form.cleaned_data["email"]
    if over_limit("email", email):
        # Past the per-email limit nothing more is sent, but the answer is the usual one:
        # a stranger's sign-ups for someone's address never get its owner refused.
        return _page(request, "check_inbox", press_room=room, email=email)

    subscription = _subscription(room, email)
    categories, topics = form.cleaned_data["category"], form.cleaned_data["topic"]
    if _may_send_confirmation(subscription):
        message = confirmation_message(
            subscription,
            [localized(category).name for category in categories],
            [localized(topic).name for topic in topics],
            ([category.pk for category in categories], [topic.pk for topic in topics]),
        )
        try:
            message.send()
        except (OSError, smtplib.SMTPException) as error:
            logger.error("alerts: confirmation email to subscription %s not sent: %s", subscription.pk, error)
            # Let the reader try again straight away, rather than wait an hour for nothing.
            Subscription.objects.filter(pk=subscription.pk).update(confirmation_sent_at=None)
            return _page(request, "unavailable", 503, press_room=room)
    # The same answer whether the address was new, pending, subscribed or just emailed:
    # the page never tells a visitor who else is subscribed.
    return _page(request, "check_inbox", press_room=room, email=email)


def _subscription(room, email):
    """The room's one row for ``email``; a reader who had unsubscribed must confirm again."""
    try:
        with transaction.atomic():
            subscription, _created = Subscription.objects.get_or_create(
                press_room=room, email=email, defaults={"language": current_language()}
            )
    except IntegrityError:  # the same address signed up at the same moment
        subscription = Subscription.objects.get(press_room=room, email=email)
    if subscription.unsubscribed_at is not None:
        Subscription.objects.filter(pk=subscription.pk).update(
            unsubscribed_at=None, confirmed_at=None, language=current_language()
        )
        subscription.refresh_from_db()
    return subscription


def _may_send_confirmation(subscription):
    """True for at most one sign-up an hour per address and room (ALERTS_CONFIRM_RESEND_INTERVAL):
    claimed by one UPDATE, so two sign-ups at the same moment cannot both send."""
    now = timezone.now()
    cutoff = now - timedelta(seconds=settings.ALERTS_CONFIRM_RESEND_INTERVAL)
    return bool(
        Subscription.objects.filter(pk=subscription.pk)
        .filter(Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lt=cutoff))
        .update(confirmation_sent_at=now)
    )


def _too_many(request, room):
    response = _page(request, "too_many", 429, press_room=room)
    response["Retry-After"] = "3600"
    return response


def _bad_link(request, error, action):
    if isinstance(error, ExpiredLink):
        return _page(request, "bad_link", 410, expired=True, action=action)
    return _page(request, "bad_link", 400, expired=False, action=action)


def _subscription_for(payload, request):
    """The subscription a valid token names, on the site it is opened on; None if gone.
    In any language of the site's room: a Spanish subscriber's link opened without /es/ (or an
    English one with it) still finds its subscription, on the same site only."""
    room = PressIndexPage.for_request(request)
    if room is None:
        return None
    return (
        Subscription.objects.select_related("press_room")
        .filter(pk=payload["id"], press_room__translation_key=room.translation_key)
        .first()
    )


def _follow_link(request, token, read_token, action):
    """(payload, subscription, None) for a signed link that names a subscription of this site,
    else (None, None, the page saying why): tampered 400, expired 410, gone or elsewhere 404."""
    try:
        payload = read_token(token)
    except (BadLink, ExpiredLink) as error:
        return None, None, _bad_link(request, error, action)
    subscription = _subscription_for(payload, request)
    if subscription is None:
        return None, None, _page(request, "bad_link", 404, expired=False, action=action)
    return payload, subscription, None


@never_cache
@csrf_exempt  # authorised by the signed token, see the module's docstring
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    payload, subscription, refusal = _follow_link(request, token, read_confirm_token, "confirm")
    if refusal is not None:
        return refusal
    if subscription.unsubscribed_at is not None:
        # Unsubscribed after this link was sent (a sign-up since would have cleared it): an
        # old confirmation never undoes a later unsubscribe.
        return _page(request, "unsubscribed_since", 409, press_room=subscription.press_room)
    if request.method == "GET":
        # A button, not an automatic confirmation: mail scanners that open every link in an
        # email must not be able to subscribe someone.
        return _page(request, "confirm", subscription=subscription, press_room=subscription.press_room)
    with transaction.atomic():
        # Locked: an unsubscribe arriving at the same moment waits, then wins.
        still = Subscription.objects.select_for_update().filter(pk=subscription.pk, unsubscribed_at__isnull=True)
        if not still.exists():  # unsubscribed between the page and its button
            return _page(request, "unsubscribed_since", 409, press_room=subscription.press_room)
        still.filter(confirmed_at__isnull=True).update(confirmed_at=timezone.now())
        subscription.categories.set(Category.objects.filter(pk__in=_ids(payload.get("c"))))
        subscription.topics.set(Topic.objects.filter(pk__in=_ids(payload.get("t"))))
    subscription.refresh_from_db()
    return _page(
        request,
        "confirmed",
        subscription=subscription,
        press_room=subscription.press_room,
        categories=[localized(category).name for category in subscription.categories.all()],
        topics=[localized(topic).name for topic in subscription.topics.all()],
    )


def _ids(values):
    return [value for value in (values or []) if isinstance(value, int)][:50]


@never_cache
@csrf_exempt  # authorised by the signed token; RFC 8058 one-click POSTs come without cookies
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    _payload, subscription, refusal = _follow_link(request, token, read_unsubscribe_token, "unsubscribe")
    if refusal is not None:
        return refusal
    if request.method == "GET":
        # A button, for the same reason as confirming: link scanners must not unsubscribe.
        return _page(request, "unsubscribe", subscription=subscription, press_room=subscription.press_room)
    Subscription.objects.filter(pk=subscription.pk, unsubscribed_at__isnull=True).update(unsubscribed_at=timezone.now())
    if request.POST.get("List-Unsubscribe") == "One-Click":
        # A mail provider's one-click request (RFC 8058): no page for anyone to read.
        return HttpResponse(_("Unsubscribed."), content_type="text/plain; charset=utf-8")
    return _page(request, "unsubscribed", subscription=subscription, press_room=subscription.press_room)
