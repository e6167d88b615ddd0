"""The moderator's side, from a story's ⋮ menu: send it to media lists (now, at go-live, or
under embargo), see each send's recipients, sent, failed, bounced and unsubscribed, cancel a
send that has not gone. For those who may publish the story; another site's team gets a 404."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from press.models import StoryPage
from releases_out.forms import SendForm
from releases_out.models import Delivery, Send
from releases_out.queueing import cancel_send, record_send

SEND_RECORDED = "releases_out.send_recorded"
SEND_CANCELLED = "releases_out.send_cancelled"
PER_PAGE = 100
NUMBER_LABELS = [
    ("recipients", "Recipients"),
    ("sent", "Sent"),
    ("waiting", "Waiting"),
    ("failed", "Failed"),
    ("bounced", "Bounced"),
    ("unsubscribed", "Unsubscribed"),
    ("complained", "Marked as spam"),
    ("skipped", "Not emailed"),
    ("cancelled", "Cancelled"),
]


def _story_for_moderator(request, page_id):
    story = get_object_or_404(StoryPage, pk=page_id)
    if not story.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return story


class StoryView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "mail"

    def get_page_subtitle(self):
        return self.story.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.story.pk]),
                "label": self.story.get_admin_display_title(),
            },
            {"url": "", "label": self.page_title},
        ]


class StorySendsView(StoryView):
    template_name = "releases_out/admin/story_sends.html"
    page_title = "Send to media lists"

    def dispatch(self, request, page_id):
        self.story = _story_for_moderator(request, page_id)
        self.site = self.story.get_site()
        if self.site is None:
            raise Http404
        self.draft = self.story.get_latest_revision_as_object()
        return super().dispatch(request, page_id)

    def form(self, data=None):
        return SendForm(data, story=self.story, draft=self.draft, site=self.site)

    def get_context_data(self, form=None, **kwargs):
        sends = list(
            self.story.release_sends.select_related("created_by")
            .prefetch_related("lists")
            .annotate(clicks=Sum("links__clicks"))[:20]
        )
        for send in sends:
            send.numbers = send.counts()
        return super().get_context_data(
            story=self.story,
            draft=self.draft,
            form=form or self.form(),
            sends=sends,
            embargo_ends=self.form().embargo_ends(),
            **kwargs,
        )

    def post(self, request, page_id):
        form = self.form(request.POST)
        if not form.is_valid():
            messages.error(request, "Nothing was sent. Please correct the errors below.")
            return self.render_to_response(self.get_context_data(form=form))
        when = form.cleaned_data["when"]
        send = record_send(
            self.story,
            self.site,
            list(form.cleaned_data["lists"]),
            when,
            request.user,
            embargoed_until=form.embargo_ends() if when == Send.When.EMBARGO else None,
            count_clicks=form.cleaned_data["count_clicks"],
        )
        log(instance=self.story, action=SEND_RECORDED, user=request.user)
        numbers = send.counts()
        timing = "when the story goes live" if when == Send.When.GO_LIVE and not self.story.live else "within a minute"
        messages.success(
            request,
            f"Release recorded for {numbers['recipients']} recipients "
            f"({numbers['skipped']} not emailed): it goes out {timing}.",
        )
        return redirect(reverse("releases_out_admin:send", args=[send.pk]))


class SendView(StoryView):
    template_name = "releases_out/admin/send.html"
    page_title = "Release send"

    def dispatch(self, request, send_id):
        self.send = get_object_or_404(Send.objects.select_related("story", "created_by", "cancelled_by"), pk=send_id)
        self.story = _story_for_moderator(request, self.send.story_id)
        return super().dispatch(request, send_id)

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        items.insert(
            -1, {"url": reverse("releases_out_admin:story", args=[self.story.pk]), "label": "Send to media lists"}
        )
        return items

    def get_context_data(self, **kwargs):
        deliveries = self.send.deliveries.order_by("email", "pk")
        state = self.request.GET.get("state", "")
        if state in Delivery.State.values:
            deliveries = deliveries.filter(state=state)
        page = Paginator(deliveries, PER_PAGE).get_page(self.request.GET.get("p"))
        numbers = self.send.counts()
        links = list(self.send.links.all()) if self.send.count_clicks else []
        return super().get_context_data(
            links=links,
            total_clicks=sum(link.clicks for link in links),
            send=self.send,
            story=self.story,
            numbers=numbers,
            number_cells=[(label, numbers[key]) for key, label in NUMBER_LABELS],
            lists=list(self.send.lists.all()),
            page_obj=page,
            elided=page.paginator.get_elided_page_range(page.number),
            states=Delivery.State.choices,
            state=state,
            **kwargs,
        )


class CancelView(View):
    def post(self, request, send_id):
        send = get_object_or_404(Send, pk=send_id)
        story = _story_for_moderator(request, send.story_id)
        if send.state == Send.State.CANCELLED:
            messages.warning(request, "This send was already cancelled.")
        else:
            cancelled = cancel_send(send, request.user)
            log(instance=story, action=SEND_CANCELLED, user=request.user)
            messages.success(request, f"Send cancelled: {cancelled} messages that had not gone will not be sent.")
        return redirect(reverse("releases_out_admin:send", args=[send.pk]))


urlpatterns = [
    path("stories/<int:page_id>/", StorySendsView.as_view(), name="story"),
    path("sends/<int:send_id>/", SendView.as_view(), name="send"),
    path("sends/<int:send_id>/cancel/", CancelView.as_view(), name="cancel"),
]
