"""Spokespeople are edited with drafts, revisions, preview and locking: a draft edit does not
change a published story until it is published."""

from django.test import TestCase
from wagtail.test.utils import WagtailTestUtils

from tests.factories import SpokespersonFactory, make_story, statement
from tests.sites import CIPC_HOST, build_press_sites


class SpokespersonEditingTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.person = SpokespersonFactory(
            name="Casey Placeholder",
            slug="casey-placeholder",
            title="Executive Director",
            organization=cls.sites.sample_org,
        )
        cls.person.save_revision().publish()
        make_story(cls.sites.cipc_press, "A statement", body=[statement(cls.person)])

    def setUp(self):
        self.login()

    def edit_data(self, **overrides):
        return {
            "name": "Casey Placeholder",
            "slug": "casey-placeholder",
            "title": "Executive Director",
            "organization": self.sites.sample_org.pk,
            "bio": '{"blocks": [], "entityMap": {}}',
            "press_email": "",
            "press_phone": "",
            "active": "on",
            **overrides,
        }

    def story(self):
        return self.client.get("/press/a-statement/", HTTP_HOST=CIPC_HOST)

    def test_a_saved_draft_waits_for_publishing(self):
        url = f"/admin/snippets/core/spokesperson/edit/{self.person.pk}/"
        self.client.post(url, self.edit_data(title="Former Executive Director"))
        self.assertContains(self.story(), "Casey Placeholder, Executive Director of the Example")

        self.client.post(url, {**self.edit_data(title="Former Executive Director"), "action-publish": "publish"})
        self.assertContains(self.story(), "Casey Placeholder, Former Executive Director of the Example")

        history = self.client.get(f"/admin/snippets/core/spokesperson/history/{self.person.pk}/")
        self.assertContains(history, "Published")

    def test_the_editor_previews_the_bio_and_the_statement_lead_in(self):
        url = f"/admin/snippets/core/spokesperson/preview/{self.person.pk}/"
        response = self.client.post(url, self.edit_data(title="Organizing Director"))
        self.assertJSONEqual(response.content, {"is_valid": True, "is_available": True})
        preview = self.client.get(url)
        self.assertContains(
            preview, "Casey Placeholder, Organizing Director of the Example Immigrant Rights Network, issued"
        )

    def test_publishing_an_invalid_edit_shows_errors_and_keeps_what_was_typed(self):
        url = f"/admin/snippets/core/spokesperson/edit/{self.person.pk}/"
        data = self.edit_data(title="", press_email="not-an-email", press_phone="(916) 555-0199")
        response = self.client.post(url, {**data, "action-publish": "publish"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(set(response.context["form"].errors), {"title", "press_email"})
        self.assertContains(response, 'value="not-an-email"')
        self.assertContains(response, 'value="(916) 555-0199"')
