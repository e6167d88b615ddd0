"""/search/ puts stories whose title holds the words first, offers newest first as a shareable
address (?sort=newest; anything else is ignored with a notice), and marks the words searched
for in each summary, as text: a summary or a query holding HTML is shown, never run."""

import datetime

from django.test import TestCase

from tests.factories import block, make_story
from tests.sites import COALITION_HOST, build_press_sites


class SearchOrderAndMarksTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        sites = build_press_sites()
        room = sites.coalition_press
        many_mentions = "<p>" + " ".join(["The sample network studied SB 54 and its effects."] * 6) + "</p>"
        cls.in_subtitle_and_body = make_story(
            room,
            "Sample network studies sanctuary policy",
            date=datetime.date(2019, 3, 1),
            subtitle="What SB 54 changed",
            summary="A study of SB 54 by a sample network.",
            body=[block("paragraph", many_mentions)],
        )
        cls.in_title = make_story(
            room,
            "Sample court upholds SB 54",
            date=datetime.date(2018, 5, 1),
            summary="A sample ruling on the state law.",
        )
        cls.in_summary = make_story(
            room,
            "Sample network answers",
            date=datetime.date(2019, 6, 1),
            summary="Rulings on SB 54, in <b>bold</b> <script>alert(1)</script>",
        )

    def search(self, **params):
        response = self.client.get("/search/", params, HTTP_HOST=COALITION_HOST)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def order(self, html, stories):
        return sorted(stories, key=lambda story: html.index(f">{story.title}</a>"))

    def test_a_title_with_every_word_comes_first(self):
        html = self.search(q="SB 54")
        self.assertIn("3 results", html)
        self.assertEqual(
            self.order(html, [self.in_subtitle_and_body, self.in_summary, self.in_title])[0], self.in_title
        )

    def test_newest_first_is_an_address_to_share(self):
        stories = [self.in_subtitle_and_body, self.in_title, self.in_summary]
        html = self.search(q="SB 54", sort="newest")
        self.assertEqual(self.order(html, stories), [self.in_summary, self.in_subtitle_and_body, self.in_title])
        self.assertIn('<span aria-current="true">Newest first</span>', html)
        self.assertIn('<a href="?q=SB+54">Best match</a>', html)
        self.assertIn('<link rel="canonical" href="http://iceout.localhost/search/?q=SB+54&amp;sort=newest">', html)
        # A new search from the results keeps the order.
        self.assertIn('<input type="hidden" name="sort" value="newest">', html)
        best = self.search(q="SB 54")
        self.assertIn('<a href="?q=SB+54&amp;sort=newest">Newest first</a>', best)

    def test_an_unknown_sort_is_ignored_with_a_notice(self):
        html = self.search(q="SB 54", sort="<script>alert(1)</script>")
        self.assertIn("That sort order is not one we offer, so the best matches come first.", html)
        self.assertNotIn("<script>alert(1)", html)
        self.assertIn('<span aria-current="true">Best match</span>', html)
        self.assertEqual(self.order(html, [self.in_summary, self.in_title])[0], self.in_title)

    def test_the_words_searched_for_are_marked_in_each_summary_as_text(self):
        html = self.search(q="ruling sb")
        # "Rulings" is marked for "ruling"; the summary's own HTML stays text.
        summary = (
            "<mark>Rulings</mark> on <mark>SB</mark> 54, in &lt;b&gt;bold&lt;/b&gt; "
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        )
        self.assertIn(f'<p class="story-card__summary">{summary}</p>', html)
        self.assertIn("A sample <mark>ruling</mark> on the state law.", html)
        # A word inside the summary's markup is marked there, the markup still text.
        self.assertIn("&lt;b&gt;<mark>bold</mark>&lt;/b&gt;", self.search(q="bold"))
