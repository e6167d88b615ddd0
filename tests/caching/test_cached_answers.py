"""The press room and story pages keep their counts, pages of stories and fragments in the
cache until the next publish (core.generations). A visitor right after an editor publishes,
unpublishes, renames a topic or changes a cross-listed story sees the change, never the
cached answer from before it."""

import datetime

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from harness.stories import generate_stories
from press.models import StoryPage
from tests.factories import CategoryFactory, TopicFactory, make_story
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites

# At most this many queries once a page's answers are cached (tests/test_query_budget.py
# pins the exact numbers; this is the promise).
WARM_QUERIES = 12
MARCH_2021, JULY_2021 = datetime.date(2021, 3, 1), datetime.date(2021, 7, 1)


class FacetCountsAfterPublishing(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.category = CategoryFactory(name="Op-ed", slug="op-ed")
        cls.topic = TopicFactory(name="Detention", slug="detention")
        cls.first = make_story(
            cls.sites.cipc_press, "First op-ed", category=cls.category, topics=[cls.topic], date=MARCH_2021
        )

    def cipc_room(self, query=""):
        return self.client.get(f"/press/{query}", HTTP_HOST=CIPC_HOST)

    def test_a_published_story_is_counted_by_the_next_visitor(self):
        self.assertContains(self.cipc_room(), "Op-ed (1)")
        self.assertContains(self.cipc_room(), "Op-ed (1)")  # now from the cache
        make_story(self.sites.cipc_press, "Second op-ed", category=self.category, date=datetime.date(2022, 5, 1))
        response = self.cipc_room()
        self.assertContains(response, "Op-ed (2)")
        self.assertContains(response, "2 stories")
        self.assertContains(response, "Second op-ed")

    def test_without_a_shared_cache_nothing_is_kept_that_another_process_could_make_stale(self):
        # `make run` without Redis: the scheduler publishes in its own process, whose cache
        # the web server never sees; the web server must not keep yesterday's answers.
        with self.settings(CACHE_PUBLISHED_ANSWERS=False):
            self.assertContains(self.cipc_room(), "Op-ed (1)")
            StoryPage.objects.filter(pk=self.first.pk).update(category=None)  # no purge, no bump
            self.assertNotContains(self.cipc_room(), "Op-ed (1)")

    def test_an_unpublished_story_is_no_longer_counted(self):
        second = make_story(self.sites.cipc_press, "Second op-ed", category=self.category)
        self.assertContains(self.cipc_room("?category=op-ed"), "Op-ed (2)")
        second.unpublish()
        response = self.cipc_room("?category=op-ed")
        self.assertContains(response, "Op-ed (1)")
        self.assertContains(response, "1 story")
        self.assertNotContains(response, "Second op-ed")

    def test_filtered_counts_follow_a_publish(self):
        query = "?year=2021&topic=detention"
        self.assertContains(self.cipc_room(query), "Detention (1)")
        make_story(self.sites.cipc_press, "Another", topics=[self.topic], category=self.category, date=JULY_2021)
        response = self.cipc_room(query)
        self.assertContains(response, "Detention (2)")
        self.assertContains(response, "Op-ed (2)")

    def test_a_coalition_statement_cipc_signs_is_counted_in_cipcs_room(self):
        self.assertContains(self.cipc_room(), "1 story")
        make_story(self.sites.coalition_press, "Joint statement", signatories=self.sites.members)
        response = self.cipc_room()
        self.assertContains(response, "2 stories")
        self.assertContains(response, "Joint statement")

    def test_a_notice_about_a_bad_address_stays_with_that_address(self):
        # Both addresses list the same stories; only the one with the bad year says so.
        self.assertContains(self.cipc_room(), "First op-ed")
        self.assertContains(self.cipc_room("?year=twenty"), "The year in the address was not understood")
        self.assertNotContains(self.cipc_room(), "The year in the address was not understood")
        self.assertContains(self.cipc_room("?year=twenty"), "The year in the address was not understood")

    def test_each_page_of_the_listing_is_kept_apart(self):
        self.sites.cipc_press.per_page = 5
        self.sites.cipc_press.save_revision().publish()
        for day in range(1, 7):
            make_story(self.sites.cipc_press, f"January story {day}", date=datetime.date(2020, 1, day))
        for _ in range(2):  # the second visit to each page reads its cached fragment
            first, second = self.cipc_room(), self.cipc_room("?page=2")
            self.assertContains(first, "page 1 of 2")
            self.assertContains(first, "January story 6")
            self.assertContains(second, "page 2 of 2")
            self.assertContains(second, "January story 1")
            self.assertNotContains(second, "January story 6")
        self.assertEqual(self.cipc_room("?page=3").status_code, 404)

    def test_a_renamed_topic_shows_its_new_name(self):
        self.assertContains(self.cipc_room(), "Detention (1)")
        self.topic.name = "Detention and deportation"
        self.topic.save()
        self.assertContains(self.cipc_room(), "Detention and deportation (1)")

    def test_the_story_page_shows_its_new_text_after_publishing(self):
        url = f"/press/{self.first.slug}/"
        self.assertContains(self.client.get(url, HTTP_HOST=CIPC_HOST), "Summary of First op-ed.")
        revision = self.first.save_revision()
        draft = revision.as_object()
        draft.summary = "A corrected summary."
        draft.save_revision().publish()
        response = self.client.get(url, HTTP_HOST=CIPC_HOST)
        self.assertContains(response, "A corrected summary.")
        self.assertNotContains(response, "Summary of First op-ed.")

    def test_search_finds_a_story_published_after_the_same_search(self):
        search = lambda: self.client.get("/search/?q=sanctuary", HTTP_HOST=CIPC_HOST)  # noqa: E731
        self.assertNotContains(search(), "Sanctuary ruling")
        make_story(self.sites.cipc_press, "Sanctuary ruling", category=self.category)
        self.assertContains(search(), "Sanctuary ruling")

    def test_a_press_room_preview_shows_its_edited_introduction_not_the_cached_listing(self):
        for _ in range(2):  # the live room's listing is cached
            self.assertContains(self.cipc_room(), "First op-ed")
        room = self.sites.cipc_press
        room.intro = "<p>Call the press desk first.</p>"
        response = room.make_preview_request()  # as the editor's preview panel asks for it
        self.assertContains(response, "<p>Call the press desk first.</p>")  # the intro itself
        self.assertContains(response, "First op-ed")
        self.assertNotContains(self.cipc_room(), "<p>Call the press desk first.</p>")  # not published

    def test_the_home_page_shows_a_story_published_after_it_was_seen(self):
        home = lambda: self.client.get("/", HTTP_HOST=CIPC_HOST)  # noqa: E731
        for _ in range(2):  # the second from the cache
            self.assertContains(home(), "First op-ed")
        make_story(self.sites.cipc_press, "Second op-ed", category=self.category, date=datetime.date(2022, 5, 1))
        self.assertContains(home(), "Second op-ed")

    def test_the_feed_lists_a_story_published_after_it_was_read(self):
        feed = lambda: self.client.get("/press/feed/?category=op-ed", HTTP_HOST=CIPC_HOST)  # noqa: E731
        for _ in range(2):  # the second from the cache
            self.assertContains(feed(), "First op-ed")
            self.assertNotContains(feed(), "Second op-ed")
        make_story(self.sites.cipc_press, "Second op-ed", category=self.category)
        self.assertContains(feed(), "Second op-ed")
        self.assertEqual(feed()["Content-Type"], "application/xml; charset=utf-8")

    def test_cached_search_results_quote_the_words_as_each_visitor_typed_them(self):
        # The same search words, typed two ways: one cached count, two sets of results.
        for _ in range(2):
            for typed in ("zebra", "Zebra!"):
                response = self.client.get(f"/search/?q={typed}", HTTP_HOST=CIPC_HOST)
                self.assertContains(response, f"No stories match “{typed}”")

    def test_counts_follow_a_publish_committed_by_another_request(self):
        """In production the publish commits in the editor's request and the bump after the
        commit is what every app server sees."""
        self.assertContains(self.cipc_room(), "Op-ed (1)")
        with self.captureOnCommitCallbacks(execute=True):
            make_story(self.sites.cipc_press, "Second op-ed", category=self.category)
        self.assertContains(self.cipc_room(), "Op-ed (2)")


class WarmPressRoomQueries(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        generate_stories(10, image_every=1, signed_share=1)
        cls.sites.cipc_press.per_page = 5
        cls.sites.cipc_press.save_revision().publish()

    def assert_warm_visit_is_cheap(self, url, host):
        self.client.get(url, HTTP_HOST=host)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200)
        self.assertLessEqual(len(queries), WARM_QUERIES, "\n".join(q["sql"][:120] for q in queries))

    def test_a_warm_press_room_costs_at_most_twelve_queries(self):
        for query in ("", "?page=2", "?year=2020", "?q=court"):
            with self.subTest(query):
                self.assert_warm_visit_is_cheap(f"/press/{query}", CIPC_HOST)

    def test_a_warm_story_page_costs_at_most_twelve_queries(self):
        from press.models import StoryPage

        story = StoryPage.objects.filter(url_path__startswith="/iceout/").first()
        self.assert_warm_visit_is_cheap(f"/press/{story.slug}/", COALITION_HOST)


class RoutesAfterChanges(TestCase):
    """Which page an address leads to is remembered until the next change (core.routing):
    a renamed, unpublished or deleted story, or a site given a new hostname, is never
    served from the remembered route."""

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.story = make_story(cls.sites.cipc_press, "Court ruling", slug="court-ruling")

    def get(self, path, host=CIPC_HOST):
        return self.client.get(path, HTTP_HOST=host)

    def test_a_story_given_a_new_address_is_found_there_and_not_at_the_old_one(self):
        for _ in range(2):  # the second visit uses the remembered route
            self.assertContains(self.get("/press/court-ruling/"), "Court ruling")
        self.story.slug = "court-ruling-appeal"
        self.story.save_revision().publish()
        self.assertEqual(self.get("/press/court-ruling/").status_code, 404)
        self.assertContains(self.get("/press/court-ruling-appeal/"), "Court ruling")

    def test_an_unpublished_or_deleted_story_is_a_404_at_once(self):
        for _ in range(2):
            self.assertEqual(self.get("/press/court-ruling/").status_code, 200)
        self.story.unpublish()
        self.assertEqual(self.get("/press/court-ruling/").status_code, 404)
        self.story.save_revision().publish()
        self.assertEqual(self.get("/press/court-ruling/").status_code, 200)
        self.story.delete()
        self.assertEqual(self.get("/press/court-ruling/").status_code, 404)

    def test_a_story_given_a_password_asks_for_it_at_once(self):
        for _ in range(2):  # the route and its privacy rules (none) remembered
            self.assertContains(self.get("/press/court-ruling/"), "Body text.")
        PageViewRestriction.objects.create(
            page=self.story, restriction_type=PageViewRestriction.PASSWORD, password="let me in"
        )
        response = self.get("/press/court-ruling/")
        self.assertContains(response, "password")
        self.assertNotContains(response, "Body text.")

    def test_a_password_on_the_press_room_covers_a_story_whose_route_was_remembered(self):
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
        for _ in range(2):  # the coalition's site, remembered for its hostname
            self.assertContains(self.get("/press/", COALITION_HOST), "ICE Out of California")
            self.assertEqual(self.get("/press/court-ruling/", COALITION_HOST).status_code, 404)
        coalition = self.sites.coalition_site
        coalition.hostname = "coalition.localhost"
        coalition.save()
        # The old hostname now falls back to the default site, CIPC's, which has the story.
        self.assertContains(self.get("/press/court-ruling/", COALITION_HOST), "Court ruling")
        self.assertContains(self.get("/press/", "coalition.localhost"), "ICE Out of California")
        self.assertEqual(self.get("/press/court-ruling/", "coalition.localhost").status_code, 404)
