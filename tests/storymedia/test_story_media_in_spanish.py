"""A Spanish story's take-aways are in Spanish: its media section's words, and its release PDF's
labels (release line, date, media contacts, the link to read it online)."""

import shutil
import tempfile

from django.test import TestCase, override_settings
from wagtail.images.tests.utils import get_test_image_file

from images.models import CreditedImage
from tests.factories import block, example_contacts, make_story
from tests.sites import CIPC_HOST, build_press_sites, translate, translate_press_sites
from tests.storymedia.pdf_text import pdf_text

MEDIA = tempfile.mkdtemp(prefix="storymedia-es-test-media-")


def tearDownModule():
    shutil.rmtree(MEDIA, ignore_errors=True)


@override_settings(MEDIA_ROOT=MEDIA)
class SpanishStoryMediaTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        sites = build_press_sites()
        translate_press_sites(sites)
        alex, _jordan = example_contacts()
        cls.photo = CreditedImage.objects.create(
            title="Foto de muestra", file=get_test_image_file("muestra.png"), credit="Pat Example"
        )
        story = make_story(
            sites.cipc_press,
            "Sample story to translate",
            release="immediate",
            listing_image=cls.photo,
            body=[
                block("paragraph", "<p>Sample text.</p>"),
                block("media_contacts", {"heading": "Media contacts", "contacts": [alex.pk]}),
            ],
        )
        cls.historia = translate(story, title="Historia de muestra", slug="historia-de-muestra")
        cls.address = f"/es/press/{cls.historia.slug}/"

    def test_the_media_section_is_in_spanish(self):
        response = self.client.get(self.address, HTTP_HOST=CIPC_HOST)
        self.assertContains(response, '<h2 id="media-heading">Multimedia</h2>', html=True)
        self.assertContains(response, f'href="{self.address}release.pdf" download>Descargar el comunicado (PDF)</a>')
        self.assertContains(response, "640 × 480 píxeles")
        self.assertContains(response, "Crédito: Pat Example")
        original = f"{self.address}media/images/{self.photo.pk}/"
        self.assertContains(response, f'href="{original}" download>Descargar el original')

    def test_the_release_pdf_of_a_spanish_story_has_spanish_labels(self):
        response = self.client.get(f"{self.address}release.pdf", HTTP_HOST=CIPC_HOST)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="historia-de-muestra.pdf"')
        text = " ".join(pdf_text(response.content).split())
        for expected in (
            "PARA PUBLICACIÓN INMEDIATA",
            "1 de enero de 2019",
            "Historia de muestra",
            "###",
            "Contactos de prensa",
            "Leer en línea: http://localhost/es/press/historia-de-muestra/",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("For immediate release", text)

    def test_the_picture_downloads_under_the_spanish_address(self):
        response = self.client.get(f"{self.address}media/images/{self.photo.pk}/", HTTP_HOST=CIPC_HOST)
        self.assertEqual(response.status_code, 200)
        with self.photo.open_file() as original:
            self.assertEqual(b"".join(response.streaming_content), original.read())
