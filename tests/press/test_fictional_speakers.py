"""Test data never puts generated words in a real person's mouth: the factories refuse a
statement or quote by one of the demo's real spokespeople, and accept fictional ones."""

from django.test import TestCase

from tests.factories import SpokespersonFactory, block, make_story, real_people, statement
from tests.sites import build_press_sites


class FictionalSpeakersTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()

    def test_the_demos_real_spokespeople_are_known_and_the_fictional_ones_are_not_among_them(self):
        self.assertIn("Cynthia Buiza", real_people())
        self.assertNotIn("Alex Sample", real_people())

    def test_a_generated_statement_or_quote_by_a_real_person_is_refused(self):
        real = SpokespersonFactory(name="Cynthia Buiza")
        with self.assertRaisesMessage(ValueError, "Cynthia Buiza is a real person"):
            statement(real)
        quote = block("quote", {"text": "Invented words.", "spokesperson": real.pk})
        with self.assertRaisesMessage(ValueError, "Cynthia Buiza is a real person"):
            make_story(self.sites.cipc_press, "Invented", body=[quote])

    def test_a_fictional_speaker_is_fine(self):
        story = make_story(
            self.sites.cipc_press, "Fine", body=[statement(SpokespersonFactory(name="Casey Placeholder"))]
        )
        self.assertContains(self.client.get(story.url), "Casey Placeholder")
