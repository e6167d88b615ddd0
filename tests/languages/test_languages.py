"""Both press rooms in English and Spanish: English at today's addresses, Spanish under /es/.

What a visitor, a journalist and an editor notice: the addresses, the language of every word
on the page, the switcher and the alternates that lead from one language to the other, dates
and month names, search with Spanish stemming, cross-listing per language, Wagtail's
"Translate" going through the site's moderation, and bad input that never makes a 500."""

import datetime
import gettext
import io
import re
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.test import SimpleTestCase, TestCase
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from core.models import Category, Spokesperson
from images.models import CreditedImage as Image
from languages.management.commands.compile_translations import mo_bytes, parse_po
from press.models import StoryPage
from tests.editors import story_form_data, team_members
from tests.factories import SpokespersonFactory, TopicFactory, block, make_story, statement
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites, translate, translate_press_sites


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def alternates(response):
    """{hreflang: href} of the page's <link rel="alternate" hreflang> elements."""
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', response.content.decode()))


def switcher_links(response):
    """{language code: href} of the language switcher's links."""
    nav = re.search(r'<nav class="language-switcher".*?</nav>', response.content.decode(), re.S).group(0)
    return {code: href for href, code in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav)}


class BilingualSitesTestCase(TestCase):
    """Both sites with Spanish home pages and press rooms; a statement in both languages on
    CIPC's site, an English-only story beside it, and a coalition statement CIPC signed, in both."""

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.es = translate_press_sites(cls.sites)
        cls.statement = cls.sites.statement
        cls.declaracion = translate(cls.statement, name="Declaración")
        cls.topic = TopicFactory(name="Detention and deportation", slug="detention-and-deportation")
        translate(cls.topic, name="Detención y deportación")
        cls.person = SpokespersonFactory(
            name="Casey Placeholder",
            slug="casey-placeholder",
            title="Executive Director",
            organization=cls.sites.sample_org,
        )
        translate(cls.person, title="directora ejecutiva")
        cls.story = make_story(
            cls.sites.cipc_press,
            "CIPC praises CA legal action",
            slug="cipc-praises-ca-legal-action",
            date=datetime.date(2019, 2, 15),
            category=cls.statement,
            topics=[cls.topic],
            body=[statement(cls.person, "<p>President Trump’s declaration must be called out.</p>")],
            summary="Casey Placeholder issued the following statement about immigrants.",
        )
        cls.historia = translate(
            cls.story,
            title="El CIPC elogia la acción legal de California",
            slug="cipc-elogia-accion-legal",
            summary="Casey Placeholder emitió una declaración sobre los inmigrantes de California.",
            body=[statement(cls.person, "<p>La declaración del presidente Trump debe ser denunciada.</p>")],
        )
        cls.english_only = make_story(
            cls.sites.cipc_press, "Only in English", slug="only-in-english", date=datetime.date(2018, 7, 9)
        )
        cls.coalition_story = make_story(
            cls.sites.coalition_press,
            "ICE should not politicize tragedy",
            slug="ice-should-not-politicize-tragedy",
            date=datetime.date(2018, 12, 20),
            signatories=cls.sites.members,
        )
        cls.coalition_historia = translate(
            cls.coalition_story,
            title="ICE no debe politizar la tragedia",
            slug="ice-no-debe-politizar-la-tragedia",
            summary="Resumen de la declaración.",
        )

    def setUp(self):
        cache.clear()  # answers cached by an earlier test must not decide this one


class AddressTests(BilingualSitesTestCase):
    def test_english_keeps_todays_addresses_and_spanish_lives_under_es(self):
        pages = [
            (CIPC_HOST, "/", "en"),
            (CIPC_HOST, "/press/", "en"),
            (CIPC_HOST, "/press/cipc-praises-ca-legal-action/", "en"),
            (CIPC_HOST, "/search/?q=court", "en"),
            (CIPC_HOST, "/es/", "es"),
            (CIPC_HOST, "/es/press/", "es"),
            (CIPC_HOST, "/es/press/cipc-elogia-accion-legal/", "es"),
            (CIPC_HOST, "/es/search/?q=tribunal", "es"),
            (COALITION_HOST, "/es/", "es"),
            (COALITION_HOST, "/es/press/ice-no-debe-politizar-la-tragedia/", "es"),
        ]
        for host, path, language in pages:
            with self.subTest(path=path, host=host):
                response = self.client.get(path, HTTP_HOST=host)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(html_lang(response), language)
                self.assertEqual(response["Content-Language"], language)

    def test_spanish_pages_speak_spanish(self):
        room = self.client.get("/es/press/", HTTP_HOST=CIPC_HOST)
        for words in ("Sala de prensa", "Buscar una noticia", "Mostrar noticias", "Cualquier año", "Declaración"):
            self.assertContains(room, words)
        self.assertContains(room, "15 de febrero de 2019")
        self.assertContains(room, "2 noticias")
        self.assertNotContains(room, "Find a story")
        self.assertContains(
            room, '<meta name="description" content="Noticias y declaraciones de California Immigrant Policy Center.">'
        )
        story = self.client.get("/es/press/cipc-elogia-accion-legal/", HTTP_HOST=CIPC_HOST)
        self.assertContains(
            story,
            "Casey Placeholder, directora ejecutiva del Example Immigrant Rights Network, emitió la siguiente "
            "declaración:",
        )
        self.assertContains(story, "Detención y deportación")  # the topic's Spanish name
        self.assertContains(story, "Compartir esta noticia")
        # The same story's English page is untouched.
        english = self.client.get("/press/cipc-praises-ca-legal-action/", HTTP_HOST=CIPC_HOST)
        self.assertContains(
            english,
            "Casey Placeholder, Executive Director of the Example Immigrant Rights Network, issued the following "
            "statement:",
        )
        self.assertContains(english, "February 15, 2019")
        self.assertContains(english, "Detention and deportation")

    def test_filters_keep_their_names_and_slugs_and_months_are_spanish(self):
        response = self.client.get("/es/press/?year=2019&month=2&category=statement", HTTP_HOST=CIPC_HOST)
        self.assertContains(response, "1 noticia")
        self.assertContains(response, '<option value="2" selected>febrero (1)</option>', html=True)
        self.assertContains(response, "El CIPC elogia la acción legal de California")
        english = self.client.get("/press/?year=2019&month=2&category=statement", HTTP_HOST=CIPC_HOST)
        self.assertContains(english, '<option value="2" selected>February (1)</option>', html=True)

    def test_the_spanish_feed_is_spanish(self):
        response = self.client.get("/es/press/feed/", HTTP_HOST=CIPC_HOST)
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertIn("<language>es</language>", body)
        self.assertIn("Últimas noticias de Sala de prensa", body)
        self.assertIn("El CIPC elogia la acción legal de California", body)
        self.assertNotIn("CIPC praises CA legal action", body)
        self.assertIn("<category>Declaración</category>", body)

    def test_bad_prefixes_and_language_games_are_404s_or_ignored_never_500s(self):
        for path in ("/fr/", "/fr/press/", "/es-mx/", "/en/", "/en/press/", "/ES/", "/xx-yy/press/", "/es/fr/"):
            with self.subTest(path=path):
                response = self.client.get(path, HTTP_HOST=CIPC_HOST)
                self.assertEqual(response.status_code, 404)
        # A Spanish slug under English, or an English slug under /es/ (no Spanish version): 404s.
        for path in ("/press/cipc-elogia-accion-legal/", "/es/press/only-in-english/"):
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path, HTTP_HOST=CIPC_HOST).status_code, 404)
        spanish_404 = self.client.get("/es/no-such-page/", HTTP_HOST=CIPC_HOST)
        self.assertContains(spanish_404, "Página no encontrada", status_code=404)
        self.assertEqual(html_lang(spanish_404), "es")
        # ?lang= is not how a language is chosen: the address is.
        for query in ("?lang=es", "?lang=../../etc", "?language=es&lang=%00"):
            with self.subTest(query=query):
                response = self.client.get("/press/" + query, HTTP_HOST=CIPC_HOST)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(html_lang(response), "en")

    def test_accept_language_never_changes_an_address_or_breaks_it(self):
        for header in ("es", "es-MX,es;q=0.9", "garbage;;;q=x,,", "\x00\x01", "*", "x" * 5000, "zz-ZZ;q=1.5"):
            with self.subTest(header=header[:20]):
                response = self.client.get("/press/", HTTP_HOST=CIPC_HOST, HTTP_ACCEPT_LANGUAGE=header)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(html_lang(response), "en")
                # One cached copy per address: the shared cache need not vary on the header.
                self.assertNotIn("Accept-Language", response.get("Vary", ""))
        spanish = self.client.get("/es/press/", HTTP_HOST=CIPC_HOST, HTTP_ACCEPT_LANGUAGE="en-US")
        self.assertEqual(html_lang(spanish), "es")

    def test_a_spanish_visit_leaves_the_english_room_in_english(self):
        # Nothing the Spanish room worked out (its facets' words) reaches the English room.
        self.client.get("/es/press/?year=2019", HTTP_HOST=CIPC_HOST)
        english = self.client.get("/press/?year=2019", HTTP_HOST=CIPC_HOST)
        self.assertContains(english, "Any month")
        self.assertNotContains(english, "Cualquier mes")


class SwitcherAndAlternatesTests(BilingualSitesTestCase):
    def test_a_translated_story_links_to_its_other_language(self):
        english = self.client.get("/press/cipc-praises-ca-legal-action/", HTTP_HOST=CIPC_HOST)
        self.assertEqual(switcher_links(english), {"es": "http://localhost/es/press/cipc-elogia-accion-legal/"})
        spanish = self.client.get("/es/press/cipc-elogia-accion-legal/", HTTP_HOST=CIPC_HOST)
        self.assertEqual(switcher_links(spanish), {"en": "http://localhost/press/cipc-praises-ca-legal-action/"})
        expected = {
            "en": "http://localhost/press/cipc-praises-ca-legal-action/",
            "es": "http://localhost/es/press/cipc-elogia-accion-legal/",
            "x-default": "http://localhost/press/cipc-praises-ca-legal-action/",
        }
        self.assertEqual(alternates(english), expected)
        self.assertEqual(alternates(spanish), expected)
        self.assertContains(
            spanish, '<link rel="canonical" href="http://localhost/es/press/cipc-elogia-accion-legal/">'
        )

    def test_an_untranslated_story_leads_to_the_spanish_press_room_never_a_404(self):
        english = self.client.get("/press/only-in-english/", HTTP_HOST=CIPC_HOST)
        target = switcher_links(english)["es"]
        self.assertEqual(target, "http://localhost/es/press/")
        self.assertEqual(self.client.get(target.removeprefix("http://localhost"), HTTP_HOST=CIPC_HOST).status_code, 200)
        self.assertEqual(set(alternates(english)), {"en", "x-default"})

    def test_every_page_kind_has_a_switcher_that_leads_somewhere(self):
        for host, path in [
            (CIPC_HOST, "/"),
            (CIPC_HOST, "/es/"),
            (CIPC_HOST, "/press/?year=2019&topic=detention-and-deportation"),
            (CIPC_HOST, "/es/search/?q=inmigrantes"),
            (COALITION_HOST, "/es/press/"),
            (CIPC_HOST, "/no-such-page/"),
            (CIPC_HOST, "/es/no-such-page/"),
        ]:
            with self.subTest(host=host, path=path):
                response = self.client.get(path, HTTP_HOST=host)
                links = switcher_links(response)
                self.assertEqual(len(links), 1)
                for href in links.values():
                    target = self.client.get(href.removeprefix(f"http://{host}"), HTTP_HOST=host)
                    self.assertEqual(target.status_code, 200, href)

    def test_search_switches_language_with_its_words(self):
        response = self.client.get("/search/?q=immigrants", HTTP_HOST=CIPC_HOST)
        self.assertEqual(switcher_links(response), {"es": "http://localhost/es/search/?q=immigrants"})

    def test_json_ld_says_the_storys_language(self):
        spanish = self.client.get("/es/press/cipc-elogia-accion-legal/", HTTP_HOST=CIPC_HOST).content.decode()
        self.assertIn('"inLanguage": "es"', spanish)
        self.assertIn('"articleSection": "Declaración"', spanish)
        english = self.client.get("/press/cipc-praises-ca-legal-action/", HTTP_HOST=CIPC_HOST).content.decode()
        self.assertIn('"inLanguage": "en"', english)

    def test_each_sites_sitemap_lists_both_languages_with_alternates(self):
        body = self.client.get("/sitemap.xml", HTTP_HOST=CIPC_HOST).content.decode()
        self.assertIn("<loc>http://localhost/es/press/cipc-elogia-accion-legal/</loc>", body)
        self.assertIn(
            '<xhtml:link rel="alternate" hreflang="es" href="http://localhost/es/press/cipc-elogia-accion-legal/"/>',
            body,
        )
        self.assertIn(
            '<xhtml:link rel="alternate" hreflang="x-default" href="http://localhost/press/cipc-praises-ca-legal-action/"/>',
            body,
        )
        self.assertNotIn("ice-no-debe-politizar", body)  # the coalition's pages are in its own sitemap
        coalition = self.client.get("/sitemap.xml", HTTP_HOST=COALITION_HOST).content.decode()
        self.assertIn("<loc>http://iceout.localhost/es/press/ice-no-debe-politizar-la-tragedia/</loc>", coalition)


class SpanishListingTests(BilingualSitesTestCase):
    def test_the_spanish_room_lists_spanish_stories_and_points_to_the_rest(self):
        room = self.client.get("/es/press/", HTTP_HOST=CIPC_HOST)
        self.assertContains(room, "El CIPC elogia la acción legal de California")
        self.assertNotContains(room, "Only in English")
        self.assertNotContains(room, "CIPC praises CA legal action")
        self.assertContains(room, 'Todas las noticias están también en la <a href="http://localhost/press/">')

    def test_cipcs_spanish_room_lists_the_spanish_coalition_statement_cipc_signed(self):
        room = self.client.get("/es/press/", HTTP_HOST=CIPC_HOST)
        self.assertContains(room, "ICE no debe politizar la tragedia")
        self.assertContains(room, 'href="http://iceout.localhost/es/press/ice-no-debe-politizar-la-tragedia/"')
        self.assertContains(room, "De ICE Out of California")
        self.assertNotContains(room, "ICE should not politicize tragedy")
        english = self.client.get("/press/", HTTP_HOST=CIPC_HOST)
        self.assertContains(english, "ICE should not politicize tragedy")
        self.assertNotContains(english, "ICE no debe politizar la tragedia")

    def test_spanish_search_stems_spanish_words_and_english_search_is_unchanged(self):
        # "inmigrantes" in the summary; searched as "inmigrante" (and the other way round).
        for words in ("inmigrante", "inmigrantes"):
            with self.subTest(words=words):
                response = self.client.get(f"/es/search/?q={words}", HTTP_HOST=CIPC_HOST)
                self.assertContains(response, "El CIPC elogia la acción legal de California")
                self.assertContains(response, "1 resultado")
        self.assertContains(self.client.get("/es/press/?q=inmigrante", HTTP_HOST=CIPC_HOST), "1 noticia")
        english = self.client.get("/search/?q=immigrant", HTTP_HOST=CIPC_HOST)
        self.assertContains(english, "CIPC praises CA legal action")
        self.assertNotContains(english, "El CIPC elogia")

    def test_a_spanish_title_that_opens_with_its_category_shows_no_badge_twice(self):
        self.historia.title = "Declaración: El CIPC elogia la acción legal"
        self.historia.save_revision().publish()
        badge = re.compile(r'class="label"[^>]*>\s*Declaración\s*<')
        story = self.client.get("/es/press/cipc-elogia-accion-legal/", HTTP_HOST=CIPC_HOST).content.decode()
        self.assertIn("Declaración: El CIPC elogia la acción legal", story)
        self.assertIsNone(badge.search(story))
        room = self.client.get("/es/press/", HTTP_HOST=CIPC_HOST).content.decode()
        cards = re.findall(r'<article class="story-card.*?</article>', room, re.S)
        card = next(card for card in cards if "Declaración: El CIPC elogia la acción legal" in card)
        self.assertIsNone(badge.search(card))
        # A title that does not open with it keeps its badge.
        self.assertRegex(
            self.client.get("/press/", HTTP_HOST=CIPC_HOST).content.decode(), r'class="label"[^>]*>\s*Statement\s*<'
        )

    def test_story_pages_name_people_and_labels_by_the_english_record(self):
        # The Spanish story's spokespeople and category are the English records, shown in Spanish.
        self.assertEqual(list(self.historia.spokespeople.all()), [self.person])
        self.assertEqual(self.historia.category, self.statement)
        self.assertEqual(Spokesperson.objects.filter(slug="casey-placeholder").count(), 2)
        self.assertEqual(Category.objects.filter(slug="statement").count(), 2)


class SpanishQueryBudgetTests(BilingualSitesTestCase):
    """Spanish pages cost at most two queries more than their English equivalents (a story
    four: Wagtail finds the Spanish site root with a query of its own, and the page reads the
    directory of categories, topics and organisations in both languages to name them in
    Spanish, where the English story has its category joined to it by routing and reads no
    directory for it). What each costs is pinned in tests/caching/test_query_budget.py."""

    def count(self, host, path):
        self.client.get(path, HTTP_HOST=host)  # renditions made
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(path, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_spanish_pages_cost_at_most_two_queries_more(self):
        pairs = [
            ("home", CIPC_HOST, "/", "/es/"),
            ("press room", CIPC_HOST, "/press/", "/es/press/"),
            ("filtered", CIPC_HOST, "/press/?year=2019&category=statement", "/es/press/?year=2019&category=statement"),
            ("story", CIPC_HOST, "/press/cipc-praises-ca-legal-action/", "/es/press/cipc-elogia-accion-legal/"),
            ("search", CIPC_HOST, "/search/?q=cipc", "/es/search/?q=cipc"),
        ]
        for name, host, english, spanish in pairs:
            with self.subTest(name):
                more = 4 if name == "story" else 2
                self.assertLessEqual(self.count(host, spanish), self.count(host, english) + more)


class TranslateInTheAdminTests(TestCase):
    """An editor makes the Spanish story from the English one with Wagtail's "Translate"; it
    keeps what needs no translating and goes through the site's moderation."""

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.es = translate_press_sites(cls.sites)
        cls.users = team_members(cls.sites)  # teams made after the Spanish roots: they cover them
        cls.person = SpokespersonFactory(name="Casey Placeholder", organization=cls.sites.sample_org)
        cls.topic = TopicFactory()
        cls.image = Image.objects.create(title="Rally", file=get_test_image_file())
        cls.story = make_story(
            cls.sites.coalition_press,
            "Statement on the emergency declaration",
            slug="statement-on-the-emergency-declaration",
            date=datetime.date(2019, 2, 15),
            category=cls.sites.statement,
            topics=[cls.topic],
            signatories=cls.sites.members,
            listing_image=cls.image,
            body=[statement(cls.person), block("paragraph", "<p>More.</p>")],
        )
        cls.spanish = Locale.objects.get(language_code="es")

    def translate_as(self, user):
        self.client.force_login(user)
        return self.client.post(f"/admin/translation/submit/page/{self.story.pk}/", {"locales": [self.spanish.pk]})

    def test_the_copy_keeps_date_category_topics_signatories_and_image(self):
        response = self.translate_as(self.users["iceout-editor"])
        copy = self.story.get_translation(self.spanish)
        self.assertRedirects(response, f"/admin/pages/{copy.pk}/edit/", fetch_redirect_response=False)
        self.assertEqual(copy.get_parent().pk, self.es.coalition_press.pk)
        self.assertFalse(copy.live)  # a draft until moderated
        self.assertEqual(
            (copy.date, copy.category, copy.listing_image), (self.story.date, self.sites.statement, self.image)
        )
        self.assertEqual(list(copy.topics.all()), [self.topic])
        self.assertEqual([s.organization for s in copy.signatories.all()], self.sites.members)
        self.assertEqual(copy.body.raw_data[0]["value"]["spokesperson"], self.person.pk)

    def test_the_translation_is_submitted_to_the_sites_moderators_and_published_by_them(self):
        self.translate_as(self.users["iceout-editor"])
        copy = self.story.get_translation(self.spanish)
        editor = self.client.get(f"/admin/pages/{copy.pk}/edit/")
        self.assertContains(editor, "Submit to ICE Out of California moderation")
        self.assertNotContains(editor, 'name="action-publish"')
        data = story_form_data(
            category=self.sites.statement,
            spokesperson=self.person,
            signatories=self.sites.members,
            action="submit",
            title="Declaración sobre la declaración de emergencia",
            slug="declaracion-sobre-la-emergencia",
        )
        data["topics"] = [str(self.topic.pk)]
        data["listing_image"] = str(self.image.pk)
        self.client.post(f"/admin/pages/{copy.pk}/edit/", data)
        copy.refresh_from_db()
        self.assertEqual(copy.status_string, "in moderation")
        self.assertEqual(
            self.client.get("/es/press/declaracion-sobre-la-emergencia/", HTTP_HOST=COALITION_HOST).status_code, 404
        )

        self.client.force_login(self.users["iceout-moderator"])
        task_state = copy.current_workflow_task_state
        self.client.post(f"/admin/pages/workflow/action/{copy.pk}/approve/{task_state.pk}/", {"comment": ""})
        self.client.logout()
        page = self.client.get("/es/press/declaracion-sobre-la-emergencia/", HTTP_HOST=COALITION_HOST)
        self.assertContains(page, "Declaración sobre la declaración de emergencia")
        self.assertContains(page, "15 de febrero de 2019")

    def test_another_sites_editor_cannot_translate_or_see_the_translation(self):
        response = self.translate_as(self.users["cipc-editor"])
        self.assertIn(response.status_code, {302, 403})
        self.assertIsNone(self.story.get_translation_or_none(self.spanish))
        self.translate_as(self.users["iceout-editor"])
        copy = self.story.get_translation(self.spanish)
        self.client.force_login(self.users["cipc-editor"])
        self.assertIn(self.client.get(f"/admin/pages/{copy.pk}/edit/").status_code, {302, 403})

    def test_a_forged_locale_without_a_translated_parent_is_refused_not_a_500(self):
        german = Locale.objects.create(language_code="de")
        self.client.force_login(self.users["iceout-editor"])
        response = self.client.post(f"/admin/translation/submit/page/{self.story.pk}/", {"locales": [german.pk]})
        self.assertContains(response, "Translate the parent page into")
        self.assertIsNone(self.story.get_translation_or_none(german))
        self.assertFalse(StoryPage.objects.filter(locale=german).exists())


class CatalogueTests(SimpleTestCase):
    """The Spanish catalogue as `make run`, `make test` and the Docker build compile it."""

    PO = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"

    def test_every_interface_string_is_translated_with_the_same_placeholders(self):
        entries = parse_po(self.PO.read_text(encoding="utf-8"))
        placeholder = re.compile(r"%\((\w+)\)s")
        self.assertGreater(len(entries), 100)
        untranslated = re.findall(r'msgstr ""\n\n', self.PO.read_text(encoding="utf-8").split("\n\n", 1)[1] + "\n\n")
        self.assertEqual(untranslated, [])
        for key, value in entries.items():
            if not key:
                continue  # the header
            source = key.split("\x04")[-1]
            for form in value.split("\0"):
                with self.subTest(source=source[:60]):
                    self.assertEqual(set(placeholder.findall(form)), set(placeholder.findall(source)))

    def test_the_compiled_catalogue_is_what_gettext_reads(self):
        entries = parse_po(self.PO.read_text(encoding="utf-8"))
        catalogue = gettext.GNUTranslations(io.BytesIO(mo_bytes(entries)))
        self.assertEqual(catalogue.gettext("Press room"), "Sala de prensa")
        self.assertEqual(catalogue.pgettext("long date format", "F j, Y"), r"j \d\e F \d\e Y")
        self.assertEqual(catalogue.ngettext("%(counter)s story", "%(counter)s stories", 2), "%(counter)s noticias")
        self.assertEqual(catalogue.ngettext("%(counter)s story", "%(counter)s stories", 1), "%(counter)s noticia")


class NewLanguageTreeGetsTheTeamTests(TestCase):
    def test_translating_a_home_page_later_gives_the_sites_team_and_workflow_the_new_tree(self):
        sites = build_press_sites()
        users = team_members(sites)  # teams made before any Spanish page exists
        with self.captureOnCommitCallbacks(execute=True):
            spanish_home = translate(sites.coalition_home, title="ICE Out of California")
        spanish_room = translate(sites.coalition_press, title="Sala de prensa")
        self.client.force_login(users["iceout-editor"])
        editor = self.client.get(f"/admin/pages/{spanish_room.pk}/edit/")
        self.assertContains(editor, "Submit to ICE Out of California moderation")
        self.client.force_login(users["cipc-editor"])
        self.assertIn(self.client.get(f"/admin/pages/{spanish_home.pk}/edit/").status_code, {302, 403})
