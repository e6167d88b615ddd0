"""The one object that reads a press room's query string: what it keeps, what it drops and
tells the visitor about, and the shareable query string it writes back."""

from django.http import QueryDict
from django.test import SimpleTestCase

from press.filters import MAX_QUERY_LENGTH, Facet, Option, StoryFilters, search_terms


def parse(query_string):
    return StoryFilters.from_querydict(QueryDict(query_string))


class StoryFiltersParsingTests(SimpleTestCase):
    def test_every_filter_is_read_and_written_back_in_a_fixed_order(self):
        filters = parse(
            "spokesperson=casey-placeholder&topic=sb-54&q=court+ruling&month=7&year=2018&category=statement"
        )
        self.assertEqual(
            filters.querystring(),
            "?q=court+ruling&year=2018&month=7&category=statement&topic=sb-54&spokesperson=casey-placeholder",
        )
        self.assertEqual(filters.notices, [])
        self.assertTrue(filters.is_active)

    def test_no_filters_is_the_plain_listing(self):
        filters = parse("year=&category=&q=+++")
        self.assertFalse(filters.is_active)
        self.assertEqual(filters.querystring(), "")
        self.assertEqual(filters.notices, [])

    def test_organisation_filter(self):
        self.assertEqual(parse("organization=aclu-california").querystring(), "?organization=aclu-california")

    def test_a_month_needs_a_year(self):
        filters = parse("month=7")
        self.assertIsNone(filters.month)
        self.assertEqual(filters.notices, ["A month needs a year, so it was ignored. Choose a year first."])

    def test_values_that_are_not_a_year_month_or_slug_are_dropped_with_a_notice(self):
        cases = {
            "year=abc": "The year in the address was not understood, so it was ignored.",
            "year=20188": "The year in the address was not understood, so it was ignored.",
            "year=2018&month=13": "The month in the address was not understood, so it was ignored.",
            "category=%27%3B+DROP+TABLE+core_category%3B--": "The category in the address was not understood",
            "topic=%22quoted%22": "The topic in the address was not understood",
            "spokesperson=a%00b": "The spokesperson in the address was not understood",
            "organization=%FF%FE": "The organization in the address was not understood",
        }
        for query_string, notice in cases.items():
            with self.subTest(query_string):
                filters = parse(query_string)
                self.assertEqual(len(filters.notices), 1)
                self.assertTrue(filters.notices[0].startswith(notice), filters.notices)
                self.assertNotIn("DROP", filters.querystring())

    def test_slugs_are_compared_in_lower_case(self):
        self.assertEqual(parse("topic=SB-54").topic, "sb-54")

    def test_search_text_loses_control_characters_and_extra_spaces(self):
        self.assertEqual(parse("q=%00court%0A%0D%09+%22ruling%22").q, 'court "ruling"')

    def test_long_search_text_is_cut_with_a_notice(self):
        filters = parse("q=" + "word+" * 2000)
        self.assertLessEqual(len(filters.q), MAX_QUERY_LENGTH)
        self.assertTrue(filters.q.endswith("word"))
        self.assertEqual(len(filters.notices), 1)
        self.assertIn("too long", filters.notices[0])

    def test_removing_a_filter_keeps_the_others_and_removing_the_year_drops_the_month(self):
        filters = parse("year=2018&month=7&topic=sb-54")
        self.assertEqual(filters.querystring(topic=None), "?year=2018&month=7")
        self.assertEqual(filters.querystring(year=None), "?topic=sb-54")
        self.assertEqual(filters.querystring(page=3), "?year=2018&month=7&topic=sb-54&page=3")

    def test_active_filters_are_named_by_their_labels(self):
        filters = parse("q=court&topic=sb-54&year=2018")
        facets = [
            Facet("year", "Year", "Any year", [Option("2018", "2018", 4, True)]),
            Facet("topic", "Topic", "Any topic", [Option("sb-54", "SB 54", 2, True)]),
            Facet("category", "Category", "Any category", []),
        ]
        chips = [(chip.label, chip.text, chip.remove_querystring) for chip in filters.chips(facets)]
        self.assertEqual(
            chips,
            [
                ("Words", "“court”", "?year=2018&topic=sb-54"),
                ("Year", "2018", "?q=court&topic=sb-54"),
                ("Topic", "SB 54", "?q=court&year=2018"),
            ],
        )


class SearchTermsTests(SimpleTestCase):
    def test_only_words_reach_the_search_backend(self):
        self.assertEqual(search_terms('"Ninth Circuit" OR (SB-54) NOT ICE\'s'), "ninth circuit or sb 54 not ice s")
        self.assertEqual(search_terms("Ñandú São Paulo"), "ñandú são paulo")
        self.assertEqual(search_terms("\"' -- ;"), "")
