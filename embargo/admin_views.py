"""The editor's side: create, copy and revoke a story's embargoed preview links."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.models import Page

from embargo.forms import EmbargoLinkForm
from embargo.models import EmbargoLink

LINK_CREATED = "embargo.link_created"
LINK_REVOKED = "embargo.link_revoked"
EMPTY_DRAFT = (
    "The story has no text yet, so a journalist would see an empty page. "
    "Write its body and save a draft, then create the link."
)


def _editable_page(request, page_id):
    """Links are for the people who may edit the story: anyone else gets a 403."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def _links_url(page):
    return reverse("embargo_admin:links", args=[page.pk])


class PageLinksView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "embargo/admin/links.html"
    page_title = "Embargoed preview links"
    header_icon = "link"

    def dispatch(self, request, page_id):
        self.page = _editable_page(request, page_id)
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": self.page.get_admin_display_title(),
            },
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, form=None, **kwargs):
        links = list(self.page.embargo_links.filter(sent_to="").select_related("created_by"))
        for link in links:
            link.page = self.page  # spares a query per link when building its address
        draft = self.page.get_latest_revision_as_object()
        return super().get_context_data(
            page=self.page,
            empty_draft=not getattr(draft, "has_body", True),
            links=links,
            personal_links=self.page.embargo_links.exclude(sent_to="").count(),
            draft=draft,
            form=form or EmbargoLinkForm(),
            **kwargs,
        )

    def post(self, request, page_id):
        if self.page.live:
            messages.error(request, "This story is already published: share its public address instead.")
            return redirect(_links_url(self.page))
        if not getattr(self.page.get_latest_revision_as_object(), "has_body", True):
            messages.error(request, EMPTY_DRAFT)
            return redirect(_links_url(self.page))
        form = EmbargoLinkForm(request.POST)
        if not form.is_valid():
            # The editor keeps what they typed, with the reason next to the field.
            messages.error(request, "The link could not be created. Please correct the error below.")
            return self.render_to_response(self.get_context_data(form=form))
        link = form.save(commit=False)
        link.page = self.page
        link.created_by = request.user
        link.save()
        log(instance=self.page, action=LINK_CREATED, user=request.user)
        messages.success(request, "New embargoed preview link created. Copy it below and send it to the journalist.")
        return redirect(_links_url(self.page))


class RevokeLinkView(View):
    def post(self, request, link_id):
        link = get_object_or_404(EmbargoLink, pk=link_id)
        page = _editable_page(request, link.page_id)
        if not link.is_revoked:
            link.revoke()
            log(instance=page, action=LINK_REVOKED, user=request.user)
            messages.success(request, "Link revoked: it now leads nowhere.")
        return redirect(_links_url(page))


urlpatterns = [
    path("pages/<int:page_id>/", PageLinksView.as_view(), name="links"),
    path("links/<int:link_id>/revoke/", RevokeLinkView.as_view(), name="revoke"),
]
