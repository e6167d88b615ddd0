"""The journalist's side: unsubscribing from a team's releases, by the signed link in every
release (the footer link, and List-Unsubscribe for the mail provider's one-click POST, RFC 8058).

GET shows a page with a button (link scanners must not unsubscribe anyone); POST unsubscribes.
csrf_exempt: the signed token in the address authorises it, and a provider's one-click POST
has no cookie to offer. Never cached (never_cache): the answer is about one person."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from core.views import noindex_page
from medialists.models import MediaContact, Suppression
from releases_out.models import Delivery
from releases_out.tokens import read_unsubscribe_token


@never_cache
@csrf_exempt  # see the module's docstring
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    delivery_id = read_unsubscribe_token(token)
    delivery = (
        Delivery.objects.select_related("contact", "send__site").filter(pk=delivery_id).first() if delivery_id else None
    )
    site = Site.find_for_request(request)
    if delivery is None or delivery.contact is None or site is None or delivery.send.site_id != site.pk:
        return noindex_page(request, "releases_out/bad_link.html", status=404)
    contact = delivery.contact
    if request.method == "GET":
        return noindex_page(request, "releases_out/unsubscribe.html", contact=contact, site_name=site.site_name)
    now = timezone.now()
    MediaContact.objects.filter(pk=contact.pk).suppress(Suppression.UNSUBSCRIBED, now)
    Delivery.objects.filter(pk=delivery.pk, feedback="").update(
        feedback=Delivery.Feedback.UNSUBSCRIBED, feedback_at=now
    )
    if request.POST.get("List-Unsubscribe") == "One-Click":
        # The mail provider's one-click request: no page for anyone to read.
        return HttpResponse(_("Unsubscribed."), content_type="text/plain; charset=utf-8")
    contact.refresh_from_db()
    return noindex_page(request, "releases_out/unsubscribed.html", contact=contact, site_name=site.site_name)
