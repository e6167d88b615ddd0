"""The sites' image model: Wagtail's image with who made it and on what terms it may be used,
so every place an image appears can credit it (WAGTAILIMAGES_IMAGE_MODEL)."""

import logging

from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image, SourceImageIOError

logger = logging.getLogger(__name__)


class LicenceURLField(models.URLField):
    """A link typed without a scheme is taken as https:// (Django 6's default, chosen now)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class CreditedImage(AbstractImage):
    credit = models.CharField(
        max_length=255,
        blank=True,
        help_text="Photographer or source, as it should be printed, e.g. “Jane Doe/CIPC”. Shown with the image.",
    )
    licence = models.CharField(
        max_length=255,
        blank=True,
        help_text="On what terms others may use it, e.g. “CC BY 4.0” or “Free for editorial use”. "
        "Shown with the image. Optional.",
    )
    licence_url = LicenceURLField(
        "licence link", blank=True, help_text="Where the licence's terms are written. Optional."
    )

    admin_form_fields = (*Image.admin_form_fields, "credit", "licence", "licence_url")

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"

    @property
    def has_attribution(self):
        return bool(self.credit or self.licence)

    def rendition_or_none(self, spec):
        """``get_rendition(spec)``, or None when the original file is missing or unreadable (a
        lost upload, a bucket out of step with the database): the page then goes without that
        picture, as Wagtail's ``{% image %}`` tag does, instead of failing."""
        try:
            return self.get_rendition(spec)
        except SourceImageIOError:
            logger.warning("Image %s (%s) has no readable file", self.pk, self.file.name)
            return None


class CreditedRendition(AbstractRendition):
    image = models.ForeignKey(CreditedImage, related_name="renditions", on_delete=models.CASCADE)

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
