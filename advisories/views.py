"""The journalist's side: an advisory's calendar file, and its RSVP form.

The RSVP form sits on the story page, which Varnish keeps and shares between visitors, so it
posts here without a CSRF token (a token needs a cookie per visitor: no page could be shared).
What a forged cross-site POST could do is harmless by design: add one journalist's name to a
list the press team reads, at most one row per address and story, flood-limited per client
address (ADVISORY_RSVP_LIMIT_PER_ADDRESS an hour, counted by core.limits as the alerts' sign-ups
are; with the cache down nothing is counted), with a honeypot for bots. These answers are never
cached."""

import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from accounts.client_address import client_ip
from advisories.calendar import event_calendar
from advisories.forms import RSVPForm
from advisories.models import RSVP
from core.limits import count_over_limit
from core.views import noindex_page
from frontcache.keys import site_ids_at
from press.models import StoryPage


def advisory_of(request, story_id):
    """The live, public story ``story_id`` of the site being viewed, and its event; else 404."""
    site = Site.find_for_request(request)
    story = StoryPage.objects.live().public().filter(pk=story_id).first() if site else None
    if story is None or site.pk not in site_ids_at(story.url_path):
        raise Http404
    event = story.advisory_events.first()
    if event is None:
        raise Http404
    event.story = story
    return story, event


@require_http_methods(["GET", "HEAD"])
def event_ics(request, story_id):
    """The event as a calendar file (shared by every visitor; filed under the site's addresses,
    which every publish of one of its stories purges)."""
    story, event = advisory_of(request, story_id)
    body = event_calendar(event, story.get_full_url(request), request.get_host().split(":")[0])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    filename = re.sub(r"[^a-z0-9-]", "", story.slug.lower())[:80] or "event"
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


def _page(request, template, status=200, **context):
    return noindex_page(request, f"advisories/{template}.html", status, **context)


@never_cache
@csrf_exempt  # see the module's docstring
@require_http_methods(["GET", "POST"])
def rsvp(request, story_id):
    story, event = advisory_of(request, story_id)
    context = {"story": story, "event": event}
    if not event.takes_rsvps():
        # After the event (or with RSVPs switched off) nothing is stored: a clear "closed".
        return _page(request, "rsvp_closed", 410, **context)
    if request.method == "GET":
        return _page(request, "rsvp", form=RSVPForm(), **context)
    if count_over_limit(
        "advisories-rsvp-limit", "address", client_ip(request), settings.ADVISORY_RSVP_LIMIT_PER_ADDRESS
    ):
        response = _page(request, "rsvp_too_many", 429, **context)
        response["Retry-After"] = "3600"
        return response
    form = RSVPForm(request.POST)
    if form.is_trapped:
        return _page(request, "rsvp_thanks", **context)  # a bot: answered as usual, nothing stored
    if not form.is_valid():
        return _page(request, "rsvp", 400, form=form, **context)
    _store(story, form.cleaned_data)
    return _page(request, "rsvp_thanks", email=form.cleaned_data["email"], **context)


def _store(story, data):
    """One row per story and address: asking again updates the name and outlet."""
    fields = {"name": data["name"], "outlet": data["outlet"], "language": (get_language() or "")[:10]}
    try:
        with transaction.atomic():
            RSVP.objects.update_or_create(
                story=story, email=data["email"], defaults={**fields, "updated_at": timezone.now()}
            )
    except IntegrityError:  # the same address at the same moment: the other request stored it
        pass
