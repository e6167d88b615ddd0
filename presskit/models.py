"""Press kits: one page per site with what a journalist needs to write about the organisation
without calling: its boilerplate, logos, leadership headshots and fact sheets, each a
download, and all of them in one archive."""

import mimetypes
import posixpath
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, When
from django.http import Http404
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page, Site

from core.blocks import SHORT_PROSE
from core.forms import PageForm
from core.models import MetadataPageMixin
from frontcache.keys import page_key, site_keys_at
from press.models import PressIndexPage, reserved_slugs
from presskit import archive


@dataclass
class KitFile:
    """One download of a press kit: where it sits in the archive, and the stored file."""

    name: str  # path inside the archive and in the download address, e.g. "logos/wordmark.svg"
    file: object  # a FieldFile: read through its storage, local or S3
    label: str
    size: int | None

    @property
    def key(self):
        """The file's address within the kit: its name with the dot as a dash, because page
        addresses are words and slashes ("logos/wordmark-svg")."""
        return self.name.replace(".", "-")

    @property
    def kind(self):
        return posixpath.splitext(self.name)[1].lstrip(".").upper()

    @property
    def content_type(self):
        return mimetypes.guess_type(self.name)[0] or "application/octet-stream"


@dataclass
class Kit:
    logos: list
    headshots: list
    fact_sheets: list
    files: list


def _size(media):
    """An image's or document's size in bytes (Wagtail stores it on first use), or None if
    its file cannot be found."""
    try:
        return media.get_file_size()
    except Exception:
        return None


def _extension(field_file, default):
    return (posixpath.splitext(field_file.name)[1].lower() or f".{default}").lstrip(".")


def site_root_paths(site):
    """{language code: url_path of ``site``'s root page in that language} (Wagtail's cached
    site root paths: no query as a rule); empty for no site."""
    if site is None:
        return {}
    roots = {}
    for root in Site.get_site_root_paths():
        if root.site_id == site.pk:
            roots.setdefault(root.language_code, root.root_path)
    return roots


def kit_address(site, url_path):
    """The address of the page at ``url_path`` on ``site``: under its language's prefix
    (/es/press-kit/) unless it is in the default language (/press-kit/)."""
    for language, root_path in site_root_paths(site).items():
        if url_path.startswith(root_path):
            prefix = "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
            return prefix + url_path[len(root_path) :]
    return ""


class PressKitPage(RoutablePageMixin, MetadataPageMixin, Page):
    """A site's press kit, at the top of the site beside its press room (one per site)."""

    @classmethod
    def top_of(cls, site):
        """The live press kit at the top of ``site`` in the active language, else in the
        default language (a kit not translated yet is still the site's kit), as a queryset: the
        header asks for its address, or nests it in a query."""
        roots = site_root_paths(site)
        kits = cls.objects.live().filter(depth=3)
        if settings.LANGUAGE_CODE not in roots:
            return kits.none()
        default = roots[settings.LANGUAGE_CODE]
        here = roots.get(translation.get_language(), default)
        return kits.filter(Q(url_path__startswith=here) | Q(url_path__startswith=default)).order_by(
            Case(When(url_path__startswith=here, then=0), default=1), "path"
        )

    about = RichTextField(
        features=SHORT_PROSE,
        blank=True,
        help_text="The organization's boilerplate, as journalists may print it: who it is, what it does.",
    )
    about_heading = models.CharField(
        max_length=255,
        blank=True,
        help_text="Heading over the boilerplate. Empty: “About” and the site's name.",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("about_heading"), FieldPanel("about")], heading="About"),
        MultiFieldPanel([InlinePanel("logos", label="Logo")], heading="Logos"),
        MultiFieldPanel([InlinePanel("headshots", label="Headshot")], heading="Leadership headshots"),
        MultiFieldPanel([InlinePanel("fact_sheets", label="Fact sheet")], heading="Fact sheets"),
    ]

    base_form_class = PageForm
    parent_page_types = ["home.HomePage", "coalition.CoalitionHomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/press_kit_page.html"

    class Meta:
        verbose_name = "press kit"

    def clean(self):
        super().clean()
        if self.slug in reserved_slugs():
            raise ValidationError(
                {"slug": f"“{self.slug}” is taken by the site itself (for example /{self.slug}/). Choose another."}
            )

    def get_default_description(self):
        from django.utils.html import strip_tags

        return strip_tags(self.about or "")

    # --- the files ------------------------------------------------------------------------

    @cached_property
    def kit(self):
        """The kit's logos, headshots and fact sheets, each with its downloads (``KitFile``)
        attached, and every download in page order, each with a name unique in the kit."""
        logos = list(self.logos.select_related("png", "svg"))
        headshots = list(self.headshots.select_related("image"))
        fact_sheets = list(self.fact_sheets.select_related("document"))
        files, taken = [], set()

        def add(folder, stem, field_file, ext, label, size):
            if not field_file:
                return None
            stem = slugify(stem) or "file"
            name, n = f"{folder}/{stem}.{ext}", 1
            while name in taken:
                n += 1
                name = f"{folder}/{stem}-{n}.{ext}"
            taken.add(name)
            kit_file = KitFile(name, field_file, label, size)
            files.append(kit_file)
            return kit_file

        for logo in logos:
            logo.png_download = logo.svg_download = None
            if logo.png:
                logo.png_download = add(
                    "logos", logo.name, logo.png.file, _extension(logo.png.file, "png"), logo.name, _size(logo.png)
                )
            if logo.svg:
                logo.svg_download = add("logos", logo.name, logo.svg.file, "svg", logo.name, _size(logo.svg))
        for headshot in headshots:
            image = headshot.image
            headshot.download = image and add(
                "headshots", headshot.name, image.file, _extension(image.file, "jpg"), headshot.name, _size(image)
            )
        for sheet in fact_sheets:
            document = sheet.document
            sheet.label = sheet.title or (document.title if document else "")
            sheet.download = document and add(
                "fact-sheets",
                sheet.label,
                document.file,
                _extension(document.file, "pdf"),
                sheet.label,
                _size(document),
            )
        return Kit(logos, headshots, fact_sheets, files)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The site's press room (the header asks for it too): its media contacts close the kit.
        press_room = PressIndexPage.for_request(request)
        context.update(
            kit=self.kit,
            archive_fits=archive.fits(self.kit.files),
            press_room=press_room,
            media_contacts=press_room.default_media_contacts() if press_room is not None else [],
        )
        return context

    # --- downloads ------------------------------------------------------------------------

    @path("files/<path:key>/", name="file")
    def file(self, request, key):
        """One file of the kit, as a download. Only the kit's own files: anything else is a 404."""
        kit_file = next((f for f in self.kit.files if f.key == key), None)
        if kit_file is None:
            raise Http404("Not a file of this press kit")
        try:
            opened = kit_file.file.storage.open(kit_file.file.name, "rb")
        except FileNotFoundError as missing:
            raise Http404("This file is missing from the storage") from missing
        return archive.attachment(opened, kit_file.name, kit_file.content_type)

    @path("download-all/", name="download_all")
    def download_all(self, request):
        """Every file of the kit in one zip, built on the first request after a change and
        kept in the media storage until the next."""
        files = self.kit.files
        if not files or not archive.fits(files):
            raise Http404("This press kit has no archive")
        stored = archive.stored_archive(self, files)
        # Named in the page's language: "cipc-kit-de-prensa.zip" from the Spanish kit.
        with translation.override(self.locale.language_code):
            kit_name = slugify(gettext("press kit"))
        filename = f"{slugify(self.get_site().site_name or self.title) or 'press'}-{kit_name}.zip"
        return archive.attachment(stored, filename, "application/zip")

    # --- the front cache (frontcache) -----------------------------------------------------

    def get_cache_keys(self, context):
        return {page_key(self.pk)}

    def get_purge_keys(self):
        """Every page of its site links to the kit (the navigation). Its media contacts are
        the room's, whose change purges every page of the site."""
        return site_keys_at(self.url_path) | {page_key(self.pk)}


class PressKitLogo(Orderable):
    page = ParentalKey(PressKitPage, on_delete=models.CASCADE, related_name="logos")
    name = models.CharField(max_length=120, help_text="What this version is, e.g. “Wordmark, full colour”.")
    png = models.ForeignKey(
        get_image_model_string(),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="PNG",
        help_text="A PNG, for documents and slides. Also shown on the page.",
    )
    svg = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="SVG",
        help_text="The same logo as an SVG file, uploaded as a document, for print and the web. Optional.",
    )
    usage_notes = models.TextField(
        blank=True, help_text="How to use it: clear space, minimum size, backgrounds, what not to do. Optional."
    )

    panels = [FieldPanel("name"), FieldPanel("png"), FieldPanel("svg"), FieldPanel("usage_notes")]

    def clean(self):
        super().clean()
        if self.svg_id and self.svg and self.svg.file_extension.lower() != "svg":
            raise ValidationError({"svg": f"“{self.svg.title}” is not an SVG file: choose an .svg document."})

    def __str__(self):
        return self.name


class PressKitHeadshot(Orderable):
    page = ParentalKey(PressKitPage, on_delete=models.CASCADE, related_name="headshots")
    image = models.ForeignKey(
        get_image_model_string(),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A high-resolution photo. Its credit (the photographer) and licence, set in the image "
        "library, are shown with it; a photo without a credit cannot be added.",
    )
    name = models.CharField(max_length=255, help_text="Who is pictured.")
    role = models.CharField(max_length=255, blank=True, help_text="Their title, e.g. Executive Director. Optional.")

    panels = [FieldPanel("image"), FieldPanel("name"), FieldPanel("role")]

    def clean(self):
        super().clean()
        if self.image_id and self.image and not self.image.credit:
            raise ValidationError(
                {"image": f"“{self.image.title}” has no credit: add the photographer in Images, then choose it."}
            )

    def __str__(self):
        return self.name


class PressKitFactSheet(Orderable):
    page = ParentalKey(PressKitPage, on_delete=models.CASCADE, related_name="fact_sheets")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A fact sheet, report or backgrounder from the documents library.",
    )
    title = models.CharField(max_length=255, blank=True, help_text="Link text. Empty: the document's title.")

    panels = [FieldPanel("document"), FieldPanel("title")]

    def __str__(self):
        return self.title or str(self.document)
