"""The editors' side: subscriber counts per press room and their export (own sites only),
and moderators' holds on a story's alerts."""

import csv

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from alerts.models import Alert, AlertHold, AnnouncedStory, Subscription
from press.models import PressIndexPage, StoryPage
from teams.access import can_reach, reachable_pages

ALERTS_HELD = "alerts.held"
ALERTS_RELEASED = "alerts.released"


def rooms_of(user):
    """The press rooms of the user's own sites (every room for a superuser)."""
    return PressIndexPage.objects.filter(pk__in=reachable_pages(user).values("pk"))


class AlertsIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "alerts/admin/index.html"
    page_title = "Email alerts"
    header_icon = "mail"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        rooms = (
            rooms_of(self.request.user)
            .annotate(
                confirmed=Count(
                    "subscriptions",
                    filter=Q(subscriptions__confirmed_at__isnull=False, subscriptions__unsubscribed_at__isnull=True),
                ),
                pending=Count(
                    "subscriptions",
                    filter=Q(subscriptions__confirmed_at__isnull=True, subscriptions__unsubscribed_at__isnull=True),
                ),
                unsubscribed=Count("subscriptions", filter=Q(subscriptions__unsubscribed_at__isnull=False)),
            )
            .order_by("path")
        )
        rooms = list(rooms)
        room_paths = [room.path for room in rooms]
        stories = StoryPage.objects.none()
        if room_paths:
            in_rooms = Q()
            for room_path in room_paths:
                in_rooms |= Q(path__startswith=room_path)
            stories = StoryPage.objects.filter(in_rooms)
        announced = (
            AnnouncedStory.objects.filter(story__in=stories).select_related("story").order_by("-announced_at")[:30]
        )
        rows = []
        held_ids = set(AlertHold.objects.filter(story__in=stories).values_list("story_id", flat=True))
        counts = {}
        for row in (
            Alert.objects.filter(story_id__in=[a.story_id for a in announced])
            .values("story_id", "state")
            .annotate(n=Count("pk"))
        ):
            counts.setdefault(row["story_id"], {})[row["state"]] = row["n"]
        for item in announced:
            rows.append({"story": item.story, "announced_at": item.announced_at, "held": item.story_id in held_ids})
            rows[-1].update(summarise(counts.get(item.story_id, {})))
        return super().get_context_data(rooms=rooms, stories=rows, **kwargs)


def summarise(counts):
    """{state: n} as an editor reads it: sent, still waiting, not sent (failed or unsubscribed first)."""
    return {
        "sent": counts.get(Alert.State.SENT, 0),
        "waiting": sum(counts.get(state, 0) for state in (Alert.State.DUE, Alert.State.CLAIMED, Alert.State.SENDING)),
        "not_sent": counts.get(Alert.State.FAILED, 0) + counts.get(Alert.State.SKIPPED, 0),
    }


def export_subscribers(request, page_id):
    """The room's confirmed subscribers as CSV: address, language, filters, since when."""
    room = get_object_or_404(PressIndexPage, pk=page_id)
    if not can_reach(request.user, room):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = (
        f"subscribers-{room.get_site().hostname if room.get_site() else room.pk}-{timezone.localdate():%Y-%m-%d}.csv"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(["email", "language", "categories", "topics", "confirmed_at"])
    subscriptions = (
        Subscription.objects.confirmed()
        .filter(press_room=room)
        .prefetch_related("categories", "topics")
        .order_by("email")
    )
    for subscription in subscriptions:
        writer.writerow(
            [
                spreadsheet_safe(subscription.email),
                subscription.language,
                spreadsheet_safe(", ".join(category.name for category in subscription.categories.all())),
                spreadsheet_safe(", ".join(topic.name for topic in subscription.topics.all())),
                timezone.localtime(subscription.confirmed_at).isoformat(timespec="minutes"),
            ]
        )
    return response


def spreadsheet_safe(value):
    """An address like '=cmd@example.org' is valid; in a spreadsheet it must stay text."""
    if value and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value
    return value


class StoryHoldView(WagtailAdminTemplateMixin, TemplateView):
    """Hold (or release) a story's email alerts. For those who may publish it: moderators."""

    template_name = "alerts/admin/hold.html"
    page_title = "Email alerts for this story"
    header_icon = "mail"

    def dispatch(self, request, page_id):
        self.story = get_object_or_404(StoryPage, pk=page_id)
        if not self.story.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.story.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("alerts_admin:index"), "label": "Email alerts"},
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.story.pk]),
                "label": self.story.get_admin_display_title(),
            },
            {"url": "", "label": f"Email alerts: {self.story.get_admin_display_title()}"},
        ]

    def get_context_data(self, **kwargs):
        counts = dict(
            Alert.objects.filter(story=self.story)
            .values_list("state")
            .annotate(n=Count("pk"))
            .values_list("state", "n")
        )
        return super().get_context_data(
            summary=summarise(counts),
            send_delay_minutes=settings.ALERTS_SEND_DELAY // 60,
            story=self.story,
            hold=AlertHold.objects.filter(story=self.story).select_related("held_by").first(),
            announced=AnnouncedStory.objects.filter(story=self.story).exists(),
            counts=counts,
            **kwargs,
        )

    def post(self, request, page_id):
        if request.POST.get("action") == "release":
            if AlertHold.objects.filter(story=self.story).delete()[0]:
                log(instance=self.story, action=ALERTS_RELEASED, user=request.user)
                messages.success(
                    request, f"Email alerts for “{self.story.title}” released: they go out within a minute."
                )
        else:
            _hold, created = AlertHold.objects.get_or_create(story=self.story, defaults={"held_by": request.user})
            if created:
                log(instance=self.story, action=ALERTS_HELD, user=request.user)
            messages.success(request, f"Email alerts for “{self.story.title}” held: none will be sent until released.")
        return redirect(reverse("alerts_admin:hold", args=[self.story.pk]))


urlpatterns = [
    path("", AlertsIndexView.as_view(), name="index"),
    path("rooms/<int:page_id>/subscribers.csv", require_http_methods(["GET"])(export_subscribers), name="export"),
    path("stories/<int:page_id>/hold/", StoryHoldView.as_view(), name="hold"),
]
