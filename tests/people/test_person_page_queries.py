"""A spokesperson's page costs the same few queries however many stories they speak in:
pinned for a person quoted in 25 stories (three pages of ten; thirteen in Spanish), cold
(every cache emptied) and warm."""

import datetime

from django.core.cache import caches
from django.test import TestCase

from press.models import PressIndexPage
from tests.factories import make_story, statement
from tests.people.people_data import speakers
from tests.sites import CIPC_HOST, build_press_sites, translate, translate_press_sites

STORIES = 25
# As measured, warm: Wagtail's serving of the site root (site, locale, root page, its ancestors
# and their view restrictions: 5; in Spanish 6, Wagtail finds the Spanish root), the room with
# the root's language versions and its contacts (1), the directory of people with their
# organisations and photos (1), the topics with the count (1), the page of stories (1), the
# branding (1). Cold adds 4, as every page: Wagtail's site root paths (1, and 1 a site for the
# roots' translations) and the renditions (1). The issue's bar is 15 cold, 10 warm (as a
# Spanish story, the Spanish page costs 11).
BUDGET = {("en", "cold"): 14, ("en", "warm"): 10, ("es", "cold"): 15, ("es", "warm"): 11}


class PersonPageQueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        translate_press_sites(cls.sites)
        cls.alex, *_others = speakers(cls.sites)
        for n in range(STORIES):
            story = make_story(
                cls.sites.cipc_press,
                f"Network statement number {n}",
                date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
                category=cls.sites.statement,
                body=[statement(cls.alex, f"<p>Fictional statement {n}.</p>")],
            )
            if n % 2 == 0:
                translate(story, title=f"Declaración ficticia número {n}")
        PressIndexPage.objects.update(per_page=10)

    def test_the_page_costs_the_same_few_queries_whatever_the_archive(self):
        for language, prefix in (("en", ""), ("es", "/es")):
            for mode in ("cold", "warm"):
                for page in ("", "?page=2"):
                    path = f"{prefix}/people/alex-sample/{page}"
                    with self.subTest(path=path, mode=mode):
                        self.client.get(path, HTTP_HOST=CIPC_HOST)  # renditions made (their rows stay)
                        if mode == "cold":
                            for cache in caches.all():
                                cache.clear()
                        with self.assertNumQueries(BUDGET[(language, mode)]):
                            response = self.client.get(path, HTTP_HOST=CIPC_HOST)
                        self.assertEqual(response.status_code, 200)
                        self.assertContains(response, "Network statement number" if language == "en" else "número")
