"""What a page costs in database queries when no cache holds the answer, pinned for every
public page of both sites in both languages, with 10 and with 50 stories (five times as many
shows "does not grow with the archive"). Timings are the benchmark's job, not these tests'.

"Cold" is with every cache emptied before the request (a deploy, a Redis outage, the first
visitor to an address Varnish has never seen): every query the page needs. "After a publish"
is the first request after an editor publishes another story of the same site: what Wagtail
itself keeps per site (site root paths, renditions) may still be there, nothing else is.

Set QUERY_BUDGET_TABLE=1 to print what each page cost (the issue's before/after table)."""

import os
import time

from django.core.cache import caches
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from coalition.models import CoalitionHomePage, CoalitionMember
from core.models import Topic
from harness.stories import generate_stories
from press.models import PressIndexPage, PressRoomContact, StoryPage
from tests.factories import OrganizationFactory, SpokespersonFactory, block, make_story, statement
from tests.sites import (
    CIPC_HOST,
    COALITION_HOST,
    brand_like_the_demo,
    build_press_sites,
    picture,
    translate,
    translate_press_sites,
)
from tests.wordpress.wxr_fixtures import png_bytes

# Queries per page, the most any site or language costs (a Spanish page costs one more: Wagtail
# finds the Spanish site root). Every page is within the bar, 15 cold and 10 after a
# publish, but a Spanish story with related stories: 11 after a publish (Wagtail's Spanish root,
# and the related stories' query, which an English story pays within 10). Of these, Wagtail's
# own serving costs 5 on a home page, 6 on a press room and 6 on a story (the site, the active
# locale, the site root's specific page, the steps down the tree, the ancestors and their view
# restrictions), with the site root's ``route()`` fetching a story with its room, topics, notes,
# signatories and language versions in one query, and the room (with the press kit's address,
# its language versions and its media contacts) in one. Every picture a page shows (the
# branding's, the share image, the cards', a story's blocks', member logos) comes in one
# renditions query cold, and from Wagtail's renditions cache after a publish. docs/developers.md
# ("Query budgets") says, query by query, what each page costs.
COLD_BUDGET = {
    "home": 14,
    "press room": 14,
    "press room, filtered": 14,
    "press room, page 2": 14,
    "story": 15,
    "feed": 12,
    "search": 11,
}
# Only Wagtail's site root paths and renditions are still cached.
AFTER_PUBLISH_BUDGET = {
    "home": 10,
    "press room": 10,
    "press room, filtered": 10,
    "press room, page 2": 10,
    "story": 11,
    "feed": 9,
    "search": 7,
}
# An English story costs one less than a Spanish one (Wagtail finds the Spanish site root):
# within the bar, related stories included.
ENGLISH_STORY_BUDGET = {"cold": 14, "after publish": 10}
# Small pages, so every room (English and Spanish) has a page 2 at 10 stories.
PER_PAGE = 2
SEARCH_WORD = "story"  # in the title of each site's story with every block: every search finds one


def empty_every_cache():
    """Django's caches (Wagtail's site root paths and renditions among them): what a new
    worker starts with."""
    for cache in caches.all():
        cache.clear()


def _image(name):
    return picture(name, png_bytes(), "png")


def _rich_story(press_room, title, people, images, category):
    """A story whose body names several people and shows several images, so a block that
    fetched its person or image one by one would show in the count."""
    body = [statement(person) for person in people[:2]]
    body += [block("quote", {"text": "We will not stop.", "spokesperson": people[2].pk, "attribution": ""})]
    body += [block("spokesperson_bio", {"spokesperson": people[3].pk})]
    body += [
        block("image", {"image": {"image": image.pk, "alt_text": "", "decorative": True}, "caption": "", "credit": ""})
        for image in images
    ]
    body += [block("media_contacts", {"heading": "Media contacts", "contacts": [p.pk for p in people[:2]]})]
    # Topics the generated stories share, so the page shows related stories too.
    topics = Topic.objects.filter(stories__in=StoryPage.objects.child_of(press_room)).distinct()[:2]
    return make_story(press_room, title, body=body, category=category, listing_image=images[0], topics=topics)


class QueryBudgetWith10Stories(TestCase):
    stories = 10
    counts = {}  # (mode, page) -> queries, for QUERY_BUDGET_TABLE

    @classmethod
    def setUpTestData(cls):
        cls.sites = sites = build_press_sites()
        brand_like_the_demo(sites)  # logos, icons, banners and member logos, as the demo has
        translate_press_sites(sites)
        translate(sites.statement, name="Declaración")
        generate_stories(cls.stories, image_every=1, signed_share=1, spanish_every=4)
        images = [_image(f"block image {n}") for n in range(2)]
        # Three organisations, as many as the members, but fictional: the people are made up.
        cls.speakers_orgs = orgs = [
            sites.sample_org,
            sites.sample_legal_org,
            OrganizationFactory(name="Placeholder Justice Project"),
        ]
        people = [SpokespersonFactory(organization=org, photo=images[n % 2]) for n, org in enumerate(orgs + orgs[:1])]
        for person in people:
            translate(person, title="Directora ejecutiva")
        # Every page shows its room's media contacts.
        for room in PressIndexPage.objects.all():
            room.media_contacts = [PressRoomContact(spokesperson=p, sort_order=i) for i, p in enumerate(people[:2])]
            room.save_revision().publish()
        PressIndexPage.objects.update(per_page=PER_PAGE)
        cls.paths = {}
        for host, site_key, room in [
            (CIPC_HOST, "cipc", sites.cipc_press),
            (COALITION_HOST, "coalition", sites.coalition_press),
        ]:
            room = PressIndexPage.objects.get(pk=room.pk)
            story = _rich_story(room, f"A {site_key} story with every block", people, images, sites.statement)
            historia = translate(story, title=f"Una historia de {site_key}")
            # Spanish stories in each Spanish room, enough for a page 2 (the generator's are CIPC's).
            for other in StoryPage.objects.child_of(room).exclude(pk=story.pk).order_by("pk")[:3]:
                if not other.has_translation(historia.locale):
                    translate(other, title=f"Historia {other.pk}")
            for language, prefix, page in [("en", "", story), ("es", "/es", historia)]:
                filtered = f"?year={story.date.year}&category={sites.statement.slug}"
                for name, path in [
                    ("home", "/"),
                    ("press room", "/press/"),
                    ("press room, filtered", f"/press/{filtered}"),
                    ("press room, page 2", "/press/?page=2"),
                    ("story", f"/press/{page.slug}/"),
                    ("feed", "/press/feed/"),
                    ("search", f"/search/?q={SEARCH_WORD}"),
                ]:
                    cls.paths[f"{site_key} {language}: {name}"] = (host, prefix + path, room.pk, page.pk)

    def get_counted(self, host, path):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(path, HTTP_HOST=host)
        self.took = (time.perf_counter() - started) * 1000  # printed for a rough idea, never asserted
        self.assertEqual(response.status_code, 200, path)
        return len(queries), response, queries

    def publish_another_story(self, room_pk, shown_pk):
        other = StoryPage.objects.child_of(PressIndexPage.objects.get(pk=room_pk)).exclude(pk=shown_pk)
        other = other.order_by("-pk").first()
        other.title = f"{other.title}, updated"
        other.save_revision().publish()

    def assert_within(self, mode, name, budgets, counted):
        count, response, queries = counted
        budget = budgets[name.split(": ", 1)[1]]
        self.counts[(self.stories, mode, name)] = (count, self.took)
        if name.endswith("en: story"):
            budget = ENGLISH_STORY_BUDGET[mode]
        self.assertLessEqual(count, budget, "\n".join(query["sql"][:160] for query in queries))
        if name.endswith("story"):
            self.assertContains(response, 'class="contact-card"')
            self.assertContains(response, "related-heading")  # its related stories are shown
            self.assertContains(response, 'class="block-image__img"', count=2)

    def test_every_page_with_every_cache_empty(self):
        for name, (host, path, _room, _shown) in self.paths.items():
            with self.subTest(name):
                empty_every_cache()  # nothing remembered from an earlier test's (rolled back) data
                self.client.get(path, HTTP_HOST=host)  # renditions made (their rows stay)
                empty_every_cache()
                self.assert_within("cold", name, COLD_BUDGET, self.get_counted(host, path))

    def test_every_page_after_another_story_of_its_site_is_published(self):
        for name, (host, path, room, shown) in self.paths.items():
            with self.subTest(name):
                empty_every_cache()
                self.client.get(path, HTTP_HOST=host)  # Wagtail's caches filled
                self.publish_another_story(room, shown)
                self.assert_within("after publish", name, AFTER_PUBLISH_BUDGET, self.get_counted(host, path))

    def test_a_story_page_lists_its_people_and_images_without_a_query_each(self):
        host, path, _room, _shown = self.paths["cipc en: story"]
        _count, response, _queries = self.get_counted(host, path)
        for organization in self.speakers_orgs:
            self.assertContains(response, organization.name)
        self.assertContains(response, 'class="block-bio__photo"')

    def test_the_coalition_home_page_costs_the_same_whatever_its_number_of_members(self):
        host, path, _room, _shown = self.paths["coalition en: home"]
        counts = []
        for _ in range(2):
            empty_every_cache()
            self.client.get(path, HTTP_HOST=host)  # renditions made
            empty_every_cache()
            counts.append(self.get_counted(host, path)[0])
            home = CoalitionHomePage.objects.get(pk=self.sites.coalition_home.pk)
            for n in range(5):
                organization = OrganizationFactory(logo=_image(f"member logo {n}"))
                home.members.add(CoalitionMember(organization=organization, sort_order=10 + n))
            home.save_revision().publish()
        self.assertEqual(counts[0], counts[1])

    @classmethod
    def tearDownClass(cls):
        if os.environ.get("QUERY_BUDGET_TABLE"):
            for (stories, mode, name), (count, took) in sorted(cls.counts.items()):
                if stories == cls.stories:
                    print(f"{stories:>3} stories | {mode:<13} | {name:<34} | {count:>3} | {took:6.1f} ms")
        super().tearDownClass()


class QueryBudgetWith50Stories(QueryBudgetWith10Stories):
    stories = 50
    counts = {}
