from django import forms

from medialists.csv_import import MAX_BYTES
from medialists.models import MediaContact, MediaList


class SiteChoiceMixin:
    """The site field offers the user's own sites only; with one, it is chosen for them."""

    def limit_sites(self, sites):
        field = self.fields["site"]
        field.queryset = field.queryset.filter(pk__in=[site.pk for site in sites])
        field.empty_label = None
        if len(sites) == 1:
            field.initial = sites[0].pk


class MediaContactForm(SiteChoiceMixin, forms.ModelForm):
    class Meta:
        model = MediaContact
        fields = ["site", "name", "outlet", "beat", "email", "phone", "language", "notes", "lists"]

    lists = forms.ModelMultipleChoiceField(
        queryset=MediaList.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_sites(sites)
        self.fields["lists"].queryset = MediaList.objects.filter(site__in=sites).select_related("site")
        if self.instance.pk:
            self.fields["lists"].initial = list(self.instance.lists.values_list("pk", flat=True))

    def clean(self):
        cleaned = super().clean()
        site, email = cleaned.get("site"), (cleaned.get("email") or "").strip().lower()
        if site and email:
            clash = MediaContact.objects.filter(site=site, email=email).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("email", "This site already has a contact with this address.")
        lists = cleaned.get("lists") or []
        if site and any(media_list.site_id != site.pk for media_list in lists):
            self.add_error("lists", "Choose lists of the contact's own site.")
        return cleaned

    def validate_constraints(self, exclude=None):
        pass  # the clash is reported on the email field above, in words

    def save(self, commit=True):
        contact = super().save(commit=False)
        contact.save()
        contact.lists.set(self.cleaned_data.get("lists") or [])
        return contact


class MediaListForm(SiteChoiceMixin, forms.ModelForm):
    class Meta:
        model = MediaList
        fields = ["site", "name", "description"]

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_sites(sites)

    def clean(self):
        cleaned = super().clean()
        site, name = cleaned.get("site"), cleaned.get("name")
        if site and name and MediaList.objects.filter(site=site, name=name).exclude(pk=self.instance.pk).exists():
            self.add_error("name", "This site already has a list with this name.")
        return cleaned

    def validate_constraints(self, exclude=None):
        pass


class ContactImportForm(forms.Form):
    site = forms.ModelChoiceField(queryset=None)
    media_list = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Add them to the list",
        help_text="Optional: every imported contact joins it.",
    )
    file = forms.FileField(
        label="CSV file",
        help_text="UTF-8 CSV; first row: name, email, and any of outlet, beat, phone, language, notes.",
    )

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        from wagtail.models import Site

        self.fields["site"].queryset = Site.objects.filter(pk__in=[site.pk for site in sites])
        self.fields["site"].empty_label = None
        self.fields["media_list"].queryset = MediaList.objects.filter(site__in=sites).select_related("site")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: split it into smaller files."
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        site, media_list = cleaned.get("site"), cleaned.get("media_list")
        if site and media_list and media_list.site_id != site.pk:
            self.add_error("media_list", "Choose a list of the same site.")
        return cleaned
