"""The shared kernel: snippets every site uses, and per-site branding."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, PublishingPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin
from wagtail.search import index

from core.blocks import SocialLinkBlock
from core.forms import PressSnippetForm

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", "Enter a colour as # followed by six hexadecimal digits, e.g. #1d4f91."
)


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
    website = models.URLField(blank=True, help_text="The organisation's home page. Optional.")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown in coalition member lists. A wide logo on a transparent background works best.",
    )

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
        verbose_name = "organisation"

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
        help_text="The organisation this person speaks for.",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A square head-and-shoulders photo. Optional.",
    )
    bio = RichTextField(
        features=["bold", "italic", "link"],
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
    base_form_class = PressSnippetForm
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


class Category(models.Model):
    """What kind of story: Press Release, Statement, Media Advisory, Op-Ed…"""

    name = models.CharField(max_length=80, unique=True, help_text="Shown on every listing item.")
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in filter links.")

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


class Topic(models.Model):
    """An issue area that stories share, e.g. SB 54 or detention."""

    name = models.CharField(max_length=120, unique=True, help_text="Shown on the story page.")
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in filter links.")

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


@register_setting(icon="palette")
class SiteBranding(BaseSiteSetting):
    """Everything that makes one site look like its organisation, edited per site in the admin."""

    name = models.CharField(
        max_length=255, help_text="The organisation or coalition name, shown in the header and titles."
    )
    short_name = models.CharField(
        max_length=60, blank=True, help_text="Used where space is short, e.g. the browser tab."
    )
    tagline = models.CharField(max_length=255, blank=True, help_text="A line under the name. Optional.")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown in the header. Without one, the name is shown as text.",
    )
    primary_colour = models.CharField(
        max_length=7,
        default="#1d4f91",
        validators=[hex_colour],
        help_text="Header background and links. Keep it dark: white text sits on it.",
    )
    accent_colour = models.CharField(
        max_length=7,
        default="#b3261e",
        validators=[hex_colour],
        help_text="Category labels and highlights. Keep it dark enough for white text.",
    )
    footer_text = RichTextField(
        features=["bold", "italic", "link"], blank=True, help_text="Shown at the foot of every page."
    )
    contact_email = models.EmailField(blank=True, help_text="The press desk's email. Optional.")
    contact_phone = models.CharField(max_length=40, blank=True, help_text="The press desk's phone. Optional.")
    social_links = StreamField([("link", SocialLinkBlock())], blank=True, help_text="Shown in the footer.")

    select_related = ["logo"]

    panels = [
        HelpPanel("These settings brand the site you are editing. Pick the site at the top right of this page."),
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("tagline"), FieldPanel("logo")],
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
