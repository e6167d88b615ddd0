"""/search/ on each site: that site's stories plus what its press room cross-lists, title
matches first, then summary, then body (among the newest 100 matches; older ones follow,
newest first); spokespeople and topics are searchable."""

import datetime

from django.test import TestCase

from tests.factories import block, make_story
from tests.listing_data import build_stories
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites


class SearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.stories, cls.people = build_stories(cls.sites)
        room = cls.sites.coalition_press
        # The same rare word in the body, the summary and the title of three stories.
        cls.in_body = make_story(room, "Body match", body=[block("paragraph", "<p>Farmworkers rally.</p>")])
        cls.in_summary = make_story(room, "Summary match", summary="Farmworkers speak out.")
        cls.in_title = make_story(room, "Farmworkers: title match")

    def search(self, host, query):
        return self.client.get("/search/", {"q": query}, HTTP_HOST=host)

    def test_results_show_title_date_and_summary(self):
        response = self.search(CIPC_HOST, "Congress")
        self.assertContains(response, "1 result")
        self.assertContains(response, ">CIPC urges Congress to defund hate</a>")
        self.assertContains(response, '<time datetime="2019-02-15">February 15, 2019</time>', html=True)
        self.assertContains(response, "CIPC backs California&#x27;s lawsuit over the emergency declaration.")
        self.assertContains(response, "<title>Search: Congress | California Immigrant Policy Center</title>")

    def test_title_outranks_summary_which_outranks_body(self):
        html = self.search(COALITION_HOST, "farmworkers").content.decode()
        positions = [html.index(f">{story.title}</a>") for story in (self.in_title, self.in_summary, self.in_body)]
        self.assertEqual(positions, sorted(positions))

    def test_beyond_the_newest_ranked_matches_older_ones_follow_newest_first(self):
        room = self.sites.coalition_press
        dated = [datetime.date(2017 + n, 1, 1) for n in range(4)]
        oldest_in_title = make_story(room, "Orchards: title match", date=dated[0])
        older_in_body = make_story(room, "Older", date=dated[1], body=[block("paragraph", "<p>Orchards.</p>")])
        newer_in_summary = make_story(room, "Newer", date=dated[2], summary="Orchards in bloom.")
        newest_in_body = make_story(room, "Newest", date=dated[3], body=[block("paragraph", "<p>Orchards.</p>")])
        stories = room.get_stories()
        # Only the two newest matches ranked: the summary match outranks the body match; the
        # older two follow, newest first, the title match last for all its rank.
        self.assertEqual(
            stories.ranked_ids("orchards", ranked=2),
            [newer_in_summary.pk, newest_in_body.pk, older_in_body.pk, oldest_in_title.pk],
        )
        # All four ranked (the site's default ranks the newest 100): the title match first.
        self.assertEqual(stories.ranked_ids("orchards")[0], oldest_in_title.pk)
        html = self.search(COALITION_HOST, "orchards").content.decode()
        self.assertLess(html.index(">Orchards: title match</a>"), html.index(">Newer</a>"))
        self.assertIn("4 results", html)

    def test_spokesperson_names_and_topics_are_searchable(self):
        self.assertContains(self.search(CIPC_HOST, "Casey Placeholder"), "2 results")
        response = self.search(COALITION_HOST, "local policing")
        self.assertContains(response, "Coalition speaks on local policing")

    def test_each_site_searches_its_own_stories_and_cipc_its_cross_listed_ones(self):
        cipc = self.search(CIPC_HOST, "SB 54")
        self.assertContains(cipc, "CIPC praises Ninth Circuit ruling")
        self.assertContains(cipc, "Coalition defends the California Values Act")
        self.assertContains(cipc, "From ICE Out of California")
        self.assertNotContains(cipc, "Coalition speaks on local policing")
        coalition = self.search(COALITION_HOST, "SB 54")
        self.assertNotContains(coalition, "CIPC praises Ninth Circuit ruling")
        self.assertContains(coalition, "Coalition speaks on local policing")

    def test_no_match_and_no_words(self):
        response = self.search(CIPC_HOST, "zzzyzx")
        self.assertContains(response, "0 results")
        self.assertContains(response, "No stories match “zzzyzx”")
        empty = self.client.get("/search/", HTTP_HOST=CIPC_HOST)
        self.assertContains(empty, "<h1>Search</h1>", html=True)
        self.assertNotContains(empty, "results")

    def test_search_pages_are_not_indexed_and_bad_page_numbers_are_404(self):
        self.assertContains(self.search(CIPC_HOST, "SB 54"), '<meta name="robots" content="noindex">')
        self.assertEqual(self.client.get("/search/?q=SB&page=abc", HTTP_HOST=CIPC_HOST).status_code, 404)
        self.assertEqual(self.client.get("/search/?q=SB&page=9", HTTP_HOST=CIPC_HOST).status_code, 404)
