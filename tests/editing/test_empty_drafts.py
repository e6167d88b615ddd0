"""Empty drafts: an editor who saves a story with nothing in its body is warned, and no embargo
link can be made for it until it says something."""

from wagtail.test.utils.form_data import streamfield

from embargo.models import EmbargoLink
from press.models import StoryPage
from tests.editors import TeamsTestCase, story_form_data
from tests.factories import block


class EmptyDraftTests(TeamsTestCase):
    def add_url(self):
        return f"/admin/pages/add/press/storypage/{self.sites.coalition_press.pk}/"

    def test_saving_a_draft_with_an_empty_body_warns_the_editor(self):
        self.client.force_login(self.users["iceout-editor"])
        data = story_form_data(category=self.sites.statement, spokesperson=self.person, body=streamfield([]))
        response = self.client.post(self.add_url(), data, follow=True)
        story = StoryPage.objects.get(slug="statement-on-the-emergency-declaration")
        self.assertFalse(story.live)
        self.assertContains(response, "has no text in its body yet")

        data = story_form_data(category=self.sites.statement, spokesperson=self.person, title="With a body")
        response = self.client.post(self.add_url(), data, follow=True)
        self.assertNotContains(response, "has no text in its body yet")

    def test_no_embargo_link_for_an_empty_draft(self):
        story = StoryPage(
            title="Nothing yet",
            summary="To come.",
            category=self.sites.statement,
            # What a new story starts with: an empty paragraph and the room's media contacts.
            body=[
                block("paragraph", "<p> </p>"),
                block("media_contacts", {"heading": "Media contacts", "contacts": [self.person.pk]}),
            ],
            live=False,
        )
        self.sites.coalition_press.add_child(instance=story)
        story.save_revision()
        self.client.force_login(self.users["iceout-editor"])
        url = f"/admin/embargo/pages/{story.pk}/"
        page = self.client.get(url)
        self.assertContains(page, "The story has no text yet, so a journalist would see an empty page.")
        self.assertNotContains(page, "Create a new link")
        response = self.client.post(url, {"expires_at": ""}, follow=True)
        self.assertContains(response, "The story has no text yet, so a journalist would see an empty page.")
        self.assertFalse(EmbargoLink.objects.filter(page=story).exists())

        # Once it has a body, the link can be made.
        story.body = [block("paragraph", "<p>Now it says something.</p>")]
        story.save_revision()
        self.client.post(url, {"expires_at": ""})
        self.assertTrue(EmbargoLink.objects.filter(page=story).exists())
