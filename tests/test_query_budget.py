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
from press.models import PressIndexPage, PressRoomContact, StoryPage
from tests.factories import SpokespersonFactory
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites

# Queries per request once the answers are cached, whatever the number of stories: only the
# page itself, read fresh so whether it is live is always today's answer (core.routing).
BUDGET = {
    "press room": 1,
    "press room, filtered": 1,
    "press room, page 2": 1,
    "story page": 1,
}
# Cold, also: the site root paths in every language (Wagtail's, cached) and the page's other
# language versions for the switcher and hreflang (cached until the next publish).
COLD_BUDGET = {
    # +2 since the press kit (issue 12): the room's default media contacts (people and
    # organisations in one query) and the header's link to the site's press kit; +5 since
    # Spanish (issue 11): Wagtail's locale lookups; the story +1 for its update and correction notes.
    "press room": 27,
    "press room, filtered": 28,
    "press room, page 2": 27,
    "story page": 30,
}


class QueryBudgetWith10Stories(TestCase):
    stories = 10

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        # The same kinds of card on every page whatever the size: each story has an image and
        # every coalition story is cross-listed by CIPC, so the counts can't vary with luck.
        generate_stories(cls.stories, image_every=1, signed_share=1)
        # Every page shows its room's media contacts (the generated stories have none of their own).
        for room in PressIndexPage.objects.all():  # fresh: the stories changed the rooms' tree fields
            room.media_contacts = [
                PressRoomContact(spokesperson=SpokespersonFactory(organization=org), sort_order=i)
                for i, org in enumerate(cls.sites.members[:2])
            ]
            room.save_revision().publish()
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
                self.assertContains(response, 'class="contact-card"', count=2)

    def test_query_count_with_a_cold_cache_is_pinned(self):
        for name, (host, path) in self.pages.items():
            with self.subTest(name):
                self.client.get(path, HTTP_HOST=host)  # first view makes image renditions
                cache.clear()
                with self.assertNumQueries(COLD_BUDGET[name]):
                    response = self.client.get(path, HTTP_HOST=host)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "<img")
                self.assertContains(response, 'class="contact-card"', count=2)


class QueryBudgetWith50Stories(QueryBudgetWith10Stories):
    stories = 50
