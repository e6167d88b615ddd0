"""A site's tagline and footer text in Spanish: an editor writes them on the site's branding,
and every Spanish page shows them (the footer, the description link previews use) while the
English pages keep the English ones. Loading them costs a Spanish page no query."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import rich_text

from core.models import SiteBranding, SiteBrandingText
from tests.branding.forms import branding_form_data
from tests.sites import CIPC_HOST, build_press_sites, translate_press_sites

FOOTER = "<p>The sample press room of a fictional organization.</p>"
PIE = "<p>La sala de prensa de muestra de una organización ficticia.</p>"


class SpanishBrandingTextTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        translate_press_sites(cls.sites)
        cls.branding = SiteBranding.objects.get(site=cls.sites.cipc_site)
        cls.branding.tagline = "Statements from a fictional organization."
        cls.branding.footer_text = FOOTER
        cls.branding.save()

    def get(self, path):
        response = self.client.get(path, HTTP_HOST=CIPC_HOST)
        self.assertEqual(response.status_code, 200)
        return response

    def test_spanish_pages_show_the_spanish_tagline_and_footer(self):
        SiteBrandingText.objects.create(
            branding=self.branding,
            language="es",
            tagline="Declaraciones de una organización ficticia.",
            footer_text=PIE,
        )
        for path in ("/es/", "/es/press/", "/es/search/?q=ley"):
            with self.subTest(path=path):
                page = self.get(path)
                self.assertContains(page, "La sala de prensa de muestra de una organización ficticia.")
                self.assertNotContains(page, "The sample press room of a fictional organization.")
        self.assertContains(
            self.get("/es/"), '<meta name="description" content="Declaraciones de una organización ficticia.">'
        )
        english = self.get("/")
        self.assertContains(english, "The sample press room of a fictional organization.")
        self.assertContains(english, '<meta name="description" content="Statements from a fictional organization.">')
        self.assertNotContains(english, "organización ficticia")

    def test_without_spanish_texts_spanish_pages_show_the_sites_own(self):
        page = self.get("/es/press/")
        self.assertContains(page, "The sample press room of a fictional organization.")

    def test_the_spanish_texts_cost_a_spanish_page_no_query(self):
        counts = []
        for texts in (False, True):
            if texts:
                SiteBrandingText.objects.create(branding=self.branding, language="es", footer_text=PIE)
            self.get("/es/press/")  # renditions and caches, as a second visitor finds them
            with CaptureQueriesContext(connection) as queries:
                self.get("/es/press/")
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])


class SpanishBrandingAdminTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        translate_press_sites(cls.sites)

    def setUp(self):
        self.login()
        self.url = reverse("wagtailsettings:edit", args=["core", "sitebranding", self.sites.cipc_site.pk])

    def data(self, *texts):
        data = branding_form_data(footer_text=rich_text("<p>The sample press room.</p>"))
        data.update({"texts-TOTAL_FORMS": str(len(texts))})
        for n, (language, tagline, footer) in enumerate(texts):
            data.update(
                {
                    f"texts-{n}-language": language,
                    f"texts-{n}-tagline": tagline,
                    f"texts-{n}-footer_text": rich_text(f"<p>{footer}</p>"),
                    f"texts-{n}-id": "",
                    f"texts-{n}-ORDER": str(n + 1),
                    f"texts-{n}-DELETE": "",
                }
            )
        return data

    def test_the_branding_form_offers_the_other_languages(self):
        form = self.client.get(self.url)
        self.assertContains(form, "In other languages")
        self.assertContains(form, '<option value="es">Español</option>', html=True)
        self.assertNotContains(form, '<option value="en">English</option>', html=True)

    def test_an_editor_gives_the_spanish_footer_and_spanish_pages_show_it(self):
        response = self.client.post(self.url, self.data(("es", "Una organización ficticia.", "La sala de muestra.")))
        self.assertEqual(response.status_code, 302)
        self.assertContains(self.client.get("/es/", HTTP_HOST=CIPC_HOST), "La sala de muestra.")
        self.assertContains(self.client.get("/", HTTP_HOST=CIPC_HOST), "The sample press room.")

    def test_two_footers_for_one_language_are_a_form_error_that_keeps_the_input(self):
        response = self.client.post(
            self.url, self.data(("es", "Primera versión", "Uno."), ("es", "Segunda versión", "Dos."))
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Segunda versión")
        self.assertFalse(SiteBrandingText.objects.exists())
        self.assertTrue(response.context["form"].formsets["texts"].non_form_errors())
