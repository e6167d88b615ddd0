"""A coalition statement lives once, on the coalition site, and CIPC's press room lists the
ones CIPC signed, linking to the coalition's URL."""

from django.test import TestCase

from tests.factories import SpokespersonFactory, block, make_story
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites

SIGNED_LINK = 'href="http://iceout.localhost/press/coalition-statement-cipc-signed/"'


class CrossListingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.signed = make_story(
            cls.sites.coalition_press, "Coalition statement CIPC signed", signatories=cls.sites.members
        )
        cls.unsigned = make_story(
            cls.sites.coalition_press, "Statement CIPC did not sign", signatories=[cls.sites.sample_legal_org]
        )
        cls.own = make_story(cls.sites.cipc_press, "CIPC's own statement")

    def cipc_press_room(self):
        return self.client.get("/press/", HTTP_HOST=CIPC_HOST)

    def test_signed_statement_appears_once_with_the_coalition_url(self):
        html = self.cipc_press_room().content.decode()
        self.assertEqual(html.count(SIGNED_LINK), 1)
        self.assertIn("From ICE Out of California", html)

    def test_cipc_room_lists_own_and_signed_but_not_unsigned(self):
        response = self.cipc_press_room()
        self.assertContains(response, "CIPC&#x27;s own statement")
        self.assertNotContains(response, "Statement CIPC did not sign")
        self.assertContains(response, "2 stories")

    def test_coalition_room_does_not_list_cipc_stories(self):
        response = self.client.get("/press/", HTTP_HOST=COALITION_HOST)
        self.assertContains(response, "Coalition statement CIPC signed")
        self.assertContains(response, "Statement CIPC did not sign")
        self.assertNotContains(response, "CIPC&#x27;s own statement")

    def test_the_story_exists_once_on_the_coalition_site_only(self):
        url = "/press/coalition-statement-cipc-signed/"
        self.assertEqual(self.client.get(url, HTTP_HOST=COALITION_HOST).status_code, 200)
        self.assertEqual(self.client.get(url, HTTP_HOST=CIPC_HOST).status_code, 404)

    def test_unpublished_coalition_statement_is_not_cross_listed(self):
        self.signed.unpublish()
        self.assertNotContains(self.cipc_press_room(), "Coalition statement CIPC signed")

    def test_a_room_that_also_lists_the_coalitions_room_shows_every_coalition_story_unsigned_too(self):
        cipc_room = self.sites.cipc_press
        cipc_room.also_list_rooms.add(self.sites.coalition_press)
        cipc_room.save_revision().publish()

        response = self.cipc_press_room()
        self.assertContains(response, "Statement CIPC did not sign")
        self.assertContains(response, "3 stories")  # its own, the signed one (once), the unsigned
        html = response.content.decode()
        self.assertEqual(html.count(SIGNED_LINK), 1)
        # Still linking to the coalition's site, and the coalition's room is unchanged.
        self.assertIn('href="http://iceout.localhost/press/statement-cipc-did-not-sign/"', html)
        self.assertNotContains(self.client.get("/press/", HTTP_HOST=COALITION_HOST), "CIPC&#x27;s own statement")

    def test_listing_a_story_signed_twice_still_shows_it_once(self):
        from press.models import StorySignatory

        StorySignatory.objects.create(page=self.signed, organization=self.sites.cipc_org, sort_order=9)
        response = self.cipc_press_room()
        self.assertEqual(response.content.decode().count(SIGNED_LINK), 1)
        self.assertContains(response, "2 stories")


class SharedSpokespersonTests(TestCase):
    def test_one_snippet_speaks_on_both_sites_and_an_edit_shows_on_both(self):
        sites = build_press_sites()
        person = SpokespersonFactory(
            name="Casey Placeholder", title="Executive Director", organization=sites.sample_org
        )
        make_story(
            sites.cipc_press,
            "CIPC story",
            body=[block("statement", {"spokesperson": person.pk, "text": "<p>A</p>"})],
        )
        make_story(
            sites.coalition_press,
            "Coalition story",
            body=[block("spokesperson_bio", {"spokesperson": person.pk})],
        )
        cipc = self.client.get("/press/cipc-story/", HTTP_HOST=CIPC_HOST)
        coalition = self.client.get("/press/coalition-story/", HTTP_HOST=COALITION_HOST)
        self.assertContains(cipc, "Casey Placeholder, Executive Director of the Example Immigrant Rights Network")
        self.assertContains(coalition, "Executive Director, Example Immigrant Rights Network")

        person.title = "Former Executive Director"
        person.save()
        self.assertContains(
            self.client.get("/press/cipc-story/", HTTP_HOST=CIPC_HOST),
            "Casey Placeholder, Former Executive Director",
        )
        self.assertContains(
            self.client.get("/press/coalition-story/", HTTP_HOST=COALITION_HOST), "Former Executive Director,"
        )
