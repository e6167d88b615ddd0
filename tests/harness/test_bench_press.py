"""The benchmark covers the Spanish pages too (issue 11): the story generator publishes a share
of its stories in Spanish, as translations visitors can open under /es/, and `harness.bench_press`
prints a row for each Spanish page kind beside the English ones."""

import io

from django.db import connection
from django.test import TestCase, TransactionTestCase
from django.test.utils import setup_test_environment, teardown_test_environment
from wagtail.models import Locale, Page

from harness import bench_press
from harness.stories import generate_stories
from press.models import StoryPage
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites, translate_press_sites


class GeneratedSpanishStories(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        translate_press_sites(cls.sites)
        cls.created = generate_stories(8, spanish_every=4)

    def test_every_fourth_story_is_published_in_spanish_as_its_translation(self):
        spanish = Locale.objects.get(language_code="es")
        historias = StoryPage.objects.live().filter(locale=spanish).order_by("pk")
        self.assertEqual(historias.count(), 2)  # stories 0 and 4 of 8
        for historia in historias:
            original = historia.get_translation(Locale.get_default())
            self.assertEqual(original.date, historia.date)
            host = CIPC_HOST if historia.get_site().is_default_site else COALITION_HOST
            response = self.client.get(f"/es/press/{historia.slug}/", HTTP_HOST=host)
            self.assertContains(response, historia.title)
            self.assertContains(response, 'lang="es"')
        self.assertTrue(all(not found for found in Page.find_problems()), Page.find_problems())

    def test_spanish_stories_are_listed_in_the_spanish_room_only(self):
        historia = StoryPage.objects.filter(locale__language_code="es").first()
        host = CIPC_HOST if historia.get_site().is_default_site else COALITION_HOST
        self.assertContains(self.client.get("/es/press/", HTTP_HOST=host), historia.title)
        self.assertNotContains(self.client.get("/press/", HTTP_HOST=host), historia.title)

    def test_generated_words_are_never_signed_or_spoken_by_a_real_organisation_or_person(self):
        # The sites' organisations carry real names (tests.sites, like the demo).
        real_names = [org.name for org in [self.sites.cipc_org, *self.sites.members]]
        signed = [story for story in StoryPage.objects.filter(pk__in=self.created) if story.signatories.exists()]
        self.assertTrue(signed)  # about half the coalition's stories are signed
        for story in signed:
            response = self.client.get(f"/press/{story.slug}/", HTTP_HOST=COALITION_HOST)
            self.assertContains(response, "Sample Member Organization")
            self.assertContains(response, "Sample Speaker")
            for name in real_names:
                self.assertNotContains(response, name)


class BenchPressPrintsSpanishRows(TransactionTestCase):
    """The command makes and drops its own database beside the test one, as it does beside yours."""

    def test_spanish_rows_are_printed_next_to_the_english_ones(self):
        out = io.StringIO()
        # Its database is named as Django names a test one: test_<this one's name>. Under
        # pytest-xdist the test settings name this worker's database (test_…_gw0); without that
        # name the command's is test_test_…_gw0, beside it, not it.
        test_settings = connection.settings_dict["TEST"]
        connection.settings_dict["TEST"] = {**test_settings, "NAME": None}
        teardown_test_environment()  # the command sets up its own, as outside the tests
        try:
            bench_press.main(["--stories", "20", "--runs", "1"], stdout=out, stderr=io.StringIO())
        finally:
            setup_test_environment()
            connection.settings_dict["TEST"] = test_settings
        table = out.getvalue()
        for english, spanish in [
            ("home ", "es home "),
            ("press room ", "es press room "),
            ("press room, year ", "es press room, year "),
            ("search, rare word", "es search, rare word"),
            ("story page", "es story page"),
        ]:
            self.assertIn(f"\n{english}", table)
            self.assertIn(f"\n{spanish}", table)
        spanish_rows = [line for line in table.splitlines() if line.startswith("es ")]
        self.assertEqual(len(spanish_rows), 14)  # seven page kinds, cold and warm
        self.assertTrue(all(" 200 " in row for row in spanish_rows), "\n".join(spanish_rows))
        self.assertIn("localhost/es/search/?q=", table)
