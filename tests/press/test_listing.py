"""A visitor browses a press room: filters that combine into shareable addresses, counts of
what each filter would show, pages of stories, and addresses that are wrong in every way."""

from urllib.parse import quote

from django.test import TestCase

from harness.stories import generate_stories
from tests.factories import CategoryFactory, make_story
from tests.listing_data import build_stories
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites

# Raw query-string values, already %-encoded as a browser or a bot would send them.
BAD_VALUES = {
    "quotes": "%22court%22+%27ruling%27+%E2%80%9Csmart%E2%80%9D",
    "NUL byte": "court%00ruling",
    "SQL fragment": "%27%3B+DROP+TABLE+wagtailcore_page%3B+--",
    "SQL tautology": "1%27+OR+%271%27%3D%271",
    "10,000 characters": "word+" * 2000,
    "non-UTF-8 bytes": "%FF%FE%FA%C3%28",
    "broken escape": "%E2%80+%+%ZZ",
}
FILTER_PARAMS = ["q", "year", "month", "category", "topic", "spokesperson", "organization"]


class ListingTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.stories, cls.people = build_stories(cls.sites)

    def cipc(self, query=""):
        return self.client.get(f"/press/{query}", HTTP_HOST=CIPC_HOST)

    def coalition(self, query=""):
        return self.client.get(f"/press/{query}", HTTP_HOST=COALITION_HOST)

    def assertListed(self, response, *keys):
        html = response.content.decode()
        for key, story in self.stories.items():
            link = f'href="{story.get_url()}"' if key != "signed" else f'href="{story.get_full_url()}"'
            if key in keys:
                self.assertIn(story.title, html, f"{key} should be listed")
            else:
                self.assertNotIn(link, html, f"{key} should not be listed")


class FilterTests(ListingTestCase):
    def test_plain_listing_is_newest_first_with_the_count(self):
        response = self.cipc()
        html = response.content.decode()
        titles = [self.stories[key].title for key in ("budget", "ruling", "signed")]
        self.assertEqual(sorted(titles, key=html.index), titles)
        self.assertContains(response, "3 stories")
        self.assertContains(response, "From ICE Out of California")
        self.assertNotContains(response, "Clear filters")

    def test_each_filter_narrows_the_listing(self):
        cases = {
            "?year=2018": ("ruling", "signed"),
            "?year=2018&month=8": ("ruling",),
            "?category=press-release": ("budget",),
            "?topic=sb-54": ("ruling", "signed"),
            "?spokesperson=avery-example": ("signed",),
            "?organization=aclu-california": ("signed",),
            "?organization=cipc": ("signed",),
            "?organization=example-immigrant-rights-network": ("budget", "ruling"),
            "?organization=sample-legal-aid-network": ("signed",),
            "?q=Congress": ("budget",),
        }
        for query, keys in cases.items():
            with self.subTest(query):
                response = self.cipc(query)
                self.assertListed(response, *keys)
                self.assertContains(response, f"{len(keys)} stor{'y' if len(keys) == 1 else 'ies'}")
                self.assertContains(response, "Clear filters")

    def test_filters_combine_with_and(self):
        self.assertListed(self.cipc("?topic=sb-54&year=2018&spokesperson=casey-placeholder"), "ruling")
        response = self.cipc("?topic=detention&year=2018")
        self.assertContains(response, "0 stories")
        self.assertContains(response, "No stories match these filters")

    def test_search_words_find_spokespeople_and_topics_too(self):
        self.assertListed(self.cipc("?q=Avery+Example"), "signed")
        self.assertListed(self.coalition("?q=policing"), "unsigned")

    def test_only_values_found_in_this_press_room_are_offered_with_counts(self):
        response = self.cipc()
        self.assertContains(response, '<option value="sb-54">SB 54 (2)</option>', html=True)
        self.assertContains(response, '<option value="2018">2018 (2)</option>', html=True)
        self.assertContains(response, '<option value="casey-placeholder">Casey Placeholder (2)</option>', html=True)
        self.assertContains(response, '<option value="cipc">California Immigrant Policy Center (1)</option>', html=True)
        network = '<option value="example-immigrant-rights-network">Example Immigrant Rights Network (2)</option>'
        self.assertContains(response, network, html=True)
        # Only in the coalition statement CIPC did not sign.
        self.assertNotContains(response, "Local policing")
        self.assertNotContains(response, "Jamie Sample")
        self.assertContains(self.coalition(), '<option value="local-policing">Local policing (1)</option>', html=True)
        # Public copy spells it one way (US English), like the ?organization= parameter.
        self.assertContains(response, '<option value="">Any organization</option>', html=True)
        self.assertNotContains(response, "rganisation")

    def test_counts_follow_the_other_filters_and_months_appear_with_a_year(self):
        response = self.cipc("?year=2018")
        self.assertContains(response, '<option value="sb-54">SB 54 (2)</option>', html=True)
        self.assertContains(response, '<option value="detention">Detention (0)</option>', html=False, count=0)
        self.assertContains(response, '<option value="7">July (1)</option>', html=True)
        self.assertContains(response, '<option value="8">August (1)</option>', html=True)
        self.assertContains(response, '<option value="2018" selected>2018 (2)</option>', html=True)
        self.assertNotContains(self.cipc(), 'name="month"')

    def test_a_spokesperson_who_left_is_not_offered_but_their_address_still_works(self):
        person = self.people["angela"]
        person.active = False
        person.save()
        self.assertNotContains(self.cipc(), '<option value="avery-example">', html=False)
        self.assertListed(self.cipc("?spokesperson=avery-example"), "signed")

    def test_shareable_address_is_the_canonical_and_links_remove_one_filter(self):
        response = self.cipc("?topic=sb-54&year=2018&category=&page=1")
        self.assertContains(response, '<link rel="canonical" href="http://localhost/press/?year=2018&amp;topic=sb-54">')
        self.assertContains(response, 'href="/press/?topic=sb-54" aria-label="Remove filter Year: 2018"')
        self.assertContains(response, 'href="/press/?year=2018" aria-label="Remove filter Topic: SB 54"')

    def test_the_form_works_without_javascript(self):
        response = self.cipc()
        self.assertContains(response, '<form class="filters" method="get" action="/press/"')
        self.assertContains(response, '<button type="submit" class="button">Show stories</button>')


class BadInputTests(ListingTestCase):
    def assertIntactPage(self, response):
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<h1>Press room</h1>", html=True)
        self.assertContains(response, "Find a story")
        self.assertContains(response, 'class="site-footer"')

    def test_unknown_filter_values_show_no_stories_with_the_page_intact(self):
        for param in ["category", "topic", "spokesperson", "organization"]:
            with self.subTest(param):
                response = self.cipc(f"?{param}=no-such-thing")
                self.assertIntactPage(response)
                self.assertContains(response, "No stories match these filters")
                self.assertContains(response, "Clear filters")
        response = self.cipc("?year=1999")
        self.assertIntactPage(response)
        self.assertContains(response, "0 stories")

    def test_bad_values_in_every_filter_never_break_the_page(self):
        for param in FILTER_PARAMS:
            for name, value in BAD_VALUES.items():
                with self.subTest(param=param, value=name):
                    response = self.cipc(f"?{param}={value}")
                    self.assertIntactPage(response)
                    if param != "q":
                        self.assertContains(response, "was not understood, so it was ignored")
                        self.assertContains(response, "3 stories")

    def test_bad_search_text_is_cleaned_and_searched(self):
        response = self.cipc(f"?q={BAD_VALUES['10,000 characters']}")
        self.assertContains(response, "Your search was too long")
        self.assertContains(response, "0 stories")
        response = self.cipc("?q=%22Ninth+Circuit%22")
        self.assertListed(response, "ruling")

    def test_bad_values_in_the_feed_and_search_never_break_them(self):
        for name, value in BAD_VALUES.items():
            with self.subTest(value=name):
                feed = self.client.get(f"/press/feed/?q={value}&topic={value}&year={value}", HTTP_HOST=CIPC_HOST)
                self.assertEqual(feed.status_code, 200)
                self.assertEqual(
                    feed["Content-Type"], "application/xml; charset=utf-8"
                )  # so browsers apply its stylesheet
                search = self.client.get(f"/search/?q={value}", HTTP_HOST=COALITION_HOST)
                self.assertEqual(search.status_code, 200)
                self.assertContains(search, "Search results for")

    def test_page_numbers_that_are_not_a_page_of_the_listing_are_404(self):
        for page in ["abc", "0", "-1", "99999", "2", "1.5", "01", "%00", quote("1 OR 1=1"), "9" * 30, "%FF"]:
            with self.subTest(page=page):
                response = self.cipc(f"?page={page}")
                self.assertEqual(response.status_code, 404)
                self.assertContains(response, "Page not found", status_code=404)
                self.assertContains(response, "California Immigrant Policy Center", status_code=404)
                self.assertContains(response, "Browse the press room", status_code=404)
        self.assertEqual(self.cipc("?page=1").status_code, 200)
        self.assertEqual(self.cipc("?page=").status_code, 200)


class PaginationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        generate_stories(90)  # half in CIPC's room: 9 pages of 5
        cls.sites.cipc_press.per_page = 5
        cls.sites.cipc_press.save_revision().publish()
        cls.total = cls.sites.cipc_press.get_stories().count()

    def get(self, query=""):
        return self.client.get(f"/press/{query}", HTTP_HOST=CIPC_HOST)

    def test_the_press_rooms_page_size_sets_the_pages(self):
        pages = -(-self.total // 5)
        response = self.get()
        self.assertContains(response, f"{self.total} stories")
        self.assertContains(response, f", page 1 of {pages}")
        self.assertEqual(response.content.decode().count('<article class="story-card'), 5)
        last = self.get(f"?page={pages}")
        self.assertEqual(last.content.decode().count('<article class="story-card'), self.total - 5 * (pages - 1))

    def test_page_range_is_elided(self):
        pages = -(-self.total // 5)
        self.assertGreater(pages, 7)
        response = self.get("?page=5")
        self.assertContains(response, "pagination__gap", count=2)
        self.assertContains(response, '<a href="/press/" ', html=False)
        self.assertContains(response, f'href="/press/?page={pages}"')
        self.assertContains(response, 'href="/press/?page=4" rel="prev"')
        self.assertContains(response, 'href="/press/?page=6" rel="next"')
        self.assertContains(response, 'aria-current="page"><span class="visually-hidden">Page </span>5</a>')
        self.assertContains(response, "<title>Press room, page 5 | California Immigrant Policy Center</title>")

    def test_page_links_keep_the_filters(self):
        years = [story.date.year for story in self.sites.cipc_press.get_stories()]
        year = max(set(years), key=years.count)
        response = self.get(f"?year={year}&junk=1")
        count = years.count(year)
        self.assertGreater(count, 5, "the test needs a second page")
        self.assertContains(response, f'href="/press/?year={year}&amp;page=2" rel="next"')
        second = self.get(f"?year={year}&page=2")
        self.assertContains(second, f'href="/press/?year={year}" rel="prev"')
        self.assertContains(second, f"{count} stories")


class StatementLabelTests(TestCase):
    """No "Statement" label before a title that already begins "Statement"."""

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()

    def test_no_statement_badge_before_a_title_that_begins_statement(self):
        make_story(
            self.sites.coalition_press, "Statement: Coalition responds to the ruling", category=self.sites.statement
        )
        make_story(self.sites.coalition_press, "Coalition defends the Values Act", category=self.sites.statement)
        listing = self.client.get("/press/", HTTP_HOST=COALITION_HOST).content.decode()
        cards = listing.split('<article class="story-card')[1:]
        by_title = {next(t for t in ("Statement: Coalition", "Coalition defends") if t in card): card for card in cards}
        self.assertNotIn('<span class="label">Statement</span>', by_title["Statement: Coalition"])
        self.assertIn('<span class="label">Statement</span>', by_title["Coalition defends"])

        story = self.client.get("/press/statement-coalition-responds-to-the-ruling/", HTTP_HOST=COALITION_HOST)
        self.assertNotContains(story, 'class="label"')


class YearFilterTests(TestCase):
    """An impossible year is ignored with a notice; a possible one without stories is kept."""

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()

    def test_an_impossible_year_is_ignored_with_a_notice_and_no_chip(self):
        make_story(self.sites.cipc_press, "CIPC speaks", category=CategoryFactory())
        response = self.client.get("/press/?year=1800", HTTP_HOST=CIPC_HOST)
        self.assertContains(response, "There are no stories from 1800, so the year was ignored.")
        self.assertNotContains(response, "Year: 1800")
        self.assertNotContains(response, "1800</option>")
        self.assertContains(response, "CIPC speaks")
        self.assertContains(response, '<option value="">Any year</option>', html=True)

    def test_a_possible_year_without_stories_shows_the_same_in_the_select_and_the_chip(self):
        make_story(self.sites.cipc_press, "CIPC speaks", category=CategoryFactory())
        response = self.client.get("/press/?year=1990", HTTP_HOST=CIPC_HOST)
        self.assertContains(response, '<option value="1990" selected>1990</option>', html=True)
        self.assertContains(response, "1990")
        self.assertContains(response, "No stories match")
