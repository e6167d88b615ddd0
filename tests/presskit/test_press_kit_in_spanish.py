"""The press kit in Spanish: a translation of the English kit (Wagtail's "Translate") at
/es/press-kit/, with its boilerplate, captions and fact sheet in Spanish and its own zip; the
language switcher and the header lead a Spanish reader to it."""

import io
import shutil
import tempfile
import zipfile

from django.core.cache import cache
from django.test import TestCase, override_settings

from tests.languages.spanish_coalition import switcher_links
from tests.presskit_data import HOJA, build_press_kit, translate_kit
from tests.sites import COALITION_HOST, build_press_sites, translate_press_sites

MEDIA = tempfile.mkdtemp(prefix="presskit-es-test-media-")


def tearDownModule():
    shutil.rmtree(MEDIA, ignore_errors=True)


@override_settings(MEDIA_ROOT=MEDIA)
class SpanishPressKitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.es = translate_press_sites(cls.sites)
        cls.kit = build_press_kit(cls.sites.coalition_home)
        cls.kit_es = translate_kit(cls.kit)

    def setUp(self):
        cache.clear()  # answers cached by an earlier test must not decide this one

    def get(self, path, status=200):
        response = self.client.get(path, HTTP_HOST=COALITION_HOST)
        self.assertEqual(response.status_code, status, path)
        return response

    def test_a_spanish_reader_gets_the_kit_in_spanish(self):
        response = self.get("/es/press-kit/")
        self.assertContains(response, '<html lang="es">')
        for words in (
            "<h1>Kit de prensa</h1>",
            "Acerca de Sample Network",
            "Sample Network es una organización ficticia de las pruebas.",
            "Logotipos",
            "Deje espacio libre alrededor.",
            "Directora de comunicaciones",
            "Hojas informativas",
            "Datos en breve",
            "Descargar el kit de prensa completo",
        ):
            self.assertContains(response, words)
        for english in ("Leave clear space around it.", "Communications Director", "Facts at a glance"):
            self.assertNotContains(response, english)

    def test_the_switcher_leads_from_one_kit_to_the_other(self):
        english = switcher_links(self.get("/press-kit/").content.decode())
        self.assertEqual(english["es"], f"http://{COALITION_HOST}/es/press-kit/")
        spanish = switcher_links(self.get("/es/press-kit/").content.decode())
        self.assertEqual(spanish["en"], f"http://{COALITION_HOST}/press-kit/")

    def test_spanish_pages_link_to_the_spanish_kit(self):
        for path in ("/es/", "/es/press/", "/es/press-kit/", "/es/search/?q=ice"):
            with self.subTest(path=path):
                self.assertContains(self.get(path), '<a href="/es/press-kit/"', count=1)
        self.assertContains(self.get("/press/"), '<li><a href="/press-kit/">Press kit</a></li>', html=True)

    def test_until_the_kit_is_translated_spanish_pages_link_to_the_english_kit(self):
        self.kit_es.unpublish()
        cache.clear()
        self.get("/es/press-kit/", status=404)
        self.assertContains(self.get("/es/press/"), '<li><a href="/press-kit/">Kit de prensa</a></li>', html=True)
        self.assertEqual(
            switcher_links(self.get("/press-kit/").content.decode())["es"], f"http://{COALITION_HOST}/es/press/"
        )

    def test_the_spanish_zip_holds_the_spanish_kit(self):
        response = self.get("/es/press-kit/download-all/")
        self.assertEqual(
            response["Content-Disposition"], 'attachment; filename="ice-out-of-california-kit-de-prensa.zip"'
        )
        zipped = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
        self.assertEqual(
            zipped.namelist(),
            ["logos/marca.png", "logos/marca.svg", "headshots/alex-sample.png", "fact-sheets/datos-en-breve.pdf"],
        )
        self.assertEqual(zipped.read("fact-sheets/datos-en-breve.pdf"), HOJA)
        # The English kit keeps its own archive and name.
        english = self.get("/press-kit/download-all/")
        self.assertEqual(english["Content-Disposition"], 'attachment; filename="ice-out-of-california-press-kit.zip"')
