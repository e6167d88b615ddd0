"""Embargoed preview links: an editor shares a story before it is published with a journalist
who has no account; the link can be revoked, and leads to the story once it is live."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from embargo.models import EmbargoLink
from press.models import StoryPage
from tests.editors import TeamsTestCase
from tests.factories import block
from tests.sites import translate, translate_press_sites

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
        self.assertContains(response, "Tuesday, March 5, 2030, 9:00 AM PST")
        self.assertContains(response, '<meta name="robots" content="noindex, nofollow, noarchive">', html=False)
        self.assertIn("noindex", response["X-Robots-Tag"])
        cache_control = response["Cache-Control"]
        self.assertIn("no-store", cache_control)
        self.assertIn("private", cache_control)
        self.assertEqual(response["Referrer-Policy"], "no-referrer")
        # The story itself is still nowhere to be seen.
        self.assertEqual(self.client.get(self.story.url, HTTP_HOST=COALITION).status_code, 404)

    def test_the_banner_and_the_release_line_show_the_moment_in_one_format_per_language(self):
        draft = self.story.get_latest_revision_as_object()
        draft.release = "embargoed"  # the story's own "Embargoed until …" line under the banner
        draft.save_revision()
        self.create_link()
        text = self.journalist_opens(EmbargoLink.objects.get()).content.decode()
        self.assertEqual(text.count("Tuesday, March 5, 2030, 9:00 AM PST"), 2)
        self.assertNotIn("Tuesday 5 March", text)

        spanish = translate_press_sites(self.sites)
        copy = translate(self.story, release="embargoed")
        self.assertEqual(copy.get_parent().pk, spanish.coalition_press.pk)
        link = EmbargoLink.objects.create(page=copy, created_by=self.users["iceout-editor"])
        text = self.journalist_opens(link).content.decode()
        self.assertIn('<html lang="es"', text)
        self.assertIn("EMBARGADO hasta", text)
        self.assertEqual(text.count("el martes 5 de marzo de 2030, 09:00 PST"), 2)
        self.assertNotIn("Tuesday", text)

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

    def test_once_the_story_is_published_the_link_leads_to_it_and_unpublishing_does_not_revive_it(self):
        self.create_link()
        link = EmbargoLink.objects.get()
        draft = self.story.get_latest_revision_as_object()
        draft.go_live_at = None
        draft.save_revision().publish()

        response = self.journalist_opens(link)
        self.assertRedirects(response, "/press/coalition-sues-over-detention-contracts/", fetch_redirect_response=False)
        self.assertContains(self.client.get(response["Location"], HTTP_HOST=COALITION), "Under embargo: the complaint.")

        # Taken down again (say, published too early): the old link stays dead.
        StoryPage.objects.get(pk=self.story.pk).unpublish()
        self.assertEqual(self.journalist_opens(link).status_code, 404)
        self.assertEqual(EmbargoLink.objects.active().count(), 0)

        self.client.force_login(self.users["iceout-editor"])
        links_page = self.client.get(self.links_url())
        self.assertContains(links_page, "(ended link)")
        self.assertContains(links_page, "Ended: the story was published")
        self.assertNotContains(links_page, link.token)

        # A new link made after the unpublishing works again.
        self.create_link()
        fresh = EmbargoLink.objects.exclude(pk=link.pk).get()
        self.assertContains(self.journalist_opens(fresh), "Under embargo: the complaint.")

    def test_an_editor_can_give_a_link_an_expiry_date_in_the_future(self):
        self.client.force_login(self.users["iceout-editor"])
        form = self.client.get(self.links_url())
        self.assertContains(form, 'name="expires_at"')
        self.assertContains(form, "After this date and time the link leads nowhere")

        past = self.client.post(self.links_url(), {"expires_at": "2020-01-01 09:00"})
        self.assertEqual(past.status_code, 200)
        self.assertContains(past, "Choose a date and time in the future, or leave it blank.")
        self.assertContains(past, 'value="2020-01-01 09:00"')  # what the editor typed is kept
        self.assertFalse(EmbargoLink.objects.exists())

        listing = self.client.post(self.links_url(), {"expires_at": "2030-03-01 09:00"}, follow=True)
        link = EmbargoLink.objects.get()
        self.assertEqual(timezone.localtime(link.expires_at).strftime("%Y-%m-%d %H:%M"), "2030-03-01 09:00")
        self.assertContains(listing, "1 Mar 2030, 9:00 AM PST")
        self.assertContains(self.journalist_opens(link), "Under embargo: the complaint.")

    def test_an_expired_link_is_a_404_and_listed_as_expired(self):
        self.create_link()
        link = EmbargoLink.objects.get()
        EmbargoLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

        response = self.journalist_opens(link)
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, "detention", status_code=404)
        self.client.force_login(self.users["iceout-editor"])
        links_page = self.client.get(self.links_url())
        self.assertContains(links_page, "(expired link)")
        self.assertNotContains(links_page, link.token)

    def test_malformed_tokens_are_404s_without_looking_for_a_link(self):
        self.create_link()
        for token in ("%00", "a%00", "A" * 42, "A" * 44, "A" * 42 + "%00", "A" * 42 + "!", "é" * 43):
            with self.subTest(token=token), CaptureQueriesContext(connection) as queries:
                response = self.client.get(f"/embargoed/{token}/", HTTP_HOST=COALITION)
                self.assertEqual(response.status_code, 404)
                self.assertFalse([q["sql"] for q in queries if "embargo_embargolink" in q["sql"]])
        # A token of the right shape is looked up (so the check above can fail).
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get("/embargoed/" + "A" * 43 + "/", HTTP_HOST=COALITION).status_code, 404)
        self.assertTrue([q["sql"] for q in queries if "embargo_embargolink" in q["sql"]])

    def test_the_embargoed_page_offers_no_way_to_share_it(self):
        self.create_link()
        response = self.journalist_opens(EmbargoLink.objects.get())
        self.assertContains(response, "Do not publish, broadcast or share it")
        self.assertNotContains(response, "Share this story")
        self.assertNotContains(response, 'id="share-url"')

        # The published story still has its share links.
        draft = self.story.get_latest_revision_as_object()
        draft.go_live_at = None
        draft.save_revision().publish()
        self.assertContains(self.client.get(self.story.url, HTTP_HOST=COALITION), "Share this story")

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
