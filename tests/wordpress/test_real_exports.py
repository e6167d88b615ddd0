"""The two exports WordPress itself wrote (../shared/wordpress, unchanged), imported as a press
officer would, then the sites looked at as a visitor and a search engine see them."""

import json
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import feedparser
from django.conf import settings
from django.test import TestCase
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect

from alerts.models import Alert, AnnouncedStory, Subscription
from core.models import Topic
from press.models import StoryPage
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites
from tests.wordpress.cases import import_summary, run_import
from wordpress.models import WordPressOrigin

EXPORTS = Path(settings.BASE_DIR).parent / "shared" / "wordpress"
THEME_TEST_DATA = EXPORTS / "themeunittestdata.wordpress.xml"
THEME_PREVIEW = EXPORTS / "theme-preview.xml"
PROTECTED_TEXT = "should not be visible until the password is entered"


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


class RealExportCase(TestCase):
    options = {}

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        Subscription.objects.create(
            press_room=cls.sites.cipc_press, email="reporter@example.com", confirmed_at=timezone.now()
        )
        cls.output = run_import(THEME_TEST_DATA, CIPC_HOST, **cls.options)
        cls.preview_output = run_import(THEME_PREVIEW, COALITION_HOST, **cls.options)

    def get(self, path, host=CIPC_HOST):
        return self.client.get(path, HTTP_HOST=host)

    def visible_everywhere_public(self, words):
        """Where ``words`` shows to a visitor who has no password: home page, listing, site
        search, room search, feed, sitemap."""
        places = {
            "home page": self.get("/").content.decode(),
            "listing": self.get("/press/").content.decode(),
            "room search": self.get("/press/?q=password").content.decode(),
            "site search": self.get("/search/?q=password").content.decode(),
            "feed": self.get("/press/feed/").content.decode(),
            "sitemap": self.get("/sitemap.xml").content.decode(),
        }
        return [place for place, html in places.items() if words in html]


class ThemeTestDataTests(RealExportCase):
    def test_every_published_post_is_accounted_for_and_the_report_says_why(self):
        rows = import_summary(self.output)
        print(self.output)  # the report, for the closing note (pytest -s)
        self.assertEqual(rows["Posts read"], 180)
        # 49 published posts: 47 stories, the password-protected one and the empty one skipped.
        self.assertEqual(rows["Stories created"], 47)
        self.assertEqual(rows["Skipped: password-protected (not imported)"], 1)
        self.assertEqual(rows["Skipped: no body"], 1)
        self.assertEqual((rows["Skipped: not published (draft)"], rows["Skipped: not published (future)"]), (1, 1))
        self.assertIn("sticky in WordPress: pinned in the press room: post ", self.output)
        self.assertIn("no title: one made from its first words: post 1169 (no title)", self.output)
        # The report says each thing once: no line twice, no post or name twice in a line.
        lines = self.output.split("Warnings:", 1)[1].splitlines()[1:-1]
        self.assertEqual(len(lines), len(set(lines)))
        for line in lines:
            posts = re.findall(r"post \d+", line)
            self.assertEqual(len(posts), len(set(posts)), line)
        self.assertNotIn("Foo A, Foo A", self.output)  # two categories of one name
        self.assertNotIn("--media-dir", self.output)  # the admin shows the same lines
        self.assertIn("more than 8 topics: the first 8 kept: post 1151 “Edge Case: Many Tags”", self.output)
        self.assertEqual(StoryPage.objects.live().filter(wordpress_origin__isnull=False).count(), 47 + 7)

    def test_the_password_protected_post_is_nowhere_public(self):
        self.assertFalse(StoryPage.objects.filter(title__contains="Password Protected").exists())
        self.assertEqual(self.visible_everywhere_public("Password Protected"), [])
        self.assertEqual(self.get("/2012/01/04/template-password-protected/").status_code, 404)
        self.assertEqual(self.get("/?p=1168").status_code, 200)  # the home page: no redirect to anything

    def test_the_empty_post_is_not_published_and_the_untitled_one_is_titled_from_its_words(self):
        self.assertNotContains(self.get("/press/?q=content"), "Edge Case: No Content")
        untitled = StoryPage.objects.get(wordpress_origin__post_id=1169)
        self.assertEqual(untitled.title, "This post has no title, but it still…")
        self.assertContains(self.get(untitled.url_path.removeprefix("/cipc")), "This post has no title")

    def test_every_short_link_and_permalink_redirects_to_its_story(self):
        origins = WordPressOrigin.objects.filter(press_room=self.sites.cipc_press).select_related("page")
        self.assertEqual(len(origins), 47)
        for origin in origins:
            url = f"http://{CIPC_HOST}{origin.page.url_path.removeprefix('/cipc')}"
            for old in (f"/?p={origin.post_id}", origin.link, origin.link.rstrip("/")):
                response = self.get(old.removeprefix("https://wpthemetestdata.wordpress.com"))
                self.assertEqual((response.status_code, response.get("Location")), (301, url), old)
        # A guid naming another ID than wp:post_id leads there too, unless that ID is another item's.
        story = StoryPage.objects.get(wordpress_origin__post_id=1163)
        self.assertEqual(self.get("/?p=674")["Location"], f"http://{CIPC_HOST}{story.url_path.removeprefix('/cipc')}")
        story = StoryPage.objects.get(wordpress_origin__post_id=568)
        self.assertEqual(self.get("/?p=568")["Location"], f"http://{CIPC_HOST}{story.url_path.removeprefix('/cipc')}")
        self.assertEqual(Redirect.objects.filter(site=self.sites.coalition_site).count(), 7)

    def test_dates_are_california_days_and_search_engines_see_when_the_content_changed(self):
        # post_date_gmt 2018-10-21 03:03:48 is the evening of October 20 in California.
        story = StoryPage.objects.get(wordpress_origin__post_id=1724)
        html = self.get(story.url_path.removeprefix("/cipc")).content.decode()
        data = json_ld(html)
        self.assertEqual(data["datePublished"], "2018-10-20")
        # The export has no post_modified_gmt: the post's own time, not the day of the import.
        self.assertEqual(data["dateModified"], "2018-10-20T20:03:48-07:00")
        self.assertEqual(datetime.fromisoformat(data["dateModified"]), datetime(2018, 10, 21, 3, 3, 48, tzinfo=UTC))
        sitemap = self.get("/sitemap.xml").content.decode()
        path = re.escape(story.url_path.removeprefix("/cipc"))
        self.assertRegex(sitemap, rf"{path}</loc>\s*<lastmod>2018-10-20</lastmod>")
        today = f"{timezone.localdate():%Y-%m-%d}"
        self.assertNotRegex(sitemap, rf"/press/[^<]+/</loc><lastmod>{today}</lastmod>")

    def test_the_imported_archive_alerts_nobody(self):
        self.assertEqual(Alert.objects.count(), 0)
        self.assertEqual(AnnouncedStory.objects.count(), 47 + 7)


class ThemePreviewTests(RealExportCase):
    """Written by a self-hosted WordPress 5.2: no wp:post_id (the ID is in the guid's ?p=),
    plain <category> elements for its tags."""

    def test_its_seven_posts_are_stories_of_the_coalition_site_with_their_short_links(self):
        rows = import_summary(self.preview_output)
        self.assertEqual((rows["Posts read"], rows["Stories created"]), (7, 7), self.preview_output)
        response = self.get("/?p=19", host=COALITION_HOST)
        self.assertEqual(response.status_code, 301)
        self.assertContains(self.client.get(response["Location"], HTTP_HOST=COALITION_HOST), "Worth A Thousand Words")
        self.assertEqual(self.get("/?p=19").status_code, 200)  # the other site: its home page
        self.assertFalse(Topic.objects.filter(name="Uncategorized").exists())
        self.assertTrue(StoryPage.objects.filter(title="Worth A Thousand Words", topics__name="boat").exists())

    def test_the_rooms_filters_count_the_imported_stories(self):
        # Written in bulk, past the publish signals: the import recounts the rooms itself.
        stories = StoryPage.objects.live().descendant_of(self.sites.coalition_press)
        years = Counter(story.date.year for story in stories)
        self.assertEqual(sum(years.values()), 7)
        room = self.get("/press/", host=COALITION_HOST)
        for year, n in years.items():
            self.assertContains(room, f'<option value="{year}">{year} ({n})</option>', html=True)


class RestrictedImportTests(RealExportCase):
    """--password-protected restrict: the post comes across behind its own password."""

    options = {"password_protected": "restrict"}

    def test_the_story_asks_for_the_password_and_shows_itself_once_given(self):
        self.assertEqual(import_summary(self.output)["Stories created"], 48)
        story = StoryPage.objects.get(wordpress_origin__post_id=1168)
        url = story.url_path.removeprefix("/cipc")
        response = self.get(url)
        self.assertNotContains(response, PROTECTED_TEXT)
        self.assertContains(response, 'type="password"')
        html = response.content.decode()
        action = re.search(r'<form action="([^"]+)"', html).group(1).replace("&amp;", "&")
        return_url = re.search(r'name="return_url" value="([^"]+)"', html).group(1)
        self.assertNotIn("?", return_url.removeprefix(url))
        response = self.client.post(
            action, {"password": "enter", "return_url": return_url}, HTTP_HOST=CIPC_HOST, follow=True
        )
        self.assertContains(response, PROTECTED_TEXT)

    def test_it_stays_out_of_listings_search_feeds_sitemaps_and_alerts(self):
        self.assertEqual(self.visible_everywhere_public("Password Protected"), [])
        feed = feedparser.parse(self.get("/press/feed/").content)
        self.assertEqual(len([e for e in feed.entries if "Password" in e.title]), 0)
        self.assertEqual(Alert.objects.count(), 0)
