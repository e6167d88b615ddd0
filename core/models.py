"""The shared kernel: snippets every site uses, the field groups and metadata every page
type composes, install-wide defaults and per-site branding."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, FilteredRelation, Q
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel, PublishingPanel
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting, register_setting
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Page,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index

from core import colours
from core.blocks import INLINE_TEXT, SocialLinkBlock
from core.forms import SnippetForm

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", "Enter a colour as # followed by six hexadecimal digits, e.g. #1d4f91."
)

# The install's own fallbacks, used where nothing is saved yet (and by the 500 page, which
# must not query the database). InstallDefaults starts with these.
DEFAULT_NAME = "Press room"
DEFAULT_PRIMARY_COLOUR = "#1d4f91"
DEFAULT_ACCENT_COLOUR = "#a4262c"
DEFAULT_TINT_COLOUR = "#f4f5f7"

# The typefaces a site may choose: self-hosted in static/fonts/ (see its README for where they
# come from and their licence), never fetched from a font service. "system" downloads nothing.
SYSTEM_SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
TYPEFACES = {
    # key: (label in the admin, CSS font-family stack, file preloaded for the body text)
    "system": ("The reader's own system font (fastest)", SYSTEM_SANS, ""),
    "source-sans-3": ("Source Sans 3", f'"Source Sans 3", {SYSTEM_SANS}', "source-sans-3-latin-400-normal.woff2"),
    "work-sans": ("Work Sans", f'"Work Sans", {SYSTEM_SANS}', "work-sans-latin-400-normal.woff2"),
    "atkinson-hyperlegible": (
        "Atkinson Hyperlegible (designed for low vision)",
        f'"Atkinson Hyperlegible", {SYSTEM_SANS}',
        "atkinson-hyperlegible-latin-400-normal.woff2",
    ),
    "merriweather": (
        "Merriweather (serif)",
        'Merriweather, Georgia, "Times New Roman", serif',
        "merriweather-latin-400-normal.woff2",
    ),
}


def too_light_for_white(primary):
    """Why white text on ``primary``, and ``primary`` links on white, would be hard to read; or ""."""
    ratio = colours.contrast(primary, colours.WHITE)
    if ratio >= colours.READABLE:
        return ""
    return (
        f"Too light: white header text on it, and links in it on the white page, would have a "
        f"contrast of {ratio:.1f}:1; they need at least {colours.READABLE}:1. Choose a darker colour."
    )


def in_default_locale():
    """``limit_choices_to`` for fields naming a press-directory snippet: stories and rooms
    name the default language's record, and each page shows that record's translation in its
    own language (core.translations), so filters and counts see one record per thing."""
    return models.Q(locale__language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))


def image_field(help_text):
    """An optional image: emptied, not deleted with, when the image is deleted."""
    return models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


class SocialFields(models.Model):
    """What a page shows when it is shared, when that should differ from what it shows search
    engines. Both optional: without them the page's own description and image are used."""

    social_image = image_field(
        "Shown when the page is shared on social media (1200×630 works best). "
        "Optional: otherwise the page's own image, then the site's logo."
    )
    social_text = models.CharField(
        max_length=255,
        blank=True,
        help_text="Shown under the title when the page is shared. Optional: otherwise the search description.",
    )

    promote_panels = [MultiFieldPanel([FieldPanel("social_image"), FieldPanel("social_text")], heading="Social media")]

    class Meta:
        abstract = True


class MetadataPageMixin(SocialFields):
    """A page that states its own metadata: the meta tags ask these methods, never guess from
    whatever attributes a page type happens to have. Compose as ``class X(MetadataPageMixin, Page)``."""

    og_type = "website"  # Open Graph type; a story is an "article"

    promote_panels = Page.promote_panels + SocialFields.promote_panels

    class Meta:
        abstract = True

    def get_meta_title(self):
        return self.seo_title or self.title

    def get_meta_description(self):
        """The search description, else the page's own summary (see ``get_default_description``)."""
        return self.search_description or self.get_default_description()

    def get_default_description(self):
        """The page's own words about itself: its intro, as plain text."""
        return strip_tags(getattr(self, "intro", "") or "")

    def get_social_description(self):
        return self.social_text or self.get_meta_description()

    def get_meta_image(self):
        """The image to share the page with, or None (the site's logo is then used)."""
        return self.social_image


class Organization(TranslatableMixin, index.Indexed, models.Model):
    """A member organisation, signatory or employer of a spokesperson. Translatable: a name
    that differs in another language is written in that language's translation."""

    name = models.CharField(max_length=255, help_text="Full name, as in a statement.")
    short_name = models.CharField(max_length=60, blank=True, help_text="Acronym or short form, e.g. CIPC. Optional.")
    slug = models.SlugField(
        max_length=80,
        help_text="Used in filter links: /press/?organization=<slug>. Keep it the same in every language.",
    )
    takes_the = models.BooleanField(
        "say “the” before the name",
        default=True,
        help_text="Ticked: “Executive Director of the California Immigrant Policy Center”. "
        "Untick for names that read without it, like “PICO California”.",
    )
    website = models.URLField(blank=True, help_text="The organization's home page. Optional.")
    logo = image_field("Shown in coalition member lists. A wide logo on a transparent background works best.")

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("takes_the"),
        FieldPanel("slug"),
        FieldPanel("website"),
        FieldPanel("logo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
        # The admin listing sorts search results by its columns; each needs a FilterField,
        # or searching and then sorting is a server error.
        index.FilterField("name"),
        index.FilterField("short_name"),
        index.FilterField("website"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = "organization"
        constraints = [
            models.UniqueConstraint(fields=["name", "locale"], name="organization_name_unique_per_locale"),
            models.UniqueConstraint(fields=["slug", "locale"], name="organization_slug_unique_per_locale"),
        ]

    def __str__(self):
        return self.name

    @property
    def of_name(self):
        """'of the California Immigrant Policy Center', 'of PICO California'; in Spanish
        'del California Immigrant Policy Center', 'de PICO California'."""
        if self.takes_the:
            return gettext("of the %(organization)s") % {"organization": self.name}
        return gettext("of %(organization)s") % {"organization": self.name}


class Spokesperson(
    TranslatableMixin, DraftStateMixin, RevisionMixin, LockableMixin, PreviewableMixin, index.Indexed, models.Model
):
    """A person who speaks for an organisation; chosen in quote, statement, bio and contact
    blocks. Translatable: the title and bio are written again in each language."""

    name = models.CharField(max_length=255, help_text="As printed in statements.")
    slug = models.SlugField(
        max_length=80,
        help_text="Used in filter links: /press/?spokesperson=<slug>. Keep it the same in every language.",
    )
    title = models.CharField(max_length=255, help_text="Job title, e.g. Executive Director. Printed after the name.")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        limit_choices_to=in_default_locale,
        related_name="spokespeople",
        help_text="The organization this person speaks for.",
    )
    photo = image_field("A square head-and-shoulders photo. Optional.")
    bio = RichTextField(
        features=INLINE_TEXT,
        blank=True,
        help_text="Two or three sentences for the spokesperson bio block.",
    )
    press_email = models.EmailField(blank=True, help_text="For media contacts blocks. Optional.")
    press_phone = models.CharField(
        max_length=40, blank=True, help_text="For media contacts blocks, e.g. (916) 555-0101. Optional."
    )
    languages = models.CharField(
        "languages spoken",
        max_length=255,
        blank=True,
        help_text="Languages this person gives interviews in, e.g. English, Spanish. Shown on contact cards. Optional.",
    )
    active = models.BooleanField(
        default=True,
        help_text="Untick when the person leaves: their past stories keep them, "
        "but they are no longer offered as a listing filter.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("title"),
        FieldPanel("organization"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [FieldPanel("press_email"), FieldPanel("press_phone"), FieldPanel("languages")], heading="Press contact"
        ),
        FieldPanel("active"),
        PublishingPanel(),
    ]
    base_form_class = SnippetForm
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("title"),
        index.RelatedFields("organization", [index.SearchField("name")]),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name_plural = "spokespeople"
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="spokesperson_slug_unique_per_locale"),
        ]

    def __str__(self):
        return self.name

    @property
    def title_and_organization(self):
        """'Executive Director of the California Immigrant Policy Center'; in Spanish
        'directora ejecutiva del California Immigrant Policy Center'."""
        return f"{self.title} {self.organization.of_name}"

    def get_preview_template(self, request, mode_name):
        return "previews/spokesperson.html"


class Label(TranslatableMixin, models.Model):
    """A name and a slug that stories are labelled with and filtered by. Translatable: the
    name is written again in each language; the slug stays the same, so a filtered address
    differs between languages only by its prefix."""

    name = models.CharField(max_length=120, help_text="Shown on stories and in the listing's filters.")
    slug = models.SlugField(max_length=120, help_text="Used in filter links. Keep it the same in every language.")

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Category(Label):
    """What kind of story: Press Release, Statement, Media Advisory, Op-Ed…"""

    class Meta(Label.Meta):
        verbose_name_plural = "categories"
        constraints = [
            models.UniqueConstraint(fields=["name", "locale"], name="category_name_unique_per_locale"),
            models.UniqueConstraint(fields=["slug", "locale"], name="category_slug_unique_per_locale"),
        ]


class Topic(Label):
    """An issue area that stories share, e.g. SB 54 or detention."""

    class Meta(Label.Meta):
        constraints = [
            models.UniqueConstraint(fields=["name", "locale"], name="topic_name_unique_per_locale"),
            models.UniqueConstraint(fields=["slug", "locale"], name="topic_slug_unique_per_locale"),
        ]


@register_setting(icon="cog")
class InstallDefaults(BaseGenericSetting):
    """What every site falls back on where its own branding leaves a field empty."""

    name = models.CharField(
        max_length=255,
        default=DEFAULT_NAME,
        help_text="Shown in titles and the header of a site whose branding has no name yet.",
    )
    primary_colour = models.CharField(
        max_length=7,
        default=DEFAULT_PRIMARY_COLOUR,
        validators=[hex_colour],
        help_text="Header background and links of a site whose branding leaves it empty.",
    )
    accent_colour = models.CharField(
        max_length=7,
        default=DEFAULT_ACCENT_COLOUR,
        validators=[hex_colour],
        help_text="Category labels and highlights of a site whose branding leaves it empty.",
    )

    panels = [
        HelpPanel("These apply to every site, wherever a site's own branding leaves a field empty."),
        FieldPanel("name"),
        MultiFieldPanel([FieldPanel("primary_colour"), FieldPanel("accent_colour")], heading="Colours"),
    ]

    class Meta:
        verbose_name = "install defaults"
        verbose_name_plural = "install defaults"

    def clean(self):
        super().clean()
        if hex_colour.regex.match(self.primary_colour or "") and (error := too_light_for_white(self.primary_colour)):
            raise ValidationError({"primary_colour": error})


@register_setting(icon="palette")
class SiteBranding(BaseSiteSetting, ClusterableModel):
    """Everything that makes one site look like its organisation, edited per site in the admin
    (a cluster: its tagline and footer in other languages are edited with it)."""

    name = models.CharField(
        max_length=255, help_text="The organization or coalition name, shown in the header and titles."
    )
    tagline = models.CharField(
        max_length=255,
        blank=True,
        help_text="One line about the site, for search engines and link previews of pages that have no "
        "description of their own. Optional.",
    )
    logo = image_field(
        "Shown in the header beside the name. SVG keeps it sharp at every size; a logo drawn in "
        "light colours needs a transparent background. Also the browser-tab icon when there is no icon."
    )
    icon = image_field(
        "A square picture for browser tabs and bookmarks (the favicon), 64×64 or larger; SVG or PNG. "
        "Empty: the logo, else a plain default."
    )
    email_logo = image_field(
        "The logo at the top of email alerts, as a PNG or JPEG, about 400×80 pixels: Gmail and Outlook "
        "do not show SVG. Empty: the logo if it is not an SVG, else the site's name in text."
    )
    banner_image = image_field(
        "A wide picture across the top of the home page and the press room, at least 1600 pixels wide. "
        "It is cropped to a band about three times as wide as it is high, around its focal point. Optional."
    )
    banner_alt_text = models.CharField(
        max_length=255,
        blank=True,
        help_text="What the banner shows, for people who cannot see it. Empty: the image's own "
        "description (its alt text in the image library).",
    )
    typeface = models.CharField(
        max_length=40,
        choices=[(key, label) for key, (label, _stack, _file) in TYPEFACES.items()],
        default="system",
        help_text="The font of every page of this site. All are served from this site; none comes from a font service.",
    )
    primary_colour = models.CharField(
        max_length=7,
        blank=True,
        default=DEFAULT_PRIMARY_COLOUR,
        validators=[hex_colour],
        help_text="Header background, buttons and links. Keep it dark: white text sits on it and it "
        "is read on white. Empty: the install defaults' colour.",
    )
    accent_colour = models.CharField(
        max_length=7,
        blank=True,
        default=DEFAULT_ACCENT_COLOUR,
        validators=[hex_colour],
        help_text="Category labels, quote rules and highlights. Their text is white or black, "
        "whichever reads better. Empty: the install defaults' colour.",
    )
    tint_colour = models.CharField(
        max_length=7,
        blank=True,
        default=DEFAULT_TINT_COLOUR,
        validators=[hex_colour],
        help_text="The light background behind introductions, filters and quotes. Keep it light: "
        "grey text and links sit on it. Empty: a light grey.",
    )
    footer_text = RichTextField(features=INLINE_TEXT, blank=True, help_text="Shown at the foot of every page.")
    contact_email = models.EmailField(blank=True, help_text="The press desk's email. Optional.")
    contact_phone = models.CharField(max_length=40, blank=True, help_text="The press desk's phone. Optional.")
    social_links = StreamField([("link", SocialLinkBlock())], blank=True, help_text="Shown in the footer.")

    # One query loads the setting and its images (and on a page in another language, its
    # tagline and footer in that language); their renditions come from the cache.
    select_related = ["logo", "icon", "email_logo", "banner_image"]

    @classmethod
    def base_queryset(cls):
        queryset = super().base_queryset()
        language = translation.get_language()
        if language in (None, settings.LANGUAGE_CODE):
            return queryset
        return queryset.annotate(
            text_here=FilteredRelation("texts", condition=Q(texts__language=language)),
            tagline_here=F("text_here__tagline"),
            footer_text_here=F("text_here__footer_text"),
        )

    panels = [
        HelpPanel("These settings brand the site you are editing. Pick the site at the top right of this page."),
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("tagline"),
                FieldPanel("logo"),
                FieldPanel("icon"),
                FieldPanel("email_logo", heading="Logo for emails"),
            ],
            heading="Identity",
        ),
        MultiFieldPanel(
            [FieldPanel("banner_image"), FieldPanel("banner_alt_text"), FieldPanel("typeface")],
            heading="Look",
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    "Colours are checked for contrast (WCAG AA, 4.5:1): a colour that would make "
                    "text hard to read is refused, with the reason."
                ),
                FieldPanel("primary_colour"),
                FieldPanel("accent_colour"),
                FieldPanel("tint_colour"),
            ],
            heading="Colours",
        ),
        MultiFieldPanel(
            [
                FieldPanel("footer_text"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("social_links"),
            ],
            heading="Footer and contact",
        ),
        MultiFieldPanel(
            [InlinePanel("texts", label="Language")],
            heading="In other languages",
            help_text="The tagline and footer text for the pages in another language (/es/…). A language "
            "without its own shows the ones above.",
        ),
    ]

    class Meta:
        verbose_name = "site branding"

    def __str__(self):
        return self.name or str(self.site)

    # What the site shows: its own values, else the install's defaults (loaded only when needed).

    @cached_property
    def install_defaults(self):
        return InstallDefaults.load()

    @property
    def display_name(self):
        return self.name or self.install_defaults.name

    @property
    def shown_tagline(self):
        """The tagline in the page's language where the editor gave one (``base_queryset``)."""
        return getattr(self, "tagline_here", None) or self.tagline

    @property
    def shown_footer_text(self):
        return getattr(self, "footer_text_here", None) or self.footer_text

    @property
    def primary(self):
        return self.primary_colour or self.install_defaults.primary_colour

    @property
    def accent(self):
        return self.accent_colour or self.install_defaults.accent_colour

    @property
    def tint(self):
        return self.tint_colour or DEFAULT_TINT_COLOUR

    @property
    def text_on_accent(self):
        return colours.text_on(self.accent)

    @property
    def font_stack(self):
        return TYPEFACES.get(self.typeface, TYPEFACES["system"])[1]

    @property
    def font_file(self):
        """The regular weight's file under static/fonts/, preloaded by every page; "" for system."""
        return TYPEFACES.get(self.typeface, TYPEFACES["system"])[2]

    @property
    def banner_alt(self):
        if not self.banner_image:
            return ""
        return self.banner_alt_text or self.banner_image.default_alt_text or ""

    def clean(self):
        """Refuse colours that would make the site's text hard to read, saying which text and why."""
        super().clean()
        # Only colours that are well formed; a malformed one already has its own error.
        valid = {
            name: getattr(self, name)
            for name in ("primary_colour", "tint_colour")
            if getattr(self, name) and hex_colour.regex.match(getattr(self, name))
        }
        errors = {}
        primary = valid.get("primary_colour", DEFAULT_PRIMARY_COLOUR)
        tint = valid.get("tint_colour", DEFAULT_TINT_COLOUR)
        if "primary_colour" in valid and (error := too_light_for_white(primary)):
            errors["primary_colour"] = error
        if "tint_colour" in valid:
            muted = colours.contrast(colours.MUTED, tint)
            links = colours.contrast(primary, tint)
            if muted < colours.READABLE:
                errors["tint_colour"] = (
                    f"Too dark: grey text on it would have a contrast of {muted:.1f}:1; it needs at least "
                    f"{colours.READABLE}:1. Choose a lighter colour."
                )
            elif "primary_colour" not in errors and links < colours.READABLE:
                errors["tint_colour"] = (
                    f"Links in the primary colour on it would have a contrast of {links:.1f}:1; they need "
                    f"at least {colours.READABLE}:1. Choose a lighter colour or a darker primary colour."
                )
        if errors:
            raise ValidationError(errors)


# Its own module (this one is long); imported here so Django registers it with the others.
from core.branding_text import SiteBrandingText  # noqa: E402, F401
