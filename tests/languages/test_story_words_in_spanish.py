"""A story translated with Wagtail's "Translate" reads as Spanish all through: the words the
page puts together itself (block headings, the signatories' lead-in, the languages a contact
speaks) come out in Spanish, though the copy keeps what the English story stored."""

from django.contrib.auth import get_user_model
from django.test import SimpleTestCase
from django.utils import translation
from wagtail.models import Locale

from core.wording import languages_spoken
from press.models import StoryPage
from tests.factories import SpokespersonFactory, block, make_story
from tests.languages.spanish_coalition import SpanishCoalitionTestCase
from tests.sites import translate

# A fictional committee and fictional signatories: the statement's words are made up, so no
# real coalition or member issues them.
STEERING_COMMITTEE = "the Example Alliance Steering Committee"
COMITE_DIRECTIVO = "el Comité Directivo de la Alianza Ejemplo"


class TranslatedStoryTests(SpanishCoalitionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.sites.coalition_home.signatories_heading = STEERING_COMMITTEE
        cls.sites.coalition_home.save_revision().publish()
        cls.es.coalition_home.signatories_heading = COMITE_DIRECTIVO
        cls.es.coalition_home.save_revision().publish()
        cls.contact = SpokespersonFactory(
            name="Riley Example",
            slug="riley-example",
            organization=cls.sites.sample_org,
            languages="English, Spanish",
        )
        cls.story = make_story(
            cls.sites.coalition_press,
            "Coalition statement on a fictional ruling",
            slug="coalition-statement",
            signatories=[cls.sites.sample_org, cls.sites.sample_legal_org],
            signatories_heading=STEERING_COMMITTEE,
            body=[
                block("signatories_statement", {"text": "<p>A sample statement.</p>"}),
                block("media_contacts", {"heading": "Media contacts", "contacts": [cls.contact.pk]}),
            ],
        )

    def test_a_stored_english_heading_shows_in_spanish_with_spanish_language_names(self):
        # A copy made before translations started in Spanish: everything stored is English.
        translate(self.story, title="Declaración sobre un fallo ficticio", slug="declaracion")
        copy = StoryPage.objects.get(slug="declaracion")
        copy.signatories_heading = STEERING_COMMITTEE
        copy.body = self.story.body.raw_data
        copy.save_revision().publish()
        html = self.get("/es/press/declaracion/")
        self.assertIn("Contactos de prensa", html)
        self.assertIn("Habla inglés y español", html)
        for english in ("Media contacts", "Speaks", "English, Spanish"):
            self.assertNotIn(english, html)
        english = self.get("/press/coalition-statement/")
        self.assertIn("Media contacts", english)
        self.assertIn("Speaks English, Spanish", english)  # as the editor typed it

    def test_translate_starts_the_copy_with_the_sites_spanish_heading(self):
        copy = self.story.copy_for_translation(Locale.objects.get(language_code="es")).specific
        self.assertEqual(copy.signatories_heading, COMITE_DIRECTIVO)
        # The editor opens the draft in Spanish, and publishing it keeps it.
        draft = copy.get_latest_revision_as_object()
        self.assertEqual(draft.signatories_heading, COMITE_DIRECTIVO)
        self.assertEqual(draft.body[1].value["heading"], "Contactos de prensa")
        self.client.force_login(get_user_model().objects.create_superuser("es-editor", "es@example.org", "x"))
        editor = self.client.get(f"/admin/pages/{copy.pk}/edit/")
        self.assertContains(editor, COMITE_DIRECTIVO)
        self.client.logout()
        draft.slug = "declaracion-nueva"
        draft.save_revision().publish()
        html = self.get("/es/press/declaracion-nueva/")
        self.assertIn(
            "El Comité Directivo de la Alianza Ejemplo, que incluye a Example Immigrant Rights Network y "
            "Sample Legal Aid Network, emitió la siguiente declaración:",
            html,
        )
        self.assertNotIn("Steering Committee", html)

    def test_a_heading_of_the_editors_own_is_kept(self):
        self.story.signatories_heading = "the members of a fictional alliance"
        self.story.save_revision().publish()
        copy = self.story.copy_for_translation(Locale.objects.get(language_code="es")).specific
        self.assertEqual(copy.signatories_heading, "the members of a fictional alliance")


class LanguagesSpokenTests(SimpleTestCase):
    def test_languages_read_as_a_spanish_page_says_them(self):
        cases = {
            "English, Spanish": "inglés y español",
            "Spanish and English": "español e inglés",
            "english / spanish / Tagalog": "inglés, español y tagalo",
            "Spanish, Hindi": "español e hindi",
            "Spanish; Mixtec": "español y mixteco",
            "Spanish, Klingon": "español y Klingon",  # a name it does not know: as typed
            "inglés y español": "inglés y español",
            "": "",
        }
        for typed, spanish in cases.items():
            with self.subTest(typed=typed):
                with translation.override("en"):
                    self.assertEqual(languages_spoken(typed), typed)  # English pages: as typed
                with translation.override("es"):
                    self.assertEqual(languages_spoken(typed), spanish)
