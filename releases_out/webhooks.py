"""Bounces and complaints from the email provider, through django-anymail's tracking webhooks
(one interface for every provider; the provider's signature checked by anymail: a bad one is a
400 and nothing is written). Mailgun is wired (RELEASES_WEBHOOK_PROVIDER=mailgun); another
provider is its anymail view in ``PROVIDERS``.

An event names its delivery when the provider returns our metadata (``delivery``): that
delivery and its contact are marked. Without it, every contact with the address is marked: a
hard bounce or a spam complaint is about the address, whichever team sent."""

import logging

from anymail.signals import EventType, tracking
from anymail.webhooks.mailgun import MailgunTrackingWebhookView
from django.conf import settings
from django.dispatch import receiver
from django.http import Http404
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from medialists.models import MediaContact, Suppression
from releases_out.models import Delivery

logger = logging.getLogger(__name__)

PROVIDERS = {"mailgun": (MailgunTrackingWebhookView, "MAILGUN_WEBHOOK_SIGNING_KEY")}
MARKS = {
    EventType.BOUNCED: (Suppression.HARD_BOUNCE, Delivery.Feedback.BOUNCED),
    EventType.COMPLAINED: (Suppression.COMPLAINT, Delivery.Feedback.COMPLAINED),
    EventType.UNSUBSCRIBED: (Suppression.UNSUBSCRIBED, Delivery.Feedback.UNSUBSCRIBED),
}


@csrf_exempt
def tracking_webhook(request, provider):
    """The provider's tracking webhook: a 404 unless it is the one configured, with its key."""
    view_class, key_setting = PROVIDERS.get(provider, (None, None))
    if view_class is None or provider != settings.RELEASES_WEBHOOK_PROVIDER:
        raise Http404
    if not settings.ANYMAIL.get(key_setting):
        raise Http404
    return view_class.as_view()(request)


def _delivery_id(event):
    value = (event.metadata or {}).get("delivery", "")
    value = str(value)
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else None


@receiver(tracking)
def mark_contact(sender, event, esp_name, **kwargs):
    marks = MARKS.get(event.event_type)
    if marks is None or not event.recipient:
        return
    reason, feedback = marks
    when = event.timestamp or timezone.now()
    email = event.recipient.strip().lower()
    delivery_id = _delivery_id(event)
    delivery = Delivery.objects.filter(pk=delivery_id, email=email).first() if delivery_id else None
    if delivery is not None:
        Delivery.objects.filter(pk=delivery.pk).update(feedback=feedback, feedback_at=when)
        contacts = MediaContact.objects.filter(pk=delivery.contact_id)
    else:
        contacts = MediaContact.objects.filter(email=email)
    marked = contacts.suppress(reason, when)
    logger.info("%s %s webhook: %s marked %s", esp_name, event.event_type, email, marked)
