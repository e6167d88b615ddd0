"""The number of database queries a page costs does not grow with the number of stories:
pinned here for the press room (plain, filtered, page 2) and a story page, with 10 and with
50 stories (five times as many shows "does not grow" as well as twenty times, in a quarter
of the time). Timings are the benchmark's job (`manage.py bench_press`), not these tests'.

"Warm" is every visit after the first since the last publish: counts, facets, pages of story
ids and story fragments come from the cache (locmem here, Redis in production). "Cold" is the
first visit after a publish (or with the cache down), which computes and files them."""

from django.core.cache import cache
from django.test import TestCase

from demo.bulk import generate_stories
from press.models import StoryPage
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites

# Queries per request, whatever the number of stories.
BUDGET = {
    "press room": 1,
    "press room, filtered": 1,
    "press room, page 2": 1,
    "story page": 1,
}
COLD_BUDGET = {
    "press room": 20,
    "press room, filtered": 21,
    "press room, page 2": 20,
    "story page": 22,
}


class QueryBudgetWith10Stories(TestCase):
    stories = 10

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        # The same kinds of card on every page whatever the size: each story has an image and
        # every coalition story is cross-listed by CIPC, so the counts can't vary with luck.
        generate_stories(cls.stories, image_every=1, signed_share=1)
        cls.sites.cipc_press.per_page = 5
        cls.sites.cipc_press.save_revision().publish()
        coalition = StoryPage.objects.filter(url_path__startswith="/iceout/").order_by("pk")
        sample, story, sibling = coalition[0], coalition[1], coalition[2]
        # ...and the story page has a related story.
        sibling.topics.add(story.topics.first())
        sibling.save()
        cls.pages = {
            "press room": (CIPC_HOST, "/press/"),
            "press room, filtered": (
                CIPC_HOST,
                f"/press/?year={sample.date.year}&spokesperson={sample.spokespeople.first().slug}",
            ),
            "press room, page 2": (CIPC_HOST, "/press/?page=2"),
            "story page": (COALITION_HOST, f"/press/{story.slug}/"),
        }

    def test_query_count_is_pinned(self):
        for name, (host, path) in self.pages.items():
            with self.subTest(name):
                self.client.get(path, HTTP_HOST=host)  # first view makes image renditions
                with self.assertNumQueries(BUDGET[name]):
                    response = self.client.get(path, HTTP_HOST=host)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "<img")

    def test_query_count_with_a_cold_cache_is_pinned(self):
        for name, (host, path) in self.pages.items():
            with self.subTest(name):
                self.client.get(path, HTTP_HOST=host)  # first view makes image renditions
                cache.clear()
                with self.assertNumQueries(COLD_BUDGET[name]):
                    response = self.client.get(path, HTTP_HOST=host)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "<img")


class QueryBudgetWith50Stories(QueryBudgetWith10Stories):
    stories = 50
