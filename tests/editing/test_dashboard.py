"""The dashboard an editor opens the admin on: how to add a story in their own rooms, and no
avatar fetched from Gravatar."""

import re

from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from teams.setup import ensure_all_teams
from tests.editors import TeamsTestCase
from tests.sites import translate_press_sites


class DashboardTests(TeamsTestCase):
    def test_the_dashboard_says_how_to_add_a_story_in_the_users_own_rooms(self):
        self.client.force_login(self.users["iceout-editor"])
        response = self.client.get("/admin/")
        self.assertContains(response, "To write a statement or press release, choose <strong>Add story</strong>")
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

    def add_story_button(self, user):
        self.client.force_login(user)
        dashboard = self.client.get("/admin/").content.decode()
        [url] = re.findall(r'<a class="button bicolor button--icon" href="([^"]+)"', dashboard)
        return url

    def test_add_story_is_one_click_to_the_form_in_the_editors_language_room_with_its_category(self):
        spanish = translate_press_sites(self.sites)
        ensure_all_teams()  # the teams' permissions now cover the Spanish pages too
        editor = self.users["iceout-editor"]
        url = self.add_story_button(editor)
        self.assertEqual(url, f"/admin/pages/add/press/storypage/{self.sites.coalition_press.pk}/")
        form = self.client.get(url)
        self.assertContains(form, "New: Story")
        # The room's default category ("Statement") is chosen in the new story's form.
        self.assertRegex(form.content.decode(), rf'name="category" value="{self.sites.statement.pk}"')
        self.assertRegex(form.content.decode(), r'data-chooser-title id="id_category-title">\s*Statement')

        UserProfile.get_for_user(editor)  # the editor's admin in Spanish (Account → Preferences)
        UserProfile.objects.filter(user=editor).update(preferred_language="es")
        url = self.add_story_button(editor)
        self.assertEqual(url, f"/admin/pages/add/press/storypage/{spanish.coalition_press.pk}/")
        self.assertEqual(self.client.get(url).status_code, 200)

    def test_an_editor_of_several_sites_picks_the_room(self):
        admin = get_user_model().objects.create_superuser("both", "both@example.org", "x" * 16)
        self.assertEqual(self.add_story_button(admin), "/admin/stories/create/")

    def test_avatars_never_come_from_gravatar(self):
        self.client.force_login(self.users["iceout-editor"])
        html = self.client.get("/admin/").content.decode()
        self.assertIn("avatar", html)
        self.assertNotIn("gravatar", html.lower())
