"""The sites' image model: Wagtail's image with who made it and on what terms it may be used,
so every place an image appears can credit it (WAGTAILIMAGES_IMAGE_MODEL)."""

import logging

from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image, SourceImageIOError

logger = logging.getLogger(__name__)

# Renditions this process has found, by image, file, focal point and spec. Wagtail's own lookup
# parses the spec and reads a cache on every call: for the header's logo, the favicon and the
# share image that was a tenth of a warm page's time. A new file or focal point is a new key.
_found_renditions = {}
FOUND_RENDITIONS_KEPT = 2000


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

    def get_rendition(self, filter):
        if self.pk is None:
            return super().get_rendition(filter)
        spec = filter if isinstance(filter, str) else filter.spec
        focal_point = (self.focal_point_x, self.focal_point_y, self.focal_point_width, self.focal_point_height)
        key = (self.pk, self.file.name, self.file_hash, focal_point, spec)
        rendition = _found_renditions.get(key)
        if rendition is None:
            rendition = super().get_rendition(filter)
            if len(_found_renditions) >= FOUND_RENDITIONS_KEPT:
                _found_renditions.clear()
            _found_renditions[key] = rendition
        return rendition

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
