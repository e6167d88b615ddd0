"""The shared kernel: snippets every site uses, the field groups and metadata every page
type composes, install-wide defaults and per-site branding."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, PublishingPanel
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, LockableMixin, Page, PreviewableMixin, RevisionMixin, Site
from wagtail.search import index

from core.blocks import SocialLinkBlock
from core.forms import SnippetForm
from core.generations import SiteAnswers

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", "Enter a colour as # followed by six hexadecimal digits, e.g. #1d4f91."
)

# Rich text features, by what the text is for. Restrained: structure and emphasis only.
INLINE_TEXT = ["bold", "italic", "link"]  # a sentence or two: intros, bios, footers
SHORT_PROSE = [*INLINE_TEXT, "ul"]  # a few short paragraphs that may list things

# The install's own fallbacks, used where nothing is saved yet (and by the 500 page, which
# must not query the database). InstallDefaults starts with these.
DEFAULT_NAME = "Press room"
DEFAULT_PRIMARY_COLOUR = "#1d4f91"
DEFAULT_ACCENT_COLOUR = "#a4262c"


def image_field(help_text):
    """An optional image: emptied, not deleted with, when the image is deleted."""
    return models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text=help_text
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

    def get_view_restrictions(self):
        """The privacy rules over this page; remembered with the route (``core.routing``) when
        it was served through one, so a visit does not read them again until the next change
        (a privacy change purges the site and starts a new generation)."""
        remembered = getattr(self, "remembered_view_restrictions", None)
        return super().get_view_restrictions() if remembered is None else remembered

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


class Organization(index.Indexed, models.Model):
    """A member organisation, signatory or employer of a spokesperson."""

    name = models.CharField(max_length=255, unique=True, help_text="Full name, as in a statement.")
    short_name = models.CharField(max_length=60, blank=True, help_text="Acronym or short form, e.g. CIPC. Optional.")
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in filter links: /press/?organization=<slug>.")
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

    class Meta:
        ordering = ["name"]
        verbose_name = "organization"

    def __str__(self):
        return self.name

    @property
    def name_in_sentence(self):
        """'the California Immigrant Policy Center', 'PICO California'."""
        return f"the {self.name}" if self.takes_the else self.name


class Spokesperson(DraftStateMixin, RevisionMixin, LockableMixin, PreviewableMixin, index.Indexed, models.Model):
    """A person who speaks for an organisation; chosen in quote, statement, bio and contact blocks."""

    name = models.CharField(max_length=255, help_text="As printed in statements.")
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in filter links: /press/?spokesperson=<slug>.")
    title = models.CharField(max_length=255, help_text="Job title, e.g. Executive Director. Printed after the name.")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
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
        MultiFieldPanel([FieldPanel("press_email"), FieldPanel("press_phone")], heading="Press contact"),
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

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "spokespeople"

    def __str__(self):
        return self.name

    @cached_property
    def title_and_organization(self):
        """'Executive Director of the California Immigrant Policy Center'."""
        return f"{self.title} of {self.organization.name_in_sentence}"

    def get_preview_template(self, request, mode_name):
        return "previews/spokesperson.html"


class Label(models.Model):
    """A name and a slug that stories are labelled with and filtered by."""

    name = models.CharField(max_length=120, unique=True, help_text="Shown on stories and in the listing's filters.")
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in filter links.")

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Category(Label):
    """What kind of story: Press Release, Statement, Media Advisory, Op-Ed…"""

    class Meta(Label.Meta):
        verbose_name_plural = "categories"


class Topic(Label):
    """An issue area that stories share, e.g. SB 54 or detention."""


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


@register_setting(icon="palette")
class SiteBranding(BaseSiteSetting):
    """Everything that makes one site look like its organisation, edited per site in the admin."""

    name = models.CharField(
        max_length=255, help_text="The organization or coalition name, shown in the header and titles."
    )
    tagline = models.CharField(
        max_length=255,
        blank=True,
        help_text="One line about the site, for search engines and link previews of pages that have no "
        "description of their own. Optional.",
    )
    logo = image_field("Shown in the header. Without one, the name is shown as text.")
    primary_colour = models.CharField(
        max_length=7,
        blank=True,
        default=DEFAULT_PRIMARY_COLOUR,
        validators=[hex_colour],
        help_text="Header background and links. Keep it dark: white text sits on it. "
        "Empty: the install defaults' colour.",
    )
    accent_colour = models.CharField(
        max_length=7,
        blank=True,
        default=DEFAULT_ACCENT_COLOUR,
        validators=[hex_colour],
        help_text="Category labels and highlights. Keep it dark enough for white text. "
        "Empty: the install defaults' colour.",
    )
    footer_text = RichTextField(features=INLINE_TEXT, blank=True, help_text="Shown at the foot of every page.")
    contact_email = models.EmailField(blank=True, help_text="The press desk's email. Optional.")
    contact_phone = models.CharField(max_length=40, blank=True, help_text="The press desk's phone. Optional.")
    social_links = StreamField([("link", SocialLinkBlock())], blank=True, help_text="Shown in the footer.")

    select_related = ["logo"]

    panels = [
        HelpPanel("These settings brand the site you are editing. Pick the site at the top right of this page."),
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("tagline"), FieldPanel("logo")],
            heading="Identity",
        ),
        MultiFieldPanel([FieldPanel("primary_colour"), FieldPanel("accent_colour")], heading="Colours"),
        MultiFieldPanel(
            [
                FieldPanel("footer_text"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("social_links"),
            ],
            heading="Footer and contact",
        ),
    ]

    class Meta:
        verbose_name = "site branding"

    def __str__(self):
        return self.name or str(self.site)

    @classmethod
    def for_request(cls, request):
        """The branding of the request's site, read from the cache until the site's next
        change (saving branding purges the site and starts a new generation). The admin's
        settings form uses ``for_site()``, always from the database."""
        name = cls.get_cache_attr_name()
        site = Site.find_for_request(request)
        if hasattr(request, name) or site is None or not settings.CACHE_PUBLISHED_ANSWERS:
            return super().for_request(request)
        branding = SiteAnswers(site.pk, "branding", request).get_or_compute("branding", lambda: cls.for_site(site))
        branding._request = request
        setattr(request, name, branding)
        return branding

    # What the site shows: its own values, else the install's defaults (loaded only when needed).

    @cached_property
    def install_defaults(self):
        return InstallDefaults.load()

    @property
    def display_name(self):
        return self.name or self.install_defaults.name

    @property
    def primary(self):
        return self.primary_colour or self.install_defaults.primary_colour

    @property
    def accent(self):
        return self.accent_colour or self.install_defaults.accent_colour
