"""The admin import's upload form: an export (and optionally a zip of uploads/), size-limited
and checked with the same safe parser as the command line before anything is kept."""

from django import forms
from django.conf import settings
from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler
from django.template.defaultfilters import filesizeformat

from wordpress.stored_files import MB, MediaZipError, check_media_zip
from wordpress.wxr import WXRError, read_posts


def upload_limits():
    """The largest file each field takes, in bytes (settings, in MB)."""
    return {
        "export": settings.WORDPRESS_IMPORT_EXPORT_MAX_MB * MB,
        "media": settings.WORDPRESS_IMPORT_MEDIA_MAX_MB * MB,
    }


class SizeLimitedUploadHandler(TemporaryFileUploadHandler):
    """Stops keeping a file the moment it passes its field's limit: the rest of it is read and
    dropped, never written to disk, and the form says it was too large."""

    def __init__(self, request=None, limits=None):
        super().__init__(request)
        self.limits = limits or {}
        self.too_large = set()
        self.received = 0

    def new_file(self, field_name, *args, **kwargs):
        self.received = 0
        if field_name not in self.limits:
            raise SkipFile  # no other file is wanted here
        super().new_file(field_name, *args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limits[self.field_name]:
            self.too_large.add(self.field_name)
            raise SkipFile
        return super().receive_data_chunk(raw_data, start)


class ImportUploadForm(forms.Form):
    export = forms.FileField(
        label="WordPress export",
        help_text="The .xml file from WordPress's Tools → Export (“All content” or “Posts”).",
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,application/xml,text/xml"}),
    )
    media = forms.FileField(
        label="Zip of uploads (optional)",
        required=False,
        help_text=(
            "A zip of the site's wp-content/uploads folder (its year/month folders), so the posts' "
            "images are imported into Wagtail. Without it, images stay links to the old site."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )

    def __init__(self, *args, too_large=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = set(too_large)
        self.limits = upload_limits()
        for name, field in self.fields.items():
            field.help_text += f" At most {filesizeformat(self.limits[name])}."
            if name in self.too_large:
                field.required = False  # dropped for its size: say that, not "required"
        self.posts = 0

    def _check_size(self, name, file):
        if name in self.too_large or (file and file.size > self.limits[name]):
            raise forms.ValidationError(
                f"This file is larger than the limit of {filesizeformat(self.limits[name])}: nothing was kept."
            )

    def clean_export(self):
        export = self.cleaned_data.get("export")
        self._check_size("export", export)
        try:
            # The whole file, as the import will read it: one post in memory at a time.
            self.posts = sum(1 for _post in read_posts(export))
        except WXRError as error:
            raise forms.ValidationError(f"This file cannot be imported: {error}.") from None
        except (ValueError, LookupError, UnicodeError):
            raise forms.ValidationError("This file cannot be imported: it is not readable XML.") from None
        export.seek(0)
        return export

    def clean_media(self):
        media = self.cleaned_data.get("media")
        self._check_size("media", media)
        if not media:
            return None
        try:
            check_media_zip(media)
        except MediaZipError as error:
            raise forms.ValidationError(f"This zip cannot be used: {error}.") from None
        media.seek(0)
        return media
