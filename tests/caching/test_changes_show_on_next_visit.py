"""Nothing the app shows is kept from before a change: a visitor right after an editor
publishes, unpublishes, renames a topic or changes a cross-listed story sees the change on
the very next visit (counts, pages of stories, the story, search, the home page and the feed).
The app keeps no answers of its own between requests; Varnish, purged on publish, is the one
cache (frontcache)."""

import datetime
import io
from unittest import mock

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from press.models import StoryPage
from tests.factories import CategoryFactory, TopicFactory, make_story
from tests.sites import CIPC_HOST, build_press_sites

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
        self.assertContains(self.cipc_room(), "Op-ed (1)")  # a repeat visit, as before
        make_story(self.sites.cipc_press, "Second op-ed", category=self.category, date=datetime.date(2022, 5, 1))
        response = self.cipc_room()
        self.assertContains(response, "Op-ed (2)")
        self.assertContains(response, "2 stories")
        self.assertContains(response, "Second op-ed")

    def test_a_story_the_scheduler_publishes_is_counted_by_the_next_visitor(self):
        # The scheduler publishes in its own process, through Wagtail's publish: the counts it
        # recounts are rows in the database, which every process reads.
        story = StoryPage(title="Scheduled op-ed", summary="Later.", category=self.category, body=[])
        self.sites.cipc_press.add_child(instance=story)
        go_live_at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=1)
        story.go_live_at = go_live_at
        story.save_revision().publish()  # scheduled, not live
        self.assertContains(self.cipc_room(), "Op-ed (1)")
        with mock.patch("django.utils.timezone.now", return_value=go_live_at + datetime.timedelta(minutes=1)):
            call_command("run_scheduler", once=True)
        self.assertContains(self.cipc_room(), "Op-ed (2)")

    def test_a_change_made_behind_the_apps_back_shows_once_the_counts_are_recounted(self):
        # SQL run by hand sends no signal. The stories listed follow at once; the whole-room
        # counts (data the publish signals keep, not a cache) follow `manage.py count_facets`,
        # as the operators' guide says.
        self.assertContains(self.cipc_room(), "First op-ed")
        StoryPage.objects.filter(pk=self.first.pk).update(title="Renamed op-ed")  # no purge
        self.assertContains(self.cipc_room(), "Renamed op-ed")
        StoryPage.objects.filter(pk=self.first.pk).update(category=None)
        call_command("count_facets", stdout=io.StringIO())
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
        for _ in range(2):  # a repeat visit to each page shows the same
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
        for _ in range(2):  # the live room's listing, seen twice
            self.assertContains(self.cipc_room(), "First op-ed")
        room = self.sites.cipc_press
        room.intro = "<p>Call the press desk first.</p>"
        response = room.make_preview_request()  # as the editor's preview panel asks for it
        self.assertContains(response, "<p>Call the press desk first.</p>")  # the intro itself
        self.assertContains(response, "First op-ed")
        self.assertNotContains(self.cipc_room(), "<p>Call the press desk first.</p>")  # not published

    def test_the_home_page_shows_a_story_published_after_it_was_seen(self):
        home = lambda: self.client.get("/", HTTP_HOST=CIPC_HOST)  # noqa: E731
        for _ in range(2):
            self.assertContains(home(), "First op-ed")
        make_story(self.sites.cipc_press, "Second op-ed", category=self.category, date=datetime.date(2022, 5, 1))
        self.assertContains(home(), "Second op-ed")

    def test_the_feed_lists_a_story_published_after_it_was_read(self):
        feed = lambda: self.client.get("/press/feed/?category=op-ed", HTTP_HOST=CIPC_HOST)  # noqa: E731
        for _ in range(2):
            self.assertContains(feed(), "First op-ed")
            self.assertNotContains(feed(), "Second op-ed")
        make_story(self.sites.cipc_press, "Second op-ed", category=self.category)
        self.assertContains(feed(), "Second op-ed")
        self.assertEqual(feed()["Content-Type"], "application/xml; charset=utf-8")

    def test_search_results_quote_the_words_as_each_visitor_typed_them(self):
        # The same search words, typed two ways: each visitor sees their own words.
        for _ in range(2):
            for typed in ("zebra", "Zebra!"):
                response = self.client.get(f"/search/?q={typed}", HTTP_HOST=CIPC_HOST)
                self.assertContains(response, f"No stories match “{typed}”")

    def test_counts_follow_a_publish_committed_by_another_request(self):
        """In production the publish commits in the editor's request; every app server reads
        the committed data on its next request."""
        self.assertContains(self.cipc_room(), "Op-ed (1)")
        with self.captureOnCommitCallbacks(execute=True):
            make_story(self.sites.cipc_press, "Second op-ed", category=self.category)
        self.assertContains(self.cipc_room(), "Op-ed (2)")
