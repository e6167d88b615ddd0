"""`make run` loads the demo content; running it again changes nothing."""

import json
import os
import re
from io import StringIO
from unittest import mock

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Page, Revision, Site

from medialists.models import MediaContact, MediaList
from press.models import StoryPage

COUNTED_MODELS = [
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "wagtailcore.Site",
    "wagtailcore.Collection",
    "wagtailcore.ModelLogEntry",
    "wagtailcore.PageLogEntry",
    "images.CreditedImage",
    "core.Organization",
    "core.Spokesperson",
    "core.Category",
    "core.Topic",
    "core.SiteBranding",
    "press.StorySignatory",
    "coalition.CoalitionMember",
    "medialists.MediaList",
    "medialists.MediaContact",
    "advisories.AdvisoryEvent",
    "advisories.RSVP",
    "interviews.InterviewRequest",
    "interviews.InterviewEmail",
]


def counts():
    return {label: apps.get_model(label).objects.count() for label in COUNTED_MODELS}


def load():
    call_command(
        "load_demo",
        cipc_hostname="localhost",
        coalition_hostname="iceout.localhost",
        port=80,
        stdout=StringIO(),
    )


class DemoLoaderTests(TestCase):
    """The loader runs once for the class (it is the slow part); each test starts from its result."""

    @classmethod
    def setUpTestData(cls):
        load()

    def test_loads_both_sites_with_the_13_seed_stories(self):
        # The real organisations' two sites, and the fictional sample site with its own five.
        english = StoryPage.objects.live().filter(locale__language_code="en").exclude(url_path__startswith="/example/")
        self.assertEqual(english.count(), 13)
        self.assertEqual(Site.objects.count(), 3)
        self.assertEqual(StoryPage.objects.live().filter(url_path__startswith="/example/").count(), 5)
        self.assertEqual(english.filter(url_path__startswith="/cipc/").count(), 4)
        self.assertEqual(english.filter(url_path__startswith="/iceout/").count(), 9)
        # No placeholder "Welcome" page from Wagtail's first migration survives.
        self.assertFalse(Page.objects.filter(depth=2, content_type__model="page").exists())

        cipc_room = self.client.get("/press/", HTTP_HOST="localhost")
        # 4 of its own and all nine coalition statements, as CIPC's listing had them: its room
        # also lists the coalition's room, so nobody has to claim CIPC signed each one.
        self.assertContains(cipc_room, "13 stories")
        coalition_room = self.client.get("/press/", HTTP_HOST="iceout.localhost")
        self.assertContains(coalition_room, "9 stories")

    def test_spanish_rooms_list_the_translated_stories_of_each_site(self):
        # Three CIPC stories and three coalition statements in Spanish; CIPC's Spanish room
        # lists the coalition's Spanish statements too, as its English room lists the English.
        spanish = StoryPage.objects.live().filter(locale__language_code="es")
        self.assertEqual(spanish.exclude(url_path__startswith="/example-es/").count(), 6)
        self.assertEqual(spanish.filter(url_path__startswith="/example-es/").count(), 2)
        self.assertContains(self.client.get("/es/press/", HTTP_HOST="localhost"), "6 noticias")
        coalition_room = self.client.get("/es/press/", HTTP_HOST="iceout.localhost")
        self.assertContains(coalition_room, "3 noticias")
        self.assertContains(coalition_room, "ICE no debe politizar la tragedia en el condado de Tulare")

    def test_each_site_has_its_press_kit_in_spanish(self):
        for host, about in [
            ("localhost", "Acerca del California Immigrant Policy Center"),
            ("iceout.localhost", "Acerca de la coalición ICE Out of California"),
        ]:
            with self.subTest(host=host):
                kit = self.client.get("/es/press-kit/", HTTP_HOST=host)
                self.assertContains(kit, "<h1>Kit de prensa</h1>", html=True)
                self.assertContains(kit, about)
                self.assertContains(kit, "Hoja informativa de muestra")
                self.assertContains(kit, "Alex Sample (persona ficticia)")
                self.assertContains(kit, "Contenido de muestra")
                english = self.client.get("/press-kit/", HTTP_HOST=host).content.decode()
                self.assertIn(f'href="http://{host}/es/press-kit/" hreflang="es"', english)
                self.assertContains(self.client.get("/es/press/", HTTP_HOST=host), 'href="/es/press-kit/"')

    def test_bodies_are_built_from_real_blocks(self):
        story = StoryPage.objects.get(slug="cipc-praises-ca-legal-action-urges-congress-to-defundhate")
        self.assertEqual(story.body[0].block_type, "statement")
        self.assertEqual(story.body[0].value["spokesperson"].name, "Cynthia Buiza")
        self.assertEqual(story.body[-1].block_type, "media_contacts")
        response = self.client.get(story.url_path.removeprefix("/cipc"), HTTP_HOST="localhost")
        self.assertContains(
            response,
            "Cynthia Buiza, Executive Director of the California Immigrant Policy Center, "
            "issued the following statement:",
        )

    def test_no_story_reads_its_opening_twice(self):
        # CIPC's stories 1 and 6: the summary is "Today," or "In response to …," then the
        # statement's lead-in and its first words; the page shows the statement, not the summary.
        for slug, words in (
            ("cipc-praises-ca-legal-action-urges-congress-to-defundhate", "declaration must be unequivocally"),
            ("cipc-praises-ninth-circuit-sanctuary-ruling", "decision marks yet another win"),
        ):
            story = StoryPage.objects.get(slug=slug, locale__language_code="en")
            html = self.client.get(story.url_path.removeprefix("/cipc"), HTTP_HOST="localhost").content.decode()
            story_text = html[html.index('<article class="wrap wrap--narrow story">') : html.index("</article>")]
            self.assertNotIn("story__standfirst", story_text, slug)
            self.assertEqual(story_text.count(words), 1, slug)
            self.assertEqual(story_text.count("issued the following statement"), 1, slug)

    def test_stories_say_they_changed_on_their_seeds_date_not_the_day_the_demo_was_loaded(self):
        story = StoryPage.objects.get(slug="cipc-praises-ca-legal-action-urges-congress-to-defundhate")
        html = self.client.get(story.url_path.removeprefix("/cipc"), HTTP_HOST="localhost").content.decode()
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
        self.assertEqual(data["dateModified"][:10], data["datePublished"])
        sitemap = self.client.get("/sitemap.xml", HTTP_HOST="localhost").content.decode()
        self.assertIn(f"{story.url_path.removeprefix('/cipc')}</loc><lastmod>{story.date:%Y-%m-%d}</lastmod>", sitemap)
        # Spanish versions too.
        for story in StoryPage.objects.live():
            self.assertEqual(timezone.localtime(story.content_modified_at).date(), story.date, story.url_path)

    def test_each_sites_media_contacts_page_shows_the_sample_contacts_hours_and_after_hours_line(self):
        for host, after_hours in [
            ("localhost", "(916) 555-0199"),
            ("iceout.localhost", "(213) 555-0198"),
            ("example.localhost", "(559) 555-0197"),
        ]:
            with self.subTest(host):
                response = self.client.get("/press/contacts/", HTTP_HOST=host)
                self.assertContains(response, "Alex Sample")
                self.assertContains(response, "Hours: Weekdays 9 a.m. to 6 p.m. Pacific")
                self.assertContains(response, after_hours)

    def test_each_site_has_sample_media_lists_of_fictional_reporters_only(self):
        for site in Site.objects.all():
            with self.subTest(site=site.hostname):
                self.assertEqual(
                    sorted(MediaList.objects.filter(site=site).values_list("name", flat=True)),
                    ["Sample: Spanish-language media", "Sample: courts reporters"],
                )
                contacts = MediaContact.objects.filter(site=site)
                self.assertEqual(contacts.count(), 3)
                for contact in contacts:
                    self.assertTrue(contact.email.endswith(("@example.org", "@example.net")), contact.email)
                    self.assertIn("Sample content: a fictional reporter", contact.notes)

    def test_running_twice_changes_nothing(self):
        first = counts()
        revision_ids = set(Revision.objects.values_list("pk", flat=True))
        load()
        self.assertEqual(counts(), first)
        self.assertEqual(set(Revision.objects.values_list("pk", flat=True)), revision_ids)

    def test_make_run_creates_an_editor_and_a_moderator_per_site_once(self):
        with mock.patch.dict(os.environ, {"DEMO_USER_PASSWORD": "demo-pass-123"}):
            call_command("demo_users", stdout=StringIO())
            out = StringIO()
            call_command("demo_users", stdout=out)
        self.assertIn("unchanged", out.getvalue())
        users = get_user_model().objects.exclude(is_superuser=True)
        self.assertEqual(
            {(u.username, u.groups.get().name) for u in users},
            {
                ("cipc-editor", "California Immigrant Policy Center editors"),
                ("cipc-moderator", "California Immigrant Policy Center moderators"),
                ("iceout-editor", "ICE Out of California editors"),
                ("iceout-moderator", "ICE Out of California moderators"),
                ("example-editor", "Example Immigrant Rights Network editors"),
                ("example-moderator", "Example Immigrant Rights Network moderators"),
            },
        )
        self.assertTrue(self.client.login(username="iceout-editor", password="demo-pass-123"))
        explorer = self.client.get("/admin/pages/", follow=True)
        self.assertContains(explorer, "ICE Out of California")
        self.assertNotContains(explorer, "CIPC praises")
