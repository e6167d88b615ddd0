"""Recording a send: the Send row, then one Delivery per distinct contact of the chosen lists
(and, under embargo, one personal embargoed preview link each), all in one transaction and
before anything goes out. Contacts not to be emailed are recorded as skipped, with why."""

from django.db import transaction
from django.utils import timezone

from embargo.models import EmbargoLink
from medialists.models import MediaContact
from releases_out.models import Delivery, Send


@transaction.atomic
def record_send(story, site, lists, when, user, embargoed_until=None, count_clicks=False):
    send = Send.objects.create(
        story=story, site=site, when=when, created_by=user, embargoed_until=embargoed_until, count_clicks=count_clicks
    )
    send.lists.set(lists)
    contacts = (
        MediaContact.objects.filter(site=site, lists__in=lists)
        .distinct()
        .order_by("pk")
        .values_list("pk", "email", "language", "suppressed_reason")
    )
    deliveries = []
    for pk, email, language, suppressed in contacts.iterator(chunk_size=5000):
        delivery = Delivery(send=send, contact_id=pk, email=email, language=language)
        if suppressed:
            delivery.state = Delivery.State.SKIPPED
            delivery.error = f"not emailed: {suppressed.replace('_', ' ')}"
        deliveries.append(delivery)
    if when == Send.When.EMBARGO:
        emailed = [delivery for delivery in deliveries if delivery.state == Delivery.State.DUE]
        links = EmbargoLink.objects.bulk_create(
            [EmbargoLink(page=story, created_by=user, sent_to=delivery.email) for delivery in emailed], batch_size=2000
        )
        for delivery, link in zip(emailed, links, strict=True):
            delivery.embargo_link = link
    Delivery.objects.bulk_create(deliveries, batch_size=2000)
    return send


def cancel_send(send, user):
    """Stop what has not gone yet; returns how many deliveries were cancelled. Deliveries a
    sender has already claimed go out (or not) as usual: they cannot be taken back."""
    with transaction.atomic():
        Send.objects.filter(pk=send.pk).update(
            state=Send.State.CANCELLED, cancelled_by=user, cancelled_at=timezone.now()
        )
        cancelled = Delivery.objects.filter(send=send, state=Delivery.State.DUE).update(state=Delivery.State.CANCELLED)
        EmbargoLink.objects.filter(
            pk__in=Delivery.objects.filter(send=send, state=Delivery.State.CANCELLED).values("embargo_link_id"),
            revoked_at__isnull=True,
        ).update(revoked_at=timezone.now())
    return cancelled
