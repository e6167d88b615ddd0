"""The editors' side: the advisories of the user's own sites with their RSVP counts, each
story's RSVPs, and their export as CSV. Another site's team gets a 403 (or sees no row)."""

import csv
import re

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from advisories.models import RSVP, AdvisoryEvent
from alerts.admin_views import spreadsheet_safe
from press.models import StoryPage
from teams.access import can_reach, reachable_pages


def story_of(user, page_id):
    """The story ``page_id`` if the user's team looks after its site; else 403 (or 404)."""
    story = get_object_or_404(StoryPage, pk=page_id)
    if not can_reach(user, story):
        raise PermissionDenied
    return story


class AdvisoriesIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "advisories/admin/index.html"
    page_title = "Media advisories"
    header_icon = "date"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        events = (
            AdvisoryEvent.objects.filter(story__in=reachable_pages(self.request.user).values("pk"))
            .select_related("story")
            .annotate(rsvp_count=Count("story__rsvps"))
            .order_by("-starts_at")[:100]
        )
        return super().get_context_data(events=events, now=timezone.now(), **kwargs)


class StoryRSVPsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "advisories/admin/rsvps.html"
    page_title = "RSVPs"
    header_icon = "group"

    def dispatch(self, request, page_id):
        self.story = story_of(request.user, page_id)
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.story.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("advisories_admin:index"), "label": "Media advisories"},
            {"url": "", "label": f"RSVPs: {self.story.get_admin_display_title()}"},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            story=self.story,
            event=self.story.advisory_events.first(),
            rsvps=RSVP.objects.filter(story=self.story),
            **kwargs,
        )


def export_rsvps(request, page_id):
    """The story's RSVPs as CSV: name, outlet, email, language, when."""
    story = story_of(request.user, page_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    slug = re.sub(r"[^a-z0-9-]", "", story.slug.lower())[:80]  # a Spanish slug's ñ stays out of the header
    response["Content-Disposition"] = f'attachment; filename="rsvps-{slug}-{timezone.localdate():%Y-%m-%d}.csv"'
    writer = csv.writer(response)
    writer.writerow(["name", "outlet", "email", "language", "received_at"])
    for rsvp in RSVP.objects.filter(story=story):
        writer.writerow(
            [
                spreadsheet_safe(rsvp.name),
                spreadsheet_safe(rsvp.outlet),
                spreadsheet_safe(rsvp.email),
                rsvp.language,
                timezone.localtime(rsvp.updated_at).isoformat(timespec="minutes"),
            ]
        )
    return response


urlpatterns = [
    path("", AdvisoriesIndexView.as_view(), name="index"),
    path("stories/<int:page_id>/rsvps/", StoryRSVPsView.as_view(), name="rsvps"),
    path("stories/<int:page_id>/rsvps.csv", require_http_methods(["GET"])(export_rsvps), name="export"),
]
