"""What an editor gets for an upload the site cannot take: a form error saying why, on the single
upload form, the multiple uploader and the chooser's upload tab alike, never a server error.
An image too large to process (a decompression bomb: 20000 × 20000 pixels in some 50 KB) and an
SVG document that carries a script are both refused, and nothing is stored."""

import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.test.utils import WagtailTestUtils

from tests.branding.test_branding import CLEAN_SVG, SCRIPTED_SVG


def png(width, height):
    """A black 1-bit PNG of ``width`` × ``height``, built row by row: a 20000 × 20000 one is some
    50 KB to upload, but 400 million pixels to whoever decodes it."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes((width + 7) // 8)  # filter byte, then the row's bits
    compressor = zlib.compressobj(9)
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


BOMB = png(20000, 20000)
TOO_LARGE = "This image is too large to process: it has more than 64000000 pixels."


class UploadChecksTests(WagtailTestUtils, TestCase):
    def setUp(self):
        self.login()
        self.collection = Collection.get_first_root_node().pk

    def upload_image(self, url_name, data, name="photo.png", field="file", prefix=""):
        upload = SimpleUploadedFile(name, data, "image/png")
        fields = {"title": "Upload", "collection": self.collection, field: upload}
        return self.client.post(reverse(url_name), {f"{prefix}{key}": value for key, value in fields.items()})

    def test_the_bomb_is_small_to_upload(self):
        self.assertLess(len(BOMB), 100 * 1024)

    def test_an_image_too_large_to_process_is_a_form_error_on_every_upload_path(self):
        single = self.upload_image("wagtailimages:add", BOMB)
        self.assertEqual(single.status_code, 200)
        self.assertFormError(single.context["form"], "file", TOO_LARGE)

        chooser = self.upload_image("wagtailimages_chooser:create", BOMB, prefix="image-chooser-upload-")
        self.assertEqual(chooser.json()["step"], "reshow_creation_form")
        self.assertIn(TOO_LARGE, chooser.json()["htmlFragment"])

        multiple = self.upload_image("wagtailimages:add_multiple", BOMB, field="files[]")
        self.assertEqual(multiple.status_code, 200)
        self.assertFalse(multiple.json()["success"])
        self.assertIn(TOO_LARGE, multiple.json()["error_message"])
        self.assertFalse(get_image_model().objects.exists())

    @override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=100 * 100)
    def test_an_image_at_the_limit_is_taken_and_one_pixel_row_more_is_refused(self):
        refused = self.upload_image("wagtailimages:add", png(100, 101))
        self.assertEqual(refused.status_code, 200)
        self.assertFormError(
            refused.context["form"], "file", "This file has too many pixels (10100). Maximum pixels 10000."
        )
        self.assertFalse(get_image_model().objects.exists())

        taken = self.upload_image("wagtailimages:add", png(100, 100))
        self.assertEqual(taken.status_code, 302)
        self.assertEqual(get_image_model().objects.get().file.name.split("/")[-1][:5], "photo")

    def upload_document(self, url_name, data, field="file", prefix=""):
        svg = SimpleUploadedFile("logo.svg", data, "image/svg+xml")
        fields = {"title": "Logo", "collection": self.collection, field: svg}
        return self.client.post(reverse(url_name), {f"{prefix}{key}": value for key, value in fields.items()})

    def test_an_svg_document_with_a_script_is_refused_with_the_reason_on_every_upload_path(self):
        reason = "This SVG cannot be used: it contains a &lt;script&gt; element"
        single = self.upload_document("wagtaildocs:add", SCRIPTED_SVG)
        self.assertEqual(single.status_code, 200)
        self.assertContains(single, reason)

        chooser = self.upload_document("wagtaildocs_chooser:create", SCRIPTED_SVG, prefix="document-chooser-upload-")
        self.assertEqual(chooser.json()["step"], "reshow_creation_form")
        self.assertIn(reason, chooser.json()["htmlFragment"])

        multiple = self.upload_document("wagtaildocs:add_multiple", SCRIPTED_SVG, field="files[]")
        self.assertFalse(multiple.json()["success"])
        self.assertIn("it contains a <script> element", multiple.json()["error_message"])
        self.assertFalse(get_document_model().objects.exists())

    def test_a_plain_svg_drawing_is_taken_as_a_document(self):
        response = self.upload_document("wagtaildocs:add", CLEAN_SVG)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(get_document_model().objects.get().title, "Logo")
