"""What a member organisation's site gets to carry the coalition's statements: the room's
JSON Feed 1.1 (the RSS feed's items and filters) and the "latest statements" widget it frames
on its own pages (small, no cookies, nothing from anyone else, links back to each story), whose
code the coalition's home page offers to copy."""

import json
import re

from django.test import TestCase

from frontcache.keys import room_key
from press.models import PressIndexPage
from tests.listing_data import build_stories
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites

WIDGET_BUDGET_BYTES = 20 * 1024


class PartnerFeedCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.stories, _people = build_stories(cls.sites)

    def get(self, path, host=CIPC_HOST, status=200):
        response = self.client.get(path, HTTP_HOST=host)
        self.assertEqual(response.status_code, status, path)
        return response


class JsonFeedTests(PartnerFeedCase):
    def feed(self, query="", host=CIPC_HOST):
        response = self.get(f"/press/feed/json/{query}", host)
        self.assertEqual(response["Content-Type"], "application/feed+json; charset=utf-8")
        return json.loads(response.content)

    def test_the_json_feed_carries_the_rss_feeds_stories_as_json_feed_1_1(self):
        feed = self.feed()
        self.assertEqual(feed["version"], "https://jsonfeed.org/version/1.1")
        self.assertEqual(feed["title"], "Press room | California Immigrant Policy Center")
        self.assertEqual(feed["home_page_url"], "http://localhost/press/")
        self.assertEqual(feed["feed_url"], "http://localhost/press/feed/json/")
        self.assertEqual(feed["language"], "en")
        titles = [item["title"] for item in feed["items"]]
        self.assertEqual(titles, [self.stories[k].title for k in ("budget", "ruling", "signed")])
        first = feed["items"][0]
        self.assertEqual(first["id"], f"urn:uuid:{self.stories['budget'].translation_key}")
        self.assertEqual(first["url"], "http://localhost/press/cipc-urges-congress-to-defund-hate/")
        self.assertEqual(first["content_text"], "CIPC backs California's lawsuit over the emergency declaration.")
        self.assertTrue(first["date_published"].startswith("2019-02-15T00:00:00"))
        self.assertEqual(first["tags"], ["Press Release", "Detention"])
        # A cross-listed statement links to the coalition's site, where it lives.
        self.assertEqual(
            feed["items"][2]["url"], "http://iceout.localhost/press/coalition-defends-the-california-values-act/"
        )

    def test_the_json_feed_honours_the_listing_filters_and_ignores_bad_ones(self):
        filtered = self.feed("?category=statement")
        self.assertEqual([i["title"] for i in filtered["items"]], [self.stories[k].title for k in ("ruling", "signed")])
        self.assertEqual(filtered["home_page_url"], "http://localhost/press/?category=statement")
        self.assertEqual(len(self.feed("?topic=local-policing&year=2017", COALITION_HOST)["items"]), 1)
        self.assertEqual(len(self.feed("?year=not-a-year&topic=%00")["items"]), 3)

    def test_every_page_head_points_to_the_json_feed(self):
        for host, path in [(CIPC_HOST, "/"), (CIPC_HOST, "/press/"), (COALITION_HOST, "/")]:
            with self.subTest(host=host, path=path):
                html = self.get(path, host).content.decode()
                head = html[: html.index("</head>")]
                self.assertIn('<link rel="alternate" type="application/feed+json" title="Press room | ', head)
                self.assertIn('href="/press/feed/json/"', head)


class WidgetTests(PartnerFeedCase):
    def widget(self, query="", host=COALITION_HOST):
        return self.get(f"/press/widget/{query}", host)

    def test_the_widget_lists_the_newest_stories_with_links_back_to_each(self):
        response = self.widget()
        html = response.content.decode()
        self.assertIn("<h1>Latest statements from ICE Out of California</h1>", html)
        links = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', html)
        story_url = "http://iceout.localhost/press/coalition-defends-the-california-values-act/"
        self.assertEqual(links[0], (story_url, self.stories["signed"].title))
        self.assertIn('<base target="_top">', html)  # a story opens in the member's window, not the frame
        self.assertIn('href="http://iceout.localhost/press/">All stories from ICE Out of California</a>', html)

    def test_a_member_site_may_frame_it_and_it_costs_the_reader_no_cookie_or_third_party_request(self):
        response = self.widget()
        self.assertNotIn("X-Frame-Options", response)
        self.assertIn("frame-ancestors *", response["Content-Security-Policy"])
        self.assertFalse(response.cookies)
        self.assertLess(len(response.content), WIDGET_BUDGET_BYTES)
        html = response.content.decode()
        self.assertNotIn("<script", html)
        self.assertNotRegex(html, r"<(?:link|img|iframe)\b")  # styles inline: nothing else to load
        # Cached at the edge and filed under the room, so a publish there refreshes it.
        self.assertIn("public", response["Cache-Control"])
        room = PressIndexPage.objects.get(pk=self.sites.coalition_press.pk)
        self.assertIn(room_key(room.pk), response["xkey"].split())
        # Every other page still refuses to be framed.
        self.assertEqual(self.get("/press/", COALITION_HOST)["X-Frame-Options"], "SAMEORIGIN")

    def test_count_and_filters_choose_the_stories_and_bad_values_are_ignored(self):
        self.assertEqual(self.widget("?count=1").content.decode().count("<li>"), 1)
        self.assertEqual(self.widget("?count=1", CIPC_HOST).content.decode().count("<li>"), 1)
        for bad in ["?count=0", "?count=11", "?count=many", "?count=%00", "?count=1e3"]:
            with self.subTest(bad=bad):
                self.assertEqual(self.widget(bad, CIPC_HOST).content.decode().count("<li>"), 3)
        only = self.widget("?topic=local-policing", COALITION_HOST).content.decode()
        self.assertEqual(only.count("<li>"), 1)
        self.assertEqual(self.widget("?topic=no-such-topic").content.decode().count("<li>"), 0)
        self.assertContains(self.widget("?topic=no-such-topic"), "No stories yet.")

    def test_the_coalition_home_page_offers_the_widget_code_to_members(self):
        html = self.get("/", COALITION_HOST).content.decode()
        self.assertIn("Carry our statements on your site", html)
        code = re.search(r'<pre class="member-widget__code" tabindex="0"><code>(.*?)</code></pre>', html, re.S).group(1)
        self.assertIn("&lt;iframe src=&quot;http://iceout.localhost/press/widget/?count=5&quot;", code)
        self.assertIn("title=&quot;Latest statements from ICE Out of California&quot;", code)
        self.assertIn('<a href="/press/feed/json/">JSON Feed</a>', html)
        # CIPC is not a coalition: its home page has no members to offer it to.
        self.assertNotContains(self.get("/", CIPC_HOST), "Carry our statements on your site")
