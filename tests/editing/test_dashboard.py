"""The dashboard an editor opens the admin on: how to add a story in their own rooms, and no
avatar fetched from Gravatar."""

from tests.editors import TeamsTestCase


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
