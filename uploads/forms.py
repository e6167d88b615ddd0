"""The admin's image and document forms (WAGTAILIMAGES_IMAGE_FORM_BASE, WAGTAILDOCS_DOCUMENT_FORM_BASE),
used by the single upload, the multiple uploader and the choosers' upload tabs alike: an SVG
must be a plain drawing (``uploads.svg``), and an image too large to process is a form error."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from uploads.svg import problems


def is_svg_upload(uploaded):
    return uploaded is not None and getattr(uploaded, "name", "").lower().endswith(".svg")


def refuse_unsafe_svg(form, file_kind):
    """The form's new ``file`` if it is no SVG or a plain drawing, else a ValidationError saying why."""
    uploaded = form.cleaned_data.get("file")
    if is_svg_upload(uploaded) and "file" in form.changed_data:
        uploaded.seek(0)
        reasons = problems(uploaded.read())
        uploaded.seek(0)
        if reasons:
            raise ValidationError(
                _(
                    "This SVG cannot be used: %(reasons)s. Export it again as a plain drawing (in Inkscape: "
                    "Save as Optimized SVG), or upload %(alternative)s."
                )
                % {"reasons": "; ".join(reasons), "alternative": file_kind}
            )
    return uploaded


class ProcessableImageField(WagtailImageField):
    """Wagtail's image field, where an image too large for Pillow to open is a form error.

    Wagtail compares an image's pixels with WAGTAILIMAGES_MAX_IMAGE_PIXELS, but reading its size
    opens it with Pillow, which refuses an image of more than twice its own MAX_IMAGE_PIXELS
    (a decompression bomb: a 20000 × 20000 PNG of some 50 KB) with an exception, not a form
    error: the upload was a server error. Any such image is past our limit too."""

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except PILImage.DecompressionBombError as error:
            raise ValidationError(
                _("This image is too large to process: it has more than %(max_pixels_count)s pixels.")
                % {"max_pixels_count": self.max_image_pixels},
                code="file_too_many_pixels",
            ) from error


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(self.fields.get("file"), WagtailImageField):
            # Wagtail builds the field (formfield_for_dbfield); ours checks the same, and more.
            field = self.fields["file"]
            self.fields["file"] = ProcessableImageField(label=field.label, required=field.required, widget=field.widget)

    def clean_file(self):
        return refuse_unsafe_svg(self, _("a PNG"))


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        return refuse_unsafe_svg(self, _("a PDF"))
