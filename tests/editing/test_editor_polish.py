"""What editors met and found wanting: no pointer from the dashboard to adding a story, an
empty draft saved (and shared) in silence, approval from the dashboard with no word back,
and avatars fetched from Gravatar."""

from wagtail.models import Page
from wagtail.test.utils.form_data import streamfield

from embargo.models import EmbargoLink
from press.models import StoryPage
from tests.editors import TeamsTestCase, story_form_data
from tests.factories import block


class DashboardTests(TeamsTestCase):
    def test_the_dashboard_says_how_to_add_a_story_in_the_users_own_rooms(self):
        self.client.force_login(self.users["iceout-editor"])
        response = self.client.get("/admin/")
        self.assertContains(response, "To write a statement or press release, choose <strong>Add story</strong>")
        self.assertContains(response, 'href="/admin/stories/create/"')
        room = self.sites.coalition_press.pk
        self.assertContains(
            response, f'href="/admin/pages/add/press/storypage/{room}/">Add a story to ICE Out of California</a>'
        )
        self.assertContains(
            response, f'href="/admin/stories/?site={self.sites.coalition_site.pk}">ICE Out of California'
        )
        self.assertNotContains(response, f"/admin/pages/add/press/storypage/{self.sites.cipc_press.pk}/")

    def test_the_add_story_link_leads_to_a_new_story_form(self):
        self.client.force_login(self.users["iceout-editor"])
        response = self.client.get("/admin/stories/create/", follow=True)
        self.assertContains(response, "New: Story")

    def test_avatars_never_come_from_gravatar(self):
        self.client.force_login(self.users["iceout-editor"])
        html = self.client.get("/admin/").content.decode()
        self.assertIn("avatar", html)
        self.assertNotIn("gravatar", html.lower())


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


class ApprovalMessageTests(TeamsTestCase):
    def test_approving_from_the_dashboard_confirms_what_happened(self):
        self.client.force_login(self.users["iceout-editor"])
        data = story_form_data(
            category=self.sites.statement, spokesperson=self.person, signatories=self.sites.members, action="submit"
        )
        self.client.post(f"/admin/pages/add/press/storypage/{self.sites.coalition_press.pk}/", data)
        story = StoryPage.objects.get(slug="statement-on-the-emergency-declaration")

        self.client.force_login(self.users["iceout-moderator"])
        dashboard = self.client.get("/admin/")
        task_state = story.current_workflow_task_state
        action = f"/admin/pages/workflow/action/{story.pk}/approve/{task_state.pk}/"
        self.assertContains(dashboard, action)
        # The dashboard's button posts in the background and then reloads the dashboard.
        response = self.client.post(
            action, {"comment": "", "next": "/admin/"}, headers={"x-requested-with": "XMLHttpRequest"}
        )
        self.assertEqual(response.json()["step"], "success")
        dashboard = self.client.get("/admin/")
        self.assertContains(dashboard, "“Statement on the emergency declaration” approved and published.")
        self.assertTrue(Page.objects.get(pk=story.pk).live)

    def test_requesting_changes_is_confirmed_too(self):
        self.client.force_login(self.users["iceout-editor"])
        data = story_form_data(category=self.sites.statement, spokesperson=self.person, action="submit")
        self.client.post(f"/admin/pages/add/press/storypage/{self.sites.coalition_press.pk}/", data)
        story = StoryPage.objects.get(slug="statement-on-the-emergency-declaration")
        self.client.force_login(self.users["iceout-moderator"])
        task_state = story.current_workflow_task_state
        response = self.client.post(
            f"/admin/pages/workflow/action/{story.pk}/reject/{task_state.pk}/",
            {"comment": "Cite the ruling."},
            follow=True,
        )
        self.assertContains(response, "Changes requested on “Statement on the emergency declaration”")


class SignatoriesTests(TeamsTestCase):
    def test_the_signatories_panel_offers_remove_all(self):
        self.client.force_login(self.users["iceout-editor"])
        response = self.client.get(f"/admin/pages/add/press/storypage/{self.sites.coalition_press.pk}/")
        self.assertContains(response, 'data-clear-inline="id_signatories-FORMS"')
        self.assertContains(response, "Remove all signatories")
        self.assertContains(response, "/static/press/js/clear-inline.js")
