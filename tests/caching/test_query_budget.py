"""The number of database queries a page costs does not grow with the number of stories:
pinned here for the press room (plain, filtered, page 2) and a story page, with 10 and with
50 stories (five times as many shows "does not grow" as well as twenty times, in a quarter
of the time). Timings are the benchmark's job (`python -m harness.bench_press`), not these tests'.

"Warm" is every visit after the first since the last publish: counts, facets, pages of story
ids and story fragments come from the cache (locmem here, Redis in production). "After a
publish" is the first visit after an editor publishes another story: the listing and the
page are worked out afresh, but what only changes with the site's frame (branding, press
room, contacts, core.generations), the routes (core.routing) and the directory of people,
organisations, categories and topics (core.translations) are still cached: the issue's bar
of at most 12 queries is for this visit. "Cold" is with the cache emptied (a Redis outage
or a deploy that clears it), which computes and files everything."""

from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from harness.stories import generate_stories
from press.models import PressIndexPage, PressRoomContact, StoryPage
from tests.factories import SpokespersonFactory
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites, translate, translate_press_sites

# Queries per request once the answers are cached, whatever the number of stories: only the
# page itself, read fresh so whether it is live is always today's answer (core.routing).
BUDGET = {
    "press room": 0,
    "press room, filtered": 0,
    "press room, page 2": 0,
    "story page": 0,
}
# After a publish: the room's page, its facets (one query), its page of stories and their
# topics, people and images, and the names of the sites it lists stories from; the story's
# page, image, topics, corrections, signatories, related stories (with their topics, people
# and images) and its other language versions.
AFTER_PUBLISH_BUDGET = {
    "press room": 7,
    "press room, filtered": 7,
    "press room, page 2": 7,
    "story page": 10,
}
# Cold, also: the site and its root paths in every language (Wagtail's), the route's walk
# down the tree and privacy rules, the directory, the branding, the press room and its
# contacts, the press kit's address and the page's other language versions.
COLD_BUDGET = {
    "press room": 25,
    "press room, filtered": 25,
    "press room, page 2": 25,
    "story page": 30,
}


class QueryBudgetWith10Stories(TestCase):
    stories = 10

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        # The same kinds of card on every page whatever the size: each story has an image and
        # every coalition story is cross-listed by CIPC, so the counts can't vary with luck.
        # Spanish rooms first: every fourth generated story is then published in Spanish too.
        es = translate_press_sites(cls.sites)
        translate(cls.sites.statement, name="Declaración")
        generate_stories(cls.stories, image_every=1, signed_share=1, spanish_every=4)
        # Every page shows its room's media contacts (the generated stories have none of their own).
        for room in PressIndexPage.objects.all():  # fresh: the stories changed the rooms' tree fields
            room.media_contacts = [
                PressRoomContact(spokesperson=SpokespersonFactory(organization=org), sort_order=i)
                for i, org in enumerate(cls.sites.members[:2])
            ]
            room.save_revision().publish()
        cipc_press = PressIndexPage.objects.get(pk=cls.sites.cipc_press.pk)  # fresh: it has children now
        cipc_press.per_page = 5
        cipc_press.save_revision().publish()
        coalition = StoryPage.objects.filter(url_path__startswith="/iceout/").order_by("pk")
        sample, story, sibling = coalition[0], coalition[1], coalition[2]
        # ...and the story page has a related story.
        sibling.topics.add(story.topics.first())
        sibling.save()
        # A story with a Spanish version, and a related story in both languages.
        # (The generator publishes every fourth story in Spanish: all of them CIPC's.)
        spanish = StoryPage.objects.child_of(es.cipc_press)
        historia = spanish.order_by("pk").first()
        english = StoryPage.objects.get(translation_key=historia.translation_key, locale__language_code="en")
        hermana = spanish.exclude(pk=historia.pk).order_by("pk").first()
        for pair in (
            (english, historia),
            (
                StoryPage.objects.get(translation_key=hermana.translation_key, locale__language_code="en"),
                hermana,
            ),
        ):
            for page in pair:
                page.topics.add(english.topics.first())
                page.save()
        filtered = f"?year={english.date.year}&category={english.category.slug}"
        cls.language_pairs = {
            "home": (CIPC_HOST, "/", "/es/"),
            "press room": (CIPC_HOST, "/press/", "/es/press/"),
            "press room, filtered": (CIPC_HOST, f"/press/{filtered}", f"/es/press/{filtered}"),
            "story page": (CIPC_HOST, english.url_path[len("/cipc") :], f"/es/press/{historia.slug}/"),
        }
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

    def test_query_count_after_another_story_is_published_is_pinned(self):
        # The newest coalition story: its site's pages, and CIPC's room (which lists the
        # coalition's statements CIPC signed), are all worked out afresh after it is published.
        other = StoryPage.objects.filter(url_path__startswith="/iceout/").order_by("-pk").first()
        for name, (host, path) in self.pages.items():
            with self.subTest(name):
                self.client.get(path, HTTP_HOST=host)  # first view makes image renditions
                other.title = f"{other.title}, updated"
                other.save_revision().publish()
                with self.assertNumQueries(AFTER_PUBLISH_BUDGET[name]):
                    response = self.client.get(path, HTTP_HOST=host)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "<img")
                self.assertContains(response, 'class="contact-card"', count=2)

    def test_spanish_pages_cost_at_most_two_queries_more_than_english_ones(self):
        other = StoryPage.objects.filter(url_path__startswith="/cipc/").order_by("pk").last()
        for mode in ("warm", "after a publish", "cold"):
            for name, (host, english, spanish) in self.language_pairs.items():
                counts = {}
                for path in (english, spanish):
                    self.client.get(path, HTTP_HOST=host)  # renditions made, routes and answers kept
                    if mode == "after a publish":
                        other.save_revision().publish()
                    elif mode == "cold":
                        cache.clear()
                    with CaptureQueriesContext(connection) as queries:
                        response = self.client.get(path, HTTP_HOST=host)
                    self.assertEqual(response.status_code, 200, path)
                    counts[path] = len(queries)
                with self.subTest(mode=mode, page=name, counts=counts):
                    self.assertLessEqual(counts[spanish], counts[english] + 2)

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
