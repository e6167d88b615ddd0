"""Importing a WordPress export from the Wagtail admin, for whoever may publish in a site's
press room (its moderators, press officers of every site, superusers): upload, read the dry
run's report, import; the import runs in the background and its report is kept."""

from django.conf import settings
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site
from wagtail.permission_policies.pages import PagePermissionPolicy

from press.models import PressIndexPage
from wordpress import background, stored_files
from wordpress.forms import ImportUploadForm, SizeLimitedUploadHandler, describe_options, upload_limits
from wordpress.run_models import ImportRun, ImportRunChunk

Status = ImportRun.Status


def publishing_sites(user):
    """The sites whose pages ``user`` may publish: theirs to import into, and to see the runs of."""
    sites = Site.objects.select_related("root_page").order_by("-is_default_site", "hostname", "port")
    return [site for site in sites if site.root_page.permissions_for_user(user).can_publish_subpage()]


def import_sites(user):
    """The sites ``user`` may import into now: those of ``publishing_sites`` with a press room."""
    return [site for site in publishing_sites(user) if PressIndexPage.objects.child_of(site.root_page).exists()]


def may_import_somewhere(user):
    """Cheap test for the menu: a superuser, or anyone who may publish some page."""
    if user.is_superuser:
        return True
    permissions = PagePermissionPolicy().get_cached_permissions_for_user(user)
    return any(permission.permission.codename == "publish_page" for permission in permissions)


def site_label(site):
    return site.site_name or site.hostname


class ImportAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "download"
    page_title = "WordPress import"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wordpress_import:index"), "label": "WordPress import"},
            {"url": "", "label": self.get_page_subtitle() or self.page_title},
        ]


class ImportIndexView(ImportAdminMixin, TemplateView):
    template_name = "wordpress/admin/index.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        sites = import_sites(self.request.user)
        runs = ImportRun.objects.filter(site__in=publishing_sites(self.request.user))
        runs = runs.select_related("site", "uploaded_by")[:50]
        return super().get_context_data(sites=[(site, site_label(site)) for site in sites], runs=runs, **kwargs)


@method_decorator(csrf_exempt, name="dispatch")  # checked below, once the upload handler is in place
class UploadView(ImportAdminMixin, FormView):
    template_name = "wordpress/admin/upload.html"
    form_class = ImportUploadForm

    def dispatch(self, request, site_id):
        self.site = self._site(site_id)
        self.handler = SizeLimitedUploadHandler(request, upload_limits())
        if request.method == "POST":
            # Before the body is read (CSRF's check reads it): files over their limit are dropped.
            request.upload_handlers = [self.handler]
        return csrf_protect(super().dispatch)(request, site_id)

    def _site(self, site_id):
        for site in import_sites(self.request.user):
            if site.pk == site_id:
                return site
        raise Http404("No site to import into here")

    def get_page_subtitle(self):
        return f"Import into {site_label(self.site)}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "too_large": self.handler.too_large}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            site=self.site,
            inline_max_mb=settings.WORDPRESS_IMPORT_INLINE_MAX_MB,
            keep_days=settings.WORDPRESS_IMPORT_KEEP_DAYS,
            **kwargs,
        )

    def form_valid(self, form):
        export, media = form.cleaned_data["export"], form.cleaned_data.get("media")
        with transaction.atomic():
            run = ImportRun.objects.create(
                site=self.site,
                uploaded_by=self.request.user,
                export_name=export.name[:255],
                export_size=export.size,
                media_name=media.name[:255] if media else "",
                media_size=media.size if media else 0,
                options=form.importer_options(),
            )
            stored_files.store(run, ImportRunChunk.Kind.EXPORT, export)
            if media:
                stored_files.store(run, ImportRunChunk.Kind.MEDIA, media)
        small = run.export_size + run.media_size <= settings.WORDPRESS_IMPORT_INLINE_MAX_MB * stored_files.MB
        if small and not run.options.get("fetch_media"):
            # Small enough to check now (downloads would keep the request waiting): the report
            # is on the next page.
            run.status = Status.CHECKING
            run.save(update_fields=["status"])
            background.perform(run, in_background=False)
        return redirect("wordpress_import:run", run.pk)


def _run_for(user, run_id):
    """The run, if it is for a site the user may import into; else 404."""
    return get_object_or_404(
        ImportRun.objects.select_related("site", "uploaded_by", "imported_by"),
        pk=run_id,
        site__in=[site.pk for site in publishing_sites(user)],
    )


class RunView(ImportAdminMixin, TemplateView):
    template_name = "wordpress/admin/run.html"

    def dispatch(self, request, run_id):
        self.run = _run_for(request.user, run_id)
        return super().dispatch(request, run_id)

    def get_page_subtitle(self):
        return self.run.export_name

    def get_context_data(self, **kwargs):
        run = self.run
        report = run.report or run.dry_run_report
        return super().get_context_data(
            run=run,
            site_name=site_label(run.site),
            report=report,
            report_is_dry_run=run.report is None,
            options=describe_options(run.options),
            **kwargs,
        )


@require_POST
def start_import(request, run_id):
    run = _run_for(request.user, run_id)
    # Only a checked run, once: a second click (or a second person) changes nothing.
    started = ImportRun.objects.filter(pk=run.pk, status=Status.CHECKED).update(
        status=Status.IMPORT_QUEUED, imported_by=request.user, posts_read=0, bytes_read=0
    )
    if started:
        where = site_label(run.site)
        messages.success(request, f"“{run.export_name}” will be imported into {where} in the background.")
    else:
        messages.warning(request, "This export is not waiting to be imported: nothing was changed.")
    return redirect("wordpress_import:run", run.pk)


@require_POST
def discard(request, run_id):
    """Drop a checked run's files now instead of in WORDPRESS_IMPORT_KEEP_DAYS (the report stays)."""
    run = _run_for(request.user, run_id)
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if run.status == Status.CHECKED:
            background.fail(
                run, "Discarded after the dry run: nothing was imported, and the uploaded files were deleted."
            )
            messages.success(request, f"“{run.export_name}” discarded: its uploaded files were deleted.")
        else:
            messages.warning(request, "This export is not waiting to be imported: nothing was changed.")
    return redirect("wordpress_import:run", run.pk)


def progress(request, run_id):
    """How far the run is, for the page's progress bar (wordpress/static/wordpress/import-progress.js)."""
    run = _run_for(request.user, run_id)
    return JsonResponse(
        {
            "status": run.status,
            "label": run.get_status_display(),
            "waiting": run.is_waiting,
            "posts_read": run.posts_read,
            "percent": run.percent_read,
        }
    )
