"""Images, renditions and the press kit on the S3 server the stack uses (moto in server mode on
127.0.0.1), as production stores media: an upload lands in the bucket, a page shows its
rendition at the bucket's address and the browser can fetch it there, and the press kit's
files and its "download all" zip are read from and kept in the bucket."""

import io
import shutil
import tempfile
import urllib.request
import zipfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.models import Collection

from presskit import archive
from tests.branding.test_branding import CLEAN_SVG
from tests.presskit_data import PDF, assert_whole_kit, build_press_kit
from tests.servers import MotoS3Server
from tests.sites import COALITION_HOST, build_press_sites

S3 = MotoS3Server()
# Anything written to local disk by mistake lands here, where the tests look for it.
LOCAL_MEDIA = tempfile.mkdtemp(prefix="s3-test-local-media-")


def setUpModule():
    S3.start()


def tearDownModule():
    S3.stop()
    shutil.rmtree(LOCAL_MEDIA, ignore_errors=True)


def fetch(url):
    """GET ``url`` as a visitor's browser would (no credentials): (status, content type, body)."""
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers["Content-Type"], response.read()


@override_settings(MEDIA_ROOT=LOCAL_MEDIA, **S3.settings())
class MediaOnS3Tests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.kit = build_press_kit(cls.sites.coalition_home, name="ICE Out of California")
        cls.headshot = cls.kit.headshots.get().image

    def setUp(self):
        # Wagtail keeps rendition records per process: each test renders its own.
        caches["renditions"].clear()

    def get(self, path):
        return self.client.get(path, HTTP_HOST=COALITION_HOST)

    def test_an_uploaded_image_is_stored_in_the_bucket_not_on_disk(self):
        self.assertIn(self.headshot.file.name, S3.keys("original_images/"))
        with self.headshot.open_file() as image_file:
            self.assertEqual(S3.read(self.headshot.file.name), image_file.read())
        self.assertEqual([path for path in Path(LOCAL_MEDIA).rglob("*") if path.is_file()], [])

    def test_a_page_shows_a_rendition_the_browser_downloads_from_the_bucket(self):
        response = self.get("/press-kit/")
        self.assertEqual(response.status_code, 200)
        rendition = self.headshot.get_rendition("fill-240x300")
        self.assertTrue(rendition.url.startswith(f"{S3.endpoint}/{S3.bucket}/images/"), rendition.url)
        self.assertContains(response, f'src="{rendition.url}"')
        self.assertIn(rendition.file.name, S3.keys("images/"))

        status, content_type, body = fetch(rendition.url)
        self.assertEqual((status, content_type), (200, "image/png"))
        self.assertEqual(Image.open(io.BytesIO(body)).size, (240, 300))

    def test_each_press_kit_file_downloads_from_the_bucket(self):
        response = self.get("/press-kit/files/fact-sheets/facts-at-a-glance-pdf/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="facts-at-a-glance.pdf"')
        self.assertEqual(b"".join(response.streaming_content), PDF)

    def test_the_download_all_zip_is_built_from_the_bucket_and_kept_there(self):
        response = self.get("/press-kit/download-all/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/zip")
        zipped = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
        assert_whole_kit(self, zipped, headshot=S3.read(self.headshot.file.name))

        # Kept in the bucket, and the next download is that same zip, read back from it.
        stored = S3.keys(f"{archive.ARCHIVE_FOLDER}/{self.kit.pk}/")
        self.assertEqual(len(stored), 1, stored)
        again = b"".join(self.get("/press-kit/download-all/").streaming_content)
        self.assertEqual(again, S3.read(stored[0]))
        self.assertEqual(S3.keys(f"{archive.ARCHIVE_FOLDER}/{self.kit.pk}/"), stored)

    def test_an_uploaded_document_downloads_from_the_bucket_as_an_attachment_of_a_safe_type(self):
        """An SVG (or any document a browser would render) opened at its S3 address is a download,
        not a page on the media origin; a PDF keeps its type, to open in the reader."""
        self.client.force_login(get_user_model().objects.create_superuser("s3-editor", "e@example.org", "pw"))
        for name, data, content_type in (
            ("logo.svg", CLEAN_SVG, "application/octet-stream"),
            ("facts.pdf", PDF, "application/pdf"),
        ):
            with self.subTest(name=name):
                upload = SimpleUploadedFile(name, data)
                root = Collection.get_first_root_node().pk
                response = self.client.post(
                    "/admin/documents/add/", {"title": name, "file": upload, "collection": root}
                )
                self.assertEqual(response.status_code, 302)
                document = get_document_model().objects.get(title=name)
                self.assertTrue(
                    document.file.url.startswith(f"{S3.endpoint}/{S3.bucket}/documents/"), document.file.url
                )
                with urllib.request.urlopen(document.file.url, timeout=30) as stored:
                    filename = document.file.name.rsplit("/", 1)[-1]
                    self.assertEqual(stored.headers["Content-Disposition"], f'attachment; filename="{filename}"')
                    self.assertEqual(stored.headers["Content-Type"], content_type)
                    self.assertEqual(stored.read(), data)
