"""The press room's features in Spanish: the release line, the embargo line and the update and
correction notes of a Spanish story (and in the Spanish feed), the press contacts' cards, the
email-alert sign-up on the Spanish room, the filters' notices and the press kit's language switcher."""

import datetime
import re

from django.contrib.auth.models import User

from press.models import StoryCorrection
from presskit.models import PressKitPage
from tests.factories import make_story
from tests.languages.spanish_coalition import SpanishCoalitionTestCase, switcher_links
from tests.presskit_data import build_press_kit
from tests.sites import COALITION_HOST, translate

NOTED = datetime.datetime(2019, 3, 4, 18, 30, tzinfo=datetime.UTC)


class SpanishPagesTests(SpanishCoalitionTestCase):
    def test_a_spanish_story_shows_its_release_line_notes_and_end_mark_in_spanish(self):
        story = make_story(self.sites.coalition_press, "Coalition sues", slug="coalition-sues", release="immediate")
        story.corrections = [StoryCorrection(kind="correction", noted_at=NOTED, note="The date was wrong.")]
        story.save_revision().publish()
        historia = translate(story, title="La coalición demanda", slug="la-coalicion-demanda")
        historia.corrections = [StoryCorrection(kind="correction", noted_at=NOTED, note="La fecha era errónea.")]
        historia.save_revision().publish()

        html = self.get("/es/press/la-coalicion-demanda/")
        self.assertIn('<p class="story__release">Para publicación inmediata</p>', html)
        self.assertIn("<strong>Corregido <time", html)
        self.assertIn("4 de marzo de 2019</time>:</strong> La fecha era errónea.", html)
        self.assertIn("Actualizaciones y correcciones", html)
        self.assertIn('<span class="visually-hidden">Fin del comunicado</span>', html)
        self.assertNotIn("For immediate release", html)
        self.assertNotIn("March", html)

        # The Spanish feed: the note in Spanish, and a browser shows the Spanish explanation.
        feed = self.get("/es/press/feed/")
        self.assertIn("Corregido 4 de marzo de 2019: La fecha era errónea.", feed)
        self.assertIn('<?xml-stylesheet href="/static/feeds/feed.es.xsl" media="screen" type="text/xsl"?>', feed)
        stylesheet = b"".join(self.client.get("/static/feeds/feed.es.xsl").streaming_content).decode()
        self.assertIn("¿Qué es esta página?", stylesheet)
        self.assertIn('<html lang="es">', stylesheet)
        self.assertIn("Corrected March 4, 2019: The date was wrong.", self.get("/press/feed/"))

    def test_an_embargo_line_reads_as_spanish(self):
        lifts = datetime.datetime(2019, 3, 8, 18, 0, tzinfo=datetime.UTC)  # 10:00 in California
        story = make_story(
            self.sites.coalition_press,
            "Coalition responds",
            slug="coalition-responds",
            release="embargoed",
            embargoed_until=lifts,
        )
        translate(story, title="La coalición responde", slug="la-coalicion-responde")
        html = self.get("/es/press/la-coalicion-responde/")
        self.assertRegex(html, r"Embargado hasta <time[^>]*>el viernes 8 de marzo de 2019, 10:00 P[SD]T</time>")
        english = self.get("/press/coalition-responds/")
        self.assertRegex(english, r"Embargoed until <time[^>]*>Friday, March 8, 2019, 10:00 AM P[SD]T</time>")

    def test_the_spanish_press_room_shows_spanish_contact_cards_and_alert_sign_up(self):
        html = self.get("/es/press/")
        self.assertIn('<h2 class="block-contacts__heading">Contactos de prensa</h2>', html)
        self.assertIn("Guardar contacto", html)
        self.assertIn('<span class="visually-hidden">Teléfono: </span>', html)
        self.assertIn('<span class="visually-hidden">Correo electrónico: </span>', html)
        self.assertIn("Reciba las nuevas noticias por correo electrónico", html)
        self.assertIn("Alertas por correo electrónico", html)
        self.assertIn('<button type="submit" class="button">Suscribirse</button>', html)
        # Both sign-up forms (the room's and the footer's) post to the Spanish address.
        self.assertEqual(re.findall(r'<form method="post" action="([^"]+)"', html), ["/es/alerts/", "/es/alerts/"])
        self.assertNotIn("Save contact", html)
        self.assertNotIn("Get new stories by email", html)

    def test_contact_cards_give_a_spokespersons_spanish_title_when_there_is_one(self):
        self.assertIn("Communications Director", self.get("/es/press/"))
        translate(self.person, title="directora de comunicaciones")
        html = self.get("/es/press/")
        self.assertIn("directora de comunicaciones", html)
        self.assertNotIn("Communications Director", html)

    def test_a_new_spanish_story_starts_with_the_contacts_under_a_spanish_heading(self):
        self.client.force_login(User.objects.create_superuser("admin-es2", "admin@example.org", "x"))
        editor = self.client.get(f"/admin/pages/add/press/storypage/{self.es.coalition_press.pk}/")
        self.assertEqual(editor.status_code, 200)
        self.assertContains(editor, "Contactos de prensa")

    def test_an_impossible_year_is_ignored_with_a_spanish_notice(self):
        html = self.get("/es/press/?year=1800")
        self.assertIn("No hay noticias de 1800, así que se ignoró el año.", html)
        self.assertIn("There are no stories from 1800, so the year was ignored.", self.get("/press/?year=1800"))

    def test_the_press_kits_switcher_leads_to_the_spanish_press_room_when_the_kit_is_english_only(self):
        build_press_kit(self.sites.coalition_home)
        self.assertFalse(PressKitPage.objects.filter(locale__language_code="es").exists())
        links = switcher_links(self.get("/press-kit/"))
        self.assertEqual(links["es"], f"http://{COALITION_HOST}/es/press/")
        self.assertIn("Sala de prensa", self.get("/es/press/"))
