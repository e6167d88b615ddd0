"""Each hostname gets its own site; a bad Host header is a clear 4xx, never a 500; and what an
address leads to follows every change (rename, unpublish, delete, password, new hostname)
on the very next visit."""

from django.test import TestCase
from wagtail.models import PageViewRestriction

from tests.factories import make_story
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites


class HostnameRoutingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        make_story(cls.sites.cipc_press, "Only on CIPC")
        make_story(cls.sites.coalition_press, "Only on the coalition")

    def test_same_path_gives_each_site_its_own_content(self):
        cipc = self.client.get("/press/", HTTP_HOST=CIPC_HOST)
        coalition = self.client.get("/press/", HTTP_HOST=COALITION_HOST)
        self.assertContains(cipc, "Only on CIPC")
        self.assertNotContains(cipc, "Only on the coalition")
        self.assertContains(coalition, "Only on the coalition")
        self.assertNotContains(coalition, "Only on CIPC")
        self.assertContains(cipc, "<title>Press room | California Immigrant Policy Center</title>", html=False)
        self.assertContains(coalition, "<title>Press room | ICE Out of California</title>", html=False)

    def test_a_story_is_not_served_under_the_other_site(self):
        self.assertEqual(self.client.get("/press/only-on-cipc/", HTTP_HOST=CIPC_HOST).status_code, 200)
        self.assertEqual(self.client.get("/press/only-on-cipc/", HTTP_HOST=COALITION_HOST).status_code, 404)

    def test_unknown_or_malformed_hostnames_get_a_400(self):
        for host in ["unknown.example.org", "evil.com:8000", "bad host", "localhost/../", "ünïcode.test"]:
            with self.subTest(host=host):
                response = self.client.get("/press/", HTTP_HOST=host)
                self.assertEqual(response.status_code, 400)

    def test_health_check_answers_without_a_site(self):
        response = self.client.get("/healthz/", HTTP_HOST=CIPC_HOST)
        self.assertEqual(response.content, b"ok")


class RoutesAfterChanges(TestCase):
    """Which page an address leads to follows every change at once: a renamed, unpublished
    or deleted story, a new password, or a site given a new hostname, shows on the next visit."""

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.story = make_story(cls.sites.cipc_press, "Court ruling", slug="court-ruling")

    def get(self, path, host=CIPC_HOST):
        return self.client.get(path, HTTP_HOST=host)

    def test_a_story_given_a_new_address_is_found_there_and_not_at_the_old_one(self):
        for _ in range(2):
            self.assertContains(self.get("/press/court-ruling/"), "Court ruling")
        self.story.slug = "court-ruling-appeal"
        self.story.save_revision().publish()
        self.assertEqual(self.get("/press/court-ruling/").status_code, 404)
        self.assertContains(self.get("/press/court-ruling-appeal/"), "Court ruling")

    def test_a_renamed_press_room_leads_to_its_stories_at_their_new_address_at_once(self):
        self.assertContains(self.get("/press/court-ruling/"), "Court ruling")
        room = self.sites.cipc_press
        room.slug = "newsroom"
        room.save_revision().publish()
        self.assertEqual(self.get("/press/court-ruling/").status_code, 404)
        self.assertContains(self.get("/newsroom/court-ruling/"), "Court ruling")

    def test_a_story_named_like_the_rooms_feed_leaves_the_feed_at_its_address(self):
        make_story(self.sites.cipc_press, "Feed the children", slug="feed")
        response = self.get("/press/feed/")
        self.assertEqual(response["Content-Type"], "application/xml; charset=utf-8")
        self.assertContains(response, "<rss")

    def test_an_unpublished_or_deleted_story_is_a_404_at_once(self):
        for _ in range(2):
            self.assertEqual(self.get("/press/court-ruling/").status_code, 200)
        self.story.unpublish()
        self.assertEqual(self.get("/press/court-ruling/").status_code, 404)
        self.story.save_revision().publish()
        self.assertEqual(self.get("/press/court-ruling/").status_code, 200)
        self.story.delete()
        self.assertEqual(self.get("/press/court-ruling/").status_code, 404)

    def test_a_story_moved_to_another_site_is_found_there_and_not_at_the_old_address(self):
        for _ in range(2):
            self.assertContains(self.get("/press/court-ruling/"), "Court ruling")
        self.story.move(self.sites.coalition_press, pos="last-child")
        self.assertEqual(self.get("/press/court-ruling/").status_code, 404)
        self.assertContains(self.get("/press/court-ruling/", COALITION_HOST), "Court ruling")

    def test_a_story_given_a_password_asks_for_it_at_once(self):
        for _ in range(2):
            self.assertContains(self.get("/press/court-ruling/"), "Body text.")
        PageViewRestriction.objects.create(
            page=self.story, restriction_type=PageViewRestriction.PASSWORD, password="let me in"
        )
        response = self.get("/press/court-ruling/")
        self.assertContains(response, "password")
        self.assertNotContains(response, "Body text.")

    def test_a_password_on_the_press_room_covers_its_stories_at_once(self):
        for _ in range(2):
            self.assertContains(self.get("/press/court-ruling/"), "Body text.")
        restriction = PageViewRestriction.objects.create(
            page=self.sites.cipc_press, restriction_type=PageViewRestriction.PASSWORD, password="let me in"
        )
        response = self.get("/press/court-ruling/")
        self.assertContains(response, "password")
        self.assertNotContains(response, "Body text.")
        restriction.delete()
        self.assertContains(self.get("/press/court-ruling/"), "Body text.")

    def test_publishing_another_story_keeps_this_ones_address_working(self):
        self.assertContains(self.get("/press/court-ruling/"), "Court ruling")
        make_story(self.sites.cipc_press, "Another ruling", slug="another-ruling")
        self.story.title = "Court ruling, updated"
        self.story.save_revision().publish()
        self.assertContains(self.get("/press/court-ruling/"), "Court ruling, updated")
        self.assertContains(self.get("/press/another-ruling/"), "Another ruling")

    def test_a_site_given_a_new_hostname_answers_there(self):
        for _ in range(2):
            self.assertContains(self.get("/press/", COALITION_HOST), "ICE Out of California")
            self.assertEqual(self.get("/press/court-ruling/", COALITION_HOST).status_code, 404)
        coalition = self.sites.coalition_site
        coalition.hostname = "coalition.localhost"
        coalition.save()
        # The old hostname now falls back to the default site, CIPC's, which has the story.
        self.assertContains(self.get("/press/court-ruling/", COALITION_HOST), "Court ruling")
        self.assertContains(self.get("/press/", "coalition.localhost"), "ICE Out of California")
        self.assertEqual(self.get("/press/court-ruling/", "coalition.localhost").status_code, 404)
