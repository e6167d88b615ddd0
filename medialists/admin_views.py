"""The team's side: media contacts and lists of their own sites, CSV import (preview, then
confirm) and export. Another site's contacts, lists and imports are a 404 at every address."""

import csv
from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from medialists import csv_import
from medialists.access import site_ids_of, sites_of
from medialists.forms import ContactImportForm, MediaContactForm, MediaListForm
from medialists.models import ContactImport, MediaContact, MediaList

PER_PAGE = 50
KEEP_UNCONFIRMED = timedelta(days=1)


class TeamView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        self.sites = sites_of(request.user)
        if not self.sites:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("medialists_admin:lists"), "label": "Media lists"},
            {"url": "", "label": self.page_title},
        ]

    def own(self, model, pk):
        return get_object_or_404(model.objects.filter(site_id__in=site_ids_of(self.request.user)), pk=pk)


class ListsView(TeamView):
    template_name = "medialists/admin/lists.html"
    page_title = "Media lists"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        lists = (
            MediaList.objects.filter(site__in=self.sites)
            .select_related("site")
            .annotate(
                members=Count("contacts"),
                emailed=Count("contacts", filter=Q(contacts__suppressed_reason="")),
                not_emailed=Count("contacts", filter=~Q(contacts__suppressed_reason="")),
            )
        )
        counts = MediaContact.objects.filter(site__in=self.sites).aggregate(
            total=Count("pk"), suppressed=Count("pk", filter=~Q(suppressed_reason=""))
        )
        return super().get_context_data(lists=lists, counts=counts, many_sites=len(self.sites) > 1, **kwargs)


class ContactsView(TeamView):
    template_name = "medialists/admin/contacts.html"
    page_title = "Media contacts"

    def contacts(self):
        contacts = MediaContact.objects.filter(site__in=self.sites).select_related("site")
        # Printable characters only: a NUL would make PostgreSQL fail the search (a 500).
        query = "".join(char for char in self.request.GET.get("q", "") if char.isprintable()).strip()[:200]
        if query:
            contacts = contacts.filter(
                Q(name__icontains=query)
                | Q(email__icontains=query)
                | Q(outlet__icontains=query)
                | Q(beat__icontains=query)
            )
        list_id = self.request.GET.get("list", "")
        self.media_list = None
        if list_id.isascii() and list_id.isdigit() and len(list_id) < 12:
            self.media_list = MediaList.objects.filter(site__in=self.sites, pk=int(list_id)).first()
            if self.media_list:
                contacts = contacts.filter(lists=self.media_list)
        if self.request.GET.get("suppressed") == "1":
            contacts = contacts.exclude(suppressed_reason="")
        return contacts, query

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return self.export()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        contacts, query = self.contacts()
        page = Paginator(contacts.prefetch_related("lists"), PER_PAGE).get_page(self.request.GET.get("p"))
        return super().get_context_data(
            page_obj=page,
            query=query,
            media_list=self.media_list,
            many_sites=len(self.sites) > 1,
            elided=page.paginator.get_elided_page_range(page.number),
            **kwargs,
        )

    def export(self):
        contacts, _query = self.contacts()
        writer = csv.writer(Echo())
        rows = csv_import.export_rows(contacts.prefetch_related("lists").iterator(chunk_size=2000))
        response = StreamingHttpResponse((writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8")
        name = f"media-contacts-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class Echo:
    def write(self, value):
        return value


class ObjectFormView(TeamView):
    """Add or edit a contact or a list of one's own sites; ``delete`` in the POST removes it."""

    template_name = "medialists/admin/form.html"
    model = form_class = None
    noun = ""

    def dispatch(self, request, pk=None):
        self.pk = pk
        return super().dispatch(request, pk=pk)

    def get_instance(self):
        return self.own(self.model, self.pk) if self.pk else None

    def get_page_title(self):
        return f"Edit {self.noun}" if self.pk else f"Add a {self.noun}"

    def get_context_data(self, form=None, **kwargs):
        instance = kwargs.pop("instance", None) or self.get_instance()
        form = form or self.form_class(instance=instance, sites=self.sites)
        return super().get_context_data(form=form, instance=instance, noun=self.noun, **kwargs)

    def post(self, request, pk=None):
        instance = self.get_instance()
        if instance is not None and "delete" in request.POST:
            instance.delete()
            messages.success(request, f"The {self.noun} “{instance}” was deleted.")
            return redirect(self.done_url())
        form = self.form_class(request.POST, instance=instance, sites=self.sites)
        if not form.is_valid():
            messages.error(request, f"The {self.noun} could not be saved. Please correct the errors below.")
            return self.render_to_response(self.get_context_data(form=form, instance=instance))
        saved = form.save()
        messages.success(request, f"The {self.noun} “{saved}” was saved.")
        return redirect(self.done_url())


class ContactFormView(ObjectFormView):
    model, form_class, noun = MediaContact, MediaContactForm, "media contact"

    def done_url(self):
        return reverse("medialists_admin:contacts")


class ListFormView(ObjectFormView):
    model, form_class, noun = MediaList, MediaListForm, "media list"

    def done_url(self):
        return reverse("medialists_admin:lists")


class ImportView(TeamView):
    """Step 1: upload. Step 2 (``import_id``): the preview, and the confirm button that writes."""

    template_name = "medialists/admin/import.html"
    page_title = "Import media contacts"

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(form=form or ContactImportForm(sites=self.sites), **kwargs)

    def post(self, request):
        form = ContactImportForm(request.POST, request.FILES, sites=self.sites)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data["file"].read()
        try:
            csv_import.preview_file(data, form.cleaned_data["site"])
        except csv_import.BadFile as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        # A file checked but never imported keeps people's addresses: gone after a day.
        stale = timezone.now() - KEEP_UNCONFIRMED
        ContactImport.objects.filter(imported_at__isnull=True, created_at__lt=stale).delete()
        pending = ContactImport.objects.create(
            site=form.cleaned_data["site"],
            media_list=form.cleaned_data["media_list"],
            file_name="".join(char for char in form.cleaned_data["file"].name if char.isprintable())[:255],
            data=data,
            created_by=request.user,
        )
        return redirect(reverse("medialists_admin:import_preview", args=[pending.pk]))


class ImportPreviewView(TeamView):
    template_name = "medialists/admin/import_preview.html"
    page_title = "Import media contacts: check, then confirm"
    SHOWN = 200  # rows of each kind listed on the page (the counts are of all)

    def dispatch(self, request, pk):
        self.pending = get_object_or_404(
            ContactImport.objects.select_related("site", "media_list"),
            pk=pk,
            site__in=sites_of(request.user),
            imported_at__isnull=True,
        )
        return super().dispatch(request, pk)

    def preview(self):
        return csv_import.preview_file(bytes(self.pending.data), self.pending.site)

    def get_context_data(self, **kwargs):
        preview = self.preview()
        return super().get_context_data(
            pending=self.pending,
            preview=preview,
            shown=self.SHOWN,
            to_write=len(preview.added) + len(preview.updated),
            **kwargs,
        )

    def post(self, request, pk):
        preview = self.preview()
        if not preview.writable:
            messages.error(request, "Nothing to import: every row was refused.")
            return redirect(reverse("medialists_admin:import"))
        added, updated = csv_import.write(preview, self.pending.site, self.pending.media_list)
        ContactImport.objects.filter(pk=self.pending.pk).update(
            imported_at=timezone.now(), added=added, updated=updated, data=b""
        )
        messages.success(
            request, f"Imported: {added} contacts added, {updated} updated, {len(preview.refused)} rows refused."
        )
        return redirect(reverse("medialists_admin:contacts"))


urlpatterns = [
    path("", ListsView.as_view(), name="lists"),
    path("lists/new/", ListFormView.as_view(), name="list_add"),
    path("lists/<int:pk>/", ListFormView.as_view(), name="list_edit"),
    path("contacts/", ContactsView.as_view(), name="contacts"),
    path("contacts/new/", ContactFormView.as_view(), name="contact_add"),
    path("contacts/<int:pk>/", ContactFormView.as_view(), name="contact_edit"),
    path("import/", ImportView.as_view(), name="import"),
    path("import/<int:pk>/", ImportPreviewView.as_view(), name="import_preview"),
]
