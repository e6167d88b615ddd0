from wagtail.admin.panels import FieldPanel

from siteroot.models import SiteRootPage


class HomePage(SiteRootPage):
    """The root of an organization's own site (CIPC): an introduction and its latest stories."""

    content_panels = SiteRootPage.content_panels + [FieldPanel("intro"), FieldPanel("latest_count")]

    template = "pages/home_page.html"

    class Meta:
        verbose_name = "organization home page"
