"""Embargoed preview links: an editor shares a story before it is published with a journalist
who has no account; the link can be revoked, and leads to the story once it is live."""

import datetime
import re

from embargo.models import EmbargoLink
from press.models import StoryPage
from tests.editors import TeamsTestCase
from tests.factories import block

COALITION = "iceout.localhost"
# 17:00 UTC on 5 March 2030 is 9 a.m. in California (before daylight saving starts).
GO_LIVE_AT = datetime.datetime(2030, 3, 5, 17, 0, tzinfo=datetime.UTC)


class EmbargoLinkTests(TeamsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.story = StoryPage(
            title="Coalition sues over detention contracts",
            summary="The coalition files suit.",
            category=cls.sites.statement,
            body=[block("paragraph", "<p>Under embargo: the complaint.</p>")],
            live=False,
            go_live_at=GO_LIVE_AT,
        )
        cls.sites.coalition_press.add_child(instance=cls.story)
        cls.story.save_revision().publish()  # a future go-live time: scheduled, not live

    def links_url(self, page=None):
        return f"/admin/embargo/pages/{(page or self.story).pk}/"

    def create_link(self, user="iceout-editor"):
        self.client.force_login(self.users[user])
        response = self.client.post(self.links_url(), follow=True)
        self.client.logout()
        return response

    def journalist_opens(self, link, host=COALITION):
        self.client.logout()
        return self.client.get(link.get_absolute_url(), HTTP_HOST=host)

    def test_an_editor_creates_a_link_from_the_story_and_can_copy_it(self):
        self.client.force_login(self.users["iceout-editor"])
        editor = self.client.get(f"/admin/pages/{self.story.pk}/edit/")
        self.assertContains(editor, self.links_url())
        self.assertContains(editor, "Embargoed preview links")

        response = self.create_link()
        link = EmbargoLink.objects.get(page=self.story)
        self.assertContains(response, "New embargoed preview link created.")
        self.assertContains(response, f'value="http://{COALITION}{link.get_absolute_url()}"')
        self.assertContains(response, 'data-action="w-clipboard#copy"')
        self.assertGreaterEqual(len(link.token), 43)
        self.assertEqual(link.created_by, self.users["iceout-editor"])

    def test_a_journalist_reads_the_story_under_the_embargo_banner_and_nobody_caches_or_indexes_it(self):
        self.create_link()
        link = EmbargoLink.objects.get(page=self.story)

        response = self.journalist_opens(link)
        self.assertContains(response, "Under embargo: the complaint.")
        self.assertContains(response, "EMBARGOED until")
        self.assertContains(response, "Tuesday 5 March 2030, 9:00 AM PST")
        self.assertContains(response, '<meta name="robots" content="noindex, nofollow, noarchive">', html=False)
        self.assertIn("noindex", response["X-Robots-Tag"])
        cache_control = response["Cache-Control"]
        self.assertIn("no-store", cache_control)
        self.assertIn("private", cache_control)
        self.assertEqual(response["Referrer-Policy"], "no-referrer")
        # The story itself is still nowhere to be seen.
        self.assertEqual(self.client.get(self.story.url, HTTP_HOST=COALITION).status_code, 404)

    def test_the_link_shows_the_latest_saved_version(self):
        self.create_link()
        draft = self.story.get_latest_revision_as_object()
        draft.body = [block("paragraph", "<p>Corrected figures.</p>")]
        draft.go_live_at = None
        draft.save_revision()

        response = self.journalist_opens(EmbargoLink.objects.get())
        self.assertContains(response, "Corrected figures.")
        self.assertContains(response, "EMBARGOED until further notice")

    def test_wrong_and_revoked_links_are_404s_that_reveal_nothing(self):
        self.create_link()
        link = EmbargoLink.objects.get()
        self.client.force_login(self.users["iceout-editor"])
        revoked = self.client.post(f"/admin/embargo/links/{link.pk}/revoke/", follow=True)
        self.assertContains(revoked, "Link revoked")
        self.assertContains(revoked, "(revoked link)")
        self.assertNotContains(revoked, link.token)

        by_revoked = self.journalist_opens(link)
        by_guess = self.client.get("/embargoed/" + "A" * 43 + "/", HTTP_HOST=COALITION)
        self.assertEqual(by_revoked.status_code, 404)
        self.assertEqual(by_guess.status_code, 404)
        # Identical but for the CSP nonce, which is random in every response.
        self.assertEqual(*(re.sub(rb'nonce="[^"]+"', b"", r.content) for r in (by_revoked, by_guess)))
        for response in (by_revoked, by_guess):
            self.assertNotContains(response, "detention", status_code=404)
            self.assertNotContains(response, "EMBARGOED", status_code=404)

    def test_a_link_opened_on_another_sites_address_is_a_404(self):
        self.create_link()
        self.assertEqual(self.journalist_opens(EmbargoLink.objects.get(), host="localhost").status_code, 404)

    def test_once_the_story_is_published_the_link_leads_to_it(self):
        self.create_link()
        draft = self.story.get_latest_revision_as_object()
        draft.go_live_at = None
        draft.save_revision().publish()

        response = self.journalist_opens(EmbargoLink.objects.get())
        self.assertRedirects(response, "/press/coalition-sues-over-detention-contracts/", fetch_redirect_response=False)
        self.assertContains(self.client.get(response["Location"], HTTP_HOST=COALITION), "Under embargo: the complaint.")

    def test_people_who_cannot_edit_the_story_cannot_see_create_or_revoke_its_links(self):
        self.create_link()
        link = EmbargoLink.objects.get()
        self.client.force_login(self.users["cipc-editor"])
        # Wagtail's admin answers a refusal with a redirect to the dashboard and a message.
        for response in (
            self.client.get(self.links_url(), follow=True),
            self.client.post(self.links_url(), follow=True),
            self.client.post(f"/admin/embargo/links/{link.pk}/revoke/", follow=True),
        ):
            self.assertRedirects(response, "/admin/")
            self.assertContains(response, "Sorry, you do not have permission to access this area.")
            self.assertNotContains(response, link.token)
        self.assertEqual(EmbargoLink.objects.active().count(), 1)
        self.client.logout()
        self.assertRedirects(
            self.client.get(self.links_url()), f"/admin/login/?next={self.links_url()}", fetch_redirect_response=False
        )

    def test_creating_and_revoking_links_is_in_the_storys_history(self):
        self.create_link()
        self.client.force_login(self.users["iceout-moderator"])
        self.client.post(f"/admin/embargo/links/{EmbargoLink.objects.get().pk}/revoke/")
        history = self.client.get(f"/admin/pages/{self.story.pk}/history/")
        self.assertContains(history, "Embargoed preview link created")
        self.assertContains(history, "Embargoed preview link revoked")
