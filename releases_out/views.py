"""The journalist's side: unsubscribing from a team's releases, by the signed link in every
release (the footer link, and List-Unsubscribe for the mail provider's one-click POST, RFC 8058);
and the counting redirect of a send that counts clicks (releases_out/clicks.py).

GET shows a page with a button (link scanners must not unsubscribe anyone); POST unsubscribes.
csrf_exempt: the signed token in the address authorises it, and a provider's one-click POST
has no cookie to offer. Never cached (never_cache): the answer is about one person."""

from django.db.models import F
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from core.views import noindex_page
from medialists.models import MediaContact, Suppression
from releases_out.clicks import is_prefetch, read_click_token
from releases_out.models import Delivery, SendLink
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


@never_cache
@require_http_methods(["GET", "HEAD"])
def click(request, token):
    """Count a click on one of a send's links and go there. HEAD (link checkers) and
    prefetches redirect without counting. No cookie, never cached: each click must reach us."""
    ids = read_click_token(token)
    site = Site.find_for_request(request)
    link = None
    if ids is not None and site is not None:
        send_id, link_id = ids
        link = SendLink.objects.filter(pk=link_id, send_id=send_id, send__site=site).only("url").first()
    if link is None:
        return noindex_page(request, "releases_out/bad_click.html", status=404)
    if request.method == "GET" and not is_prefetch(request):
        SendLink.objects.filter(pk=link.pk).update(clicks=F("clicks") + 1)
    return HttpResponseRedirect(link.url)
