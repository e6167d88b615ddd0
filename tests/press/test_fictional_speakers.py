"""Test data never puts generated words in a real person's mouth, nor in the mouth of anyone
shown as speaking for a real organisation: the factories refuse a statement, quote or bio by
one of the demo's real spokespeople or by a made-up person at a real organisation, and accept
fictional people of fictional organisations."""

from django.test import TestCase

from core.models import Spokesperson
from tests.factories import (
    SpokespersonFactory,
    block,
    is_real_organization,
    make_story,
    real_organizations,
    real_people,
    statement,
)
from tests.sites import COALITION_HOST, build_press_sites


class FictionalSpeakersTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()

    def test_the_demos_real_spokespeople_are_known_and_the_fictional_ones_are_not_among_them(self):
        self.assertIn("Cynthia Buiza", real_people())
        self.assertNotIn("Alex Sample", real_people())

    def test_the_real_organisations_are_known_and_the_fictional_ones_are_not_among_them(self):
        for real in (self.sites.cipc_org, *self.sites.members):
            self.assertTrue(is_real_organization(real), real.name)
        self.assertIn("pico california", real_organizations())
        self.assertIn("ice out of california", real_organizations())
        self.assertIn("southern poverty law center", real_organizations())  # named in the seed
        self.assertFalse(is_real_organization(self.sites.sample_org))
        self.assertFalse(is_real_organization(self.sites.sample_legal_org))

    def test_a_generated_statement_or_quote_by_a_real_person_is_refused(self):
        real = SpokespersonFactory(name="Cynthia Buiza")
        with self.assertRaisesMessage(ValueError, "Cynthia Buiza is a real person"):
            statement(real)
        with self.assertRaisesMessage(ValueError, "Cynthia Buiza is a real person"):
            block("quote", {"text": "Invented words.", "spokesperson": real.pk})
        quote = {"type": "quote", "value": {"text": "Invented words.", "spokesperson": real.pk}}
        with self.assertRaisesMessage(ValueError, "Cynthia Buiza is a real person"):
            make_story(self.sites.cipc_press, "Invented", body=[quote])

    def test_a_fictional_person_at_a_real_organisation_is_refused(self):
        # Made as an editor would make one, past the factory (which refuses them: below).
        staff = Spokesperson.objects.create(
            name="Casey Placeholder", slug="casey-placeholder", title="Director", organization=self.sites.cipc_org
        )
        refusal = "Casey Placeholder speaks for California Immigrant Policy Center, a real organization"
        with self.assertRaisesMessage(ValueError, refusal):
            statement(staff)
        with self.assertRaisesMessage(ValueError, refusal):
            block("quote", {"text": "Invented words.", "spokesperson": staff.pk, "attribution": ""})
        bio = {"type": "spokesperson_bio", "value": {"spokesperson": staff.pk}}
        with self.assertRaisesMessage(ValueError, refusal):
            make_story(self.sites.cipc_press, "Invented", body=[bio])
        with self.assertRaisesMessage(ValueError, "Avery Example is made up: give them a fictional organization"):
            SpokespersonFactory(name="Avery Example", organization=self.sites.members[0])

    def test_a_quote_attributed_by_name_to_a_real_organisation_is_refused(self):
        with self.assertRaisesMessage(ValueError, "names someone real"):
            block("quote", {"text": "Invented words.", "spokesperson": None, "attribution": "ACLU of California"})

    def test_a_signatories_statement_of_generated_words_is_refused_for_real_signatories(self):
        # Real organisations may sign (CIPC's room cross-lists what CIPC signed), but a
        # signatories' statement puts its text in their mouths.
        joint = [block("signatories_statement", {"text": "<p>Invented words.</p>"})]
        refusal = "A signatories' statement of generated words is issued by its signatories"
        with self.assertRaisesMessage(ValueError, refusal):
            make_story(self.sites.coalition_press, "Invented", body=joint, signatories=[self.sites.cipc_org])
        heading = "the ICE Out of California Coalition Steering Committee"
        with self.assertRaisesMessage(ValueError, refusal):
            make_story(self.sites.coalition_press, "Invented", body=joint, signatories_heading=heading)
        fictional = [self.sites.sample_org, self.sites.sample_legal_org]
        story = make_story(self.sites.coalition_press, "Joint", body=joint, signatories=fictional)
        self.assertContains(
            self.client.get(f"/press/{story.slug}/", HTTP_HOST=COALITION_HOST),
            "Example Immigrant Rights Network and Sample Legal Aid Network issued the following statement:",
        )

    def test_a_real_person_is_given_no_generated_bio(self):
        with self.assertRaisesMessage(ValueError, "give a generated bio to a fictional spokesperson"):
            SpokespersonFactory(name="Angela Chan", bio="<p>Invented.</p>")

    def test_a_fictional_speaker_is_fine(self):
        person = SpokespersonFactory(name="Casey Placeholder", organization=self.sites.sample_org)
        story = make_story(self.sites.cipc_press, "Fine", body=[statement(person)])
        self.assertContains(self.client.get(story.url), "Casey Placeholder")
        self.assertContains(self.client.get(story.url), "Example Immigrant Rights Network")
