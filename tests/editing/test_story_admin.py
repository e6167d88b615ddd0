"""Editors in the page editor: required fields on publish, nothing typed is lost, defaults."""

from press.models import StoryPage
from tests.editors import SuperuserEditorTestCase, story_form_data


class StoryEditorTests(SuperuserEditorTestCase):
    def add_url(self, press_room):
        return f"/admin/pages/add/press/storypage/{press_room.pk}/"

    def form_data(self, **overrides):
        return story_form_data(**{"category": self.sites.statement, "spokesperson": self.person, **overrides})

    def test_publishing_without_date_summary_and_category_shows_errors_and_keeps_the_typing(self):
        data = self.form_data(date="", summary="", category="", action="publish")
        response = self.client.post(self.add_url(self.sites.cipc_press), data)

        self.assertEqual(response.status_code, 200)
        self.assertFalse(StoryPage.objects.filter(slug="statement-on-the-emergency-declaration").exists())
        form = response.context["form"]
        self.assertEqual(set(form.errors), {"date", "summary", "category"})
        self.assertContains(response, "This field is required.", count=3)
        # What the editor typed is still in the form.
        self.assertContains(response, 'value="Statement on the emergency declaration"')
        self.assertContains(response, 'value="Compassion will win out"')
        self.assertContains(response, 'value="Los Angeles, CA"')
        self.assertContains(response, "We reject this.")

    def test_a_draft_can_be_saved_before_summary_and_category_are_known(self):
        response = self.client.post(self.add_url(self.sites.cipc_press), self.form_data(summary="", category=""))
        story = StoryPage.objects.get(slug="statement-on-the-emergency-declaration")
        self.assertRedirects(response, f"/admin/pages/{story.pk}/edit/")
        self.assertFalse(story.live)

    def test_publishing_a_complete_story_works(self):
        data = self.form_data(action="publish")
        self.client.post(self.add_url(self.sites.cipc_press), data)
        story = StoryPage.objects.get(slug="statement-on-the-emergency-declaration")
        self.assertTrue(story.live)
        self.assertEqual(list(story.spokespeople.all()), [self.person])

    def test_a_story_previews_in_the_editor_as_it_will_look(self):
        preview_url = f"/admin/pages/add/press/storypage/{self.sites.cipc_press.pk}/preview/"
        response = self.client.post(preview_url, self.form_data())
        self.assertJSONEqual(response.content, {"is_valid": True, "is_available": True})
        response = self.client.get(preview_url)
        self.assertContains(response, "issued the following statement:")
        self.assertContains(response, "We reject this.")

    def test_a_new_coalition_story_starts_with_the_coalitions_defaults(self):
        response = self.client.get(self.add_url(self.sites.coalition_press))
        form = response.context["form"]
        self.assertEqual(form.initial["category"], self.sites.statement.pk)
        self.assertEqual(form.initial["signatories_heading"], "the ICE Out of California Coalition Steering Committee")
        signatories = [f.initial["organization"] for f in form.formsets["signatories"].forms]
        self.assertEqual(signatories, [org.pk for org in self.sites.members])

    def test_a_new_cipc_story_has_no_signatories_by_default(self):
        response = self.client.get(self.add_url(self.sites.cipc_press))
        self.assertEqual(len(response.context["form"].formsets["signatories"].forms), 0)
