"""Wagtail's reports, as a team member reads them: about their own sites' pages."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Q, Subquery
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page

from teams.access import reachable_pages


class TeamPageTypesUsageReportView(PageTypesUsageReportView):
    """Wagtail's report names, for each page type, the last edited page on any site (a draft
    or embargoed headline included) and counts every site's pages. For anyone but a superuser
    both columns are about the pages of the user's own sites: what "our pages" means to an
    editor, and the count then matches the page type's usage listing it links to."""

    def get_queryset(self):
        if self.request.user.is_superuser:
            return super().get_queryset()
        queryset = ContentType.objects.filter(model__in=self.page_models)
        if not Page.objects.filter(depth__gt=1, content_type=ContentType.objects.get_for_model(Page)).exists():
            queryset = queryset.exclude(id=ContentType.objects.get_for_model(Page).id)
        self.queryset = queryset
        queryset = self.filter_queryset(queryset)

        own = reachable_pages(self.request.user).values("pk")
        last_edited, counted = Q(pk__in=own), Q(pages__pk__in=own)
        if language_code := self.filters.form.cleaned_data.get("page_locale"):
            last_edited &= Q(locale__language_code=language_code)
            counted &= Q(pages__locale__language_code=language_code)
        if site_root_path := self.filters.form.cleaned_data.get("site"):
            last_edited &= Q(path__startswith=site_root_path)
            counted &= Q(pages__path__startswith=site_root_path)
        last_edited_page = (
            Page.objects.filter(last_edited, content_type=OuterRef("pk"))
            .order_by(F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk")
            .values("pk")[:1]
        )
        return queryset.annotate(
            count=Count("pages", filter=counted), last_edited_page_id=Subquery(last_edited_page)
        ).order_by("-count", "app_label", "model")
