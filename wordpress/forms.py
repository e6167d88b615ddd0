"""The admin import's upload form: an export (and optionally a zip of uploads/), size-limited
and checked with the same safe parser as the command line before anything is kept."""

from django import forms
from django.conf import settings
from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler
from django.template.defaultfilters import filesizeformat

from wordpress.importer import RESTRICT_PROTECTED, SKIP_PROTECTED
from wordpress.stored_files import MB, MediaZipError, check_media_zip
from wordpress.termmap import MAX_BYTES as MAX_MAP_BYTES
from wordpress.termmap import TermMap, TermMapError
from wordpress.wxr import WXRError, read_posts

PROTECTED_CHOICES = [
    (SKIP_PROTECTED, "Leave them out (they are counted in the report)"),
    (
        RESTRICT_PROTECTED,
        "Import them behind the same password, kept out of listings, search, feeds, sitemaps and alerts",
    ),
]


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
    fetch_media = forms.BooleanField(
        label="Download media from the old site",
        required=False,
        help_text=(
            "Images and files the zip does not have are downloaded from their addresses in the export: "
            "public addresses only, each size, type and time limited. The dry run then runs in the background."
        ),
    )
    password_protected = forms.ChoiceField(
        label="Password-protected posts",
        required=False,  # left out unless chosen otherwise
        choices=PROTECTED_CHOICES,
        initial=SKIP_PROTECTED,
        widget=forms.RadioSelect,
    )
    term_map = forms.CharField(
        label="Category and tag map (optional)",
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 6, "placeholder": "press-releases, category:press-release\nUncategorized, skip"}
        ),
        help_text=(
            "Where WordPress's categories and tags go, one per line: the WordPress term (slug or name), then "
            "category:…, topic:… (one that exists here) or skip. Without a map, each becomes a category or "
            "topic of its own name."
        ),
    )

    def __init__(self, *args, too_large=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = set(too_large)
        self.limits = upload_limits()
        for name in self.limits:
            field = self.fields[name]
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

    def clean_password_protected(self):
        return self.cleaned_data.get("password_protected") or SKIP_PROTECTED

    def clean_term_map(self):
        """Checked now, against this site's categories and topics: every bad line is named,
        and the text stays in the box to be corrected."""
        text = self.cleaned_data.get("term_map", "")
        if len(text.encode()) > MAX_MAP_BYTES:
            raise forms.ValidationError(f"The map is over {filesizeformat(MAX_MAP_BYTES)}: is it the right file?")
        try:
            TermMap.from_text(text)
        except TermMapError as error:
            raise forms.ValidationError(str(error).splitlines()) from None
        return text.strip()

    def importer_options(self):
        """The importer's options, as kept on the run (ImportRun.options)."""
        data = self.cleaned_data
        options = {"password_protected": data["password_protected"], "fetch_media": data["fetch_media"]}
        if data.get("term_map"):
            options["term_map"] = data["term_map"]
        return options


def describe_options(options):
    """What was chosen, in the report's words."""
    protected = dict(PROTECTED_CHOICES).get(options.get("password_protected", SKIP_PROTECTED))
    lines = [f"Password-protected posts: {protected[0].lower()}{protected[1:]}."]
    term_map = options.get("term_map", "")
    if term_map:
        n = sum(1 for line in term_map.splitlines() if line.strip() and not line.strip().startswith("#"))
        lines.append(f"Categories and tags: through the map ({n} line{'s' if n != 1 else ''}).")
    else:
        lines.append("Categories and tags: no map (each becomes a category or topic of its own name).")
    if options.get("fetch_media"):
        lines.append("Media: downloaded from the old site where the zip does not have them.")
    return lines
