"""A site's tagline and footer text in another language: the branding's own are the default
language's, and a page in another language shows these instead where the editor wrote them.
Edited on the site's branding (Settings → Site branding, "In other languages")."""

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from core.blocks import INLINE_TEXT


def other_languages():
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class SiteBrandingText(models.Model):
    branding = ParentalKey("core.SiteBranding", on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(
        max_length=12, choices=other_languages, help_text="The language of the pages that show these."
    )
    tagline = models.CharField(
        max_length=255, blank=True, help_text="The tagline in this language. Empty: the tagline above."
    )
    footer_text = RichTextField(
        features=INLINE_TEXT, blank=True, help_text="The footer text in this language. Empty: the footer text above."
    )

    panels = [FieldPanel("language"), FieldPanel("tagline"), FieldPanel("footer_text")]

    class Meta:
        verbose_name = "tagline and footer in another language"
        constraints = [models.UniqueConstraint(fields=["branding", "language"], name="one_branding_text_per_language")]

    def __str__(self):
        return self.get_language_display()
