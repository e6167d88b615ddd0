"""What an advisory adds to the pages' database queries: nothing. Its event comes in the
story's own query, and a room's Upcoming list in the query that finds the room (for the room's
page and its site's home page), so the pages keep the budgets tests/caching/test_query_budget.py
pins for every page (at most 15 cold, the issue's bar)."""

import datetime

from django.core.cache import caches
from django.db import connection, transaction
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advisories.models import AdvisoryEvent
from tests.advisories.data import make_advisory, relative_day
from tests.factories import make_story
from tests.sites import CIPC_HOST, build_press_sites, translate, translate_press_sites


def empty_every_cache():
    for cache in caches.all():
        cache.clear()


class AdvisoryQueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        room = cls.sites.cipc_press
        cls.plain = make_story(room, "A sample statement with no event")
        cls.advisories = [
            make_advisory(room, f"Sample advisory number {n}", date=relative_day(n + 1)) for n in range(7)
        ]
        cls.story = cls.advisories[0]

    def queries(self, path):
        empty_every_cache()
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(path, HTTP_HOST=CIPC_HOST)
        self.assertEqual(response.status_code, 200)
        return len(queries), response.content.decode()

    def test_an_advisorys_page_costs_what_a_story_without_one_costs(self):
        plain, _html = self.queries(self.plain.url)
        with_event, html = self.queries(self.story.url)
        self.assertIn('class="advisory"', html)
        self.assertIn('id="rsvp"', html)
        self.assertEqual(with_event, plain)
        self.assertEqual(with_event, 12)

    def test_the_room_and_home_list_upcoming_advisories_in_the_room_query(self):
        for path, budget in (("/press/", 13), ("/", 12)):
            with self.subTest(path=path):
                count, html = self.queries(path)
                self.assertEqual(html.count('class="upcoming__item"'), 5)  # the soonest five of seven
                self.assertEqual(count, budget)
                # The same with nothing upcoming (every event ended): the list costs no query.
                with transaction.atomic():
                    AdvisoryEvent.objects.update(ends_at=timezone.now() - datetime.timedelta(minutes=1))
                    count_without, html = self.queries(path)
                    self.assertNotIn('class="upcoming', html)
                    transaction.set_rollback(True)
                self.assertEqual(count, count_without)

    def test_the_spanish_pages_too(self):
        translate_press_sites(self.sites)
        spanish = translate(self.story, title="Aviso de muestra", slug="aviso-de-muestra")
        for path, budget in ((spanish.url, 12), ("/es/press/", 13), ("/es/", 12)):
            with self.subTest(path=path):
                count, html = self.queries(path)
                self.assertIn("Aviso de muestra", html)
                self.assertEqual(count, budget)
