from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.forms import PressPageForm
from press.models import PressIndexPage


class HomePage(Page):
    """The root of an organisation's own site (CIPC): an introduction and its latest stories."""

    intro = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="A short welcome for journalists: who the organisation is and what it works on.",
    )
    latest_count = models.PositiveSmallIntegerField(
        default=6, help_text="How many of the latest stories to show (0 hides them)."
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("latest_count")]

    base_form_class = PressPageForm
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["press.PressIndexPage"]
    template = "pages/home_page.html"

    class Meta:
        verbose_name = "organisation home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["press_room"], context["latest_stories"] = PressIndexPage.latest_under(self, self.latest_count, request)
        return context
