"""Defects a journalist saw, fixed: doubled home titles, a category badge repeating the title,
an impossible year shown as a filter, the feed as raw XML, and Django's technical 404 page
under `make run` with no way to see the branded one."""

import importlib

from django.conf import settings
from django.test import TestCase, override_settings
from django.urls import clear_url_caches

from tests.factories import CategoryFactory, make_story
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites


class VisitorPolishTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()

    def test_home_pages_say_their_name_once_in_the_title(self):
        for host, name in [
            (CIPC_HOST, "California Immigrant Policy Center"),
            (COALITION_HOST, "ICE Out of California"),
        ]:
            with self.subTest(host=host):
                response = self.client.get("/", HTTP_HOST=host)
                self.assertContains(response, f"<title>{name}</title>")
        # Other pages still say where they are.
        self.assertContains(self.client.get("/press/", HTTP_HOST=CIPC_HOST), "<title>Press room | California")

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

    def test_the_feed_names_a_same_origin_stylesheet_that_explains_it(self):
        response = self.client.get("/press/feed/", HTTP_HOST=CIPC_HOST)
        xml = response.content.decode()
        self.assertIn('<?xml-stylesheet href="/static/feeds/feed.xsl" media="screen" type="text/xsl"?>', xml)
        self.assertLess(xml.index("<?xml-stylesheet"), xml.index("<rss"))
        stylesheet = self.client.get("/static/feeds/feed.xsl")
        self.assertEqual(stylesheet.status_code, 200)
        text = b"".join(stylesheet.streaming_content).decode()
        self.assertIn("This is a <strong>news feed</strong>", text)
        self.assertIn("copy this address into your news reader", text)
        # The feed's policy lets its own origin's XSLT and styles through, and nothing else.
        policy = response["Content-Security-Policy"]
        self.assertIn("script-src 'self'", policy)
        self.assertIn("style-src 'self'", policy)


class BrandedErrorPreviewTests(TestCase):
    """Under DEBUG (make run), /_errors/404/ and /_errors/500/ show the branded pages."""

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()

    def urls_with_debug(self, debug):
        with override_settings(DEBUG=debug):
            import config.urls

            importlib.reload(config.urls)
            clear_url_caches()
        self.addCleanup(self.restore_urls)

    def restore_urls(self):
        import config.urls

        importlib.reload(config.urls)
        clear_url_caches()

    def test_the_previews_show_each_sites_branded_pages_under_debug(self):
        self.urls_with_debug(True)
        with override_settings(DEBUG=True):
            for host, name in [
                (CIPC_HOST, "California Immigrant Policy Center"),
                (COALITION_HOST, "ICE Out of California"),
            ]:
                with self.subTest(host=host):
                    response = self.client.get("/_errors/404/", HTTP_HOST=host)
                    self.assertContains(response, "<h1>Page not found</h1>", status_code=404, html=True)
                    self.assertContains(response, f"<title>Page not found | {name}</title>", status_code=404)
                    response = self.client.get("/_errors/500/", HTTP_HOST=host)
                    self.assertContains(response, "Something went wrong", status_code=500)
                    self.assertContains(response, f"| {name}</title>", status_code=500)

    def test_there_are_no_previews_in_production(self):
        self.assertFalse(settings.DEBUG)
        self.urls_with_debug(False)
        response = self.client.get("/_errors/500/", HTTP_HOST=CIPC_HOST)
        self.assertContains(response, "<h1>Page not found</h1>", status_code=404, html=True)
