from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from core.blocks import SHORT_PROSE
from core.models import in_default_locale
from siteroot.models import SiteRootPage

# The size of a member's logo (templates/pages/coalition_home_page.html).
MEMBER_LOGO_SPEC = "max-240x80"


class CoalitionHomePage(SiteRootPage):
    """The root of a coalition's site: its introduction, member organisations and latest stories.

    Adding a coalition needs no code: a new Site whose root is one of these, its branding
    in Settings, and a press room under it."""

    intro = RichTextField(
        features=SHORT_PROSE,
        blank=True,
        help_text="Who the coalition is and what it fights for, in two short paragraphs.",
    )
    signatories_heading = models.CharField(
        max_length=255,
        blank=True,
        help_text="How the coalition signs joint statements, e.g. 'the ICE Out of California "
        "Coalition Steering Committee'. New stories start with this and the members below.",
    )

    content_panels = SiteRootPage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("signatories_heading"), InlinePanel("members", label="Member organization")],
            heading="Members",
        ),
        FieldPanel("latest_count"),
    ]

    template = "pages/coalition_home_page.html"

    class Meta:
        verbose_name = "coalition home page"

    def default_signatories(self):
        """The member organisations, in order: the default signatories of a new story."""
        return [member.organization for member in self.members.select_related("organization")]

    @cached_property
    def member_list(self):
        """The members with their organisations and logos, in one query."""
        return list(self.members.select_related("organization", "organization__logo"))

    def own_pictures(self):
        # The logos' renditions come with the page's other pictures: one query for them all.
        return [(member.organization.logo, [MEMBER_LOGO_SPEC]) for member in self.member_list]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["members"] = self.member_list
        return context


class CoalitionMember(Orderable):
    page = ParentalKey(CoalitionHomePage, on_delete=models.CASCADE, related_name="members")
    organization = models.ForeignKey(
        "core.Organization",
        limit_choices_to=in_default_locale,
        on_delete=models.PROTECT,
        related_name="coalition_memberships",
        help_text="A member organization (from the shared Organizations snippets).",
    )

    panels = [FieldPanel("organization")]

    def __str__(self):
        return self.organization.name
