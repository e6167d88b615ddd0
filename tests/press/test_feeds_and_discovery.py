"""What a feed reader, a search engine and a link preview see: the RSS feed, its
autodiscovery link, the sitemap, robots.txt, canonical URLs, social tags and JSON-LD."""

import json
import re

import feedparser
from django.test import TestCase

from tests.listing_data import build_stories
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites

FEED_LINK = '<link rel="alternate" type="application/rss+xml"'


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.stories, _people = build_stories(cls.sites)

    def feed(self, host, query=""):
        response = self.client.get(f"/press/feed/{query}", HTTP_HOST=host)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/xml; charset=utf-8")  # so browsers apply its stylesheet
        parsed = feedparser.parse(response.content)
        self.assertEqual(parsed.bozo, 0, parsed.get("bozo_exception"))
        self.assertEqual(parsed.version, "rss20")
        return parsed

    def test_feed_items_carry_title_link_date_summary_categories_and_guid(self):
        feed = self.feed(CIPC_HOST)
        self.assertEqual(feed.feed.title, "Press room | California Immigrant Policy Center")
        self.assertEqual(feed.feed.link, "http://localhost/press/")
        self.assertEqual(
            [entry.title for entry in feed.entries], [self.stories[k].title for k in ("budget", "ruling", "signed")]
        )
        first = feed.entries[0]
        self.assertEqual(first.link, "http://localhost/press/cipc-urges-congress-to-defund-hate/")
        self.assertEqual(first.published_parsed[:3], (2019, 2, 15))
        self.assertEqual(first.summary, "CIPC backs California's lawsuit over the emergency declaration.")
        self.assertEqual([tag.term for tag in first.tags], ["Press Release", "Detention"])
        self.assertEqual(first.id, f"urn:uuid:{self.stories['budget'].translation_key}")
        self.assertFalse(first.guidislink)
        # A cross-listed statement links to the coalition's site, where it lives.
        self.assertEqual(
            feed.entries[2].link, "http://iceout.localhost/press/coalition-defends-the-california-values-act/"
        )

    def test_guid_survives_a_new_slug(self):
        story = self.stories["ruling"]
        guid = self.feed(CIPC_HOST).entries[1].id
        story.slug = "renamed"
        story.save_revision().publish()
        entry = self.feed(CIPC_HOST).entries[1]
        self.assertEqual(entry.link, "http://localhost/press/renamed/")
        self.assertEqual(entry.id, guid)

    def test_feed_honours_the_listing_filters(self):
        feed = self.feed(CIPC_HOST, "?category=statement")
        self.assertEqual([entry.title for entry in feed.entries], [self.stories[k].title for k in ("ruling", "signed")])
        self.assertEqual(feed.feed.link, "http://localhost/press/?category=statement")
        self.assertEqual(len(self.feed(COALITION_HOST, "?topic=local-policing&year=2017").entries), 1)

    def test_every_page_head_points_to_the_feed_and_filtered_listings_to_their_own(self):
        pages = [
            (CIPC_HOST, "/"),
            (CIPC_HOST, "/press/"),
            (CIPC_HOST, "/press/cipc-urges-congress-to-defund-hate/"),
            (CIPC_HOST, "/search/?q=SB"),
            (CIPC_HOST, "/no-such-page/"),
            (COALITION_HOST, "/"),
            (COALITION_HOST, "/press/coalition-defends-the-california-values-act/"),
        ]
        for host, path in pages:
            with self.subTest(host=host, path=path):
                html = self.client.get(path, HTTP_HOST=host).content.decode()
                head = html[: html.index("</head>")]
                self.assertIn(f'{FEED_LINK} title="Press room | ', head)
                self.assertIn('href="/press/feed/"', head)
        filtered = self.client.get("/press/?topic=sb-54", HTTP_HOST=CIPC_HOST)
        self.assertContains(filtered, f'{FEED_LINK} title="Press room: these filters" href="/press/feed/?topic=sb-54">')


class DiscoveryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.stories, _people = build_stories(cls.sites)

    def get(self, host, path):
        return self.client.get(path, HTTP_HOST=host)

    def test_each_site_has_its_own_sitemap_named_in_its_robots_txt(self):
        cipc = self.get(CIPC_HOST, "/sitemap.xml").content.decode()
        self.assertIn("<loc>http://localhost/press/cipc-urges-congress-to-defund-hate/</loc>", cipc)
        self.assertIn("<loc>http://localhost/press/</loc>", cipc)
        self.assertIn("<loc>http://localhost/press/contacts/</loc>", cipc)  # who to call
        self.assertNotIn("iceout.localhost", cipc)  # cross-listed stories belong to their own site's map
        coalition = self.get(COALITION_HOST, "/sitemap.xml").content.decode()
        self.assertIn(
            "<loc>http://iceout.localhost/press/coalition-defends-the-california-values-act/</loc>", coalition
        )
        robots = self.get(COALITION_HOST, "/robots.txt")
        self.assertEqual(robots["Content-Type"], "text/plain; charset=utf-8")
        self.assertIn("Sitemap: http://iceout.localhost/sitemap.xml", robots.content.decode())
        self.assertIn("Disallow: /admin/", robots.content.decode())

    def test_every_page_has_title_description_canonical_and_social_tags(self):
        pages = {
            (CIPC_HOST, "/"): "http://localhost/",
            (CIPC_HOST, "/press/"): "http://localhost/press/",
            (CIPC_HOST, "/press/?year=2018"): "http://localhost/press/?year=2018",
            (CIPC_HOST, "/search/?q=SB"): "http://localhost/search/?q=SB",
            (COALITION_HOST, "/"): "http://iceout.localhost/",
            (COALITION_HOST, "/press/coalition-defends-the-california-values-act/"): (
                "http://iceout.localhost/press/coalition-defends-the-california-values-act/"
            ),
        }
        for (host, path), canonical in pages.items():
            with self.subTest(host=host, path=path):
                html = self.get(host, path).content.decode()
                if path == "/":  # a home page is titled with the site's name, said once
                    self.assertRegex(html, r"<title>[^<|]+</title>")
                else:
                    self.assertRegex(html, r"<title>[^<|]+ \| [^<]+</title>")
                self.assertRegex(html, r'<meta name="description" content="[^"]{10,}">')
                self.assertIn(f'<link rel="canonical" href="{canonical}">', html.replace("&amp;", "&"))
                for tag in ['property="og:title"', 'property="og:description"', 'property="og:url"',
                            'property="og:type"', 'property="og:site_name"', 'name="twitter:card"',
                            'name="twitter:title"']:  # fmt: skip
                    self.assertIn(tag, html)

    def test_cross_listed_story_canonicalises_to_its_home_site(self):
        story = self.stories["signed"]
        listing = self.get(CIPC_HOST, "/press/").content.decode()
        self.assertIn(f'href="http://iceout.localhost/press/{story.slug}/"', listing)
        page = self.get(COALITION_HOST, f"/press/{story.slug}/")
        self.assertContains(page, f'<link rel="canonical" href="http://iceout.localhost/press/{story.slug}/">')
        self.assertEqual(self.get(CIPC_HOST, f"/press/{story.slug}/").status_code, 404)

    def test_story_carries_news_article_json_ld(self):
        html = self.get(COALITION_HOST, "/press/coalition-defends-the-california-values-act/").content.decode()
        data = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1))
        self.assertEqual(data["@type"], "NewsArticle")
        self.assertEqual(data["headline"], "Coalition defends the California Values Act")
        self.assertEqual(data["datePublished"], "2018-07-09")
        self.assertEqual(data["publisher"]["name"], "ICE Out of California")
        # Avery Example's statement is in it, but the coalition issued the story.
        self.assertIn("Avery Example", html)
        coalition = {"@type": "Organization", "name": "ICE Out of California", "url": "http://iceout.localhost/"}
        self.assertEqual(data["author"], coalition)
        self.assertEqual(data["publisher"]["url"], "http://iceout.localhost/")
        self.assertEqual(data["keywords"], ["Courts", "SB 54"])
        self.assertIn('<meta property="og:type" content="article">', html)

    def test_cipc_story_is_authored_and_published_by_cipc_not_its_spokesperson(self):
        story = self.stories["ruling"]
        html = self.get(CIPC_HOST, f"/press/{story.slug}/").content.decode()
        data = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1))
        self.assertIn("Casey Placeholder", html)
        cipc = {"@type": "Organization", "name": "California Immigrant Policy Center", "url": "http://localhost/"}
        self.assertEqual(data["author"], cipc)
        self.assertEqual(data["publisher"]["name"], cipc["name"])
        self.assertNotIn("Person", json.dumps(data))

    def test_json_ld_cannot_close_its_script_element(self):
        story = self.stories["ruling"]
        story.title = "</script><script>alert(1)</script>"
        story.save_revision().publish()
        html = self.get(CIPC_HOST, f"/press/{story.slug}/").content.decode()
        self.assertNotIn("<script>alert(1)", html)
        self.assertIn("\\u003C/script\\u003E", html)


class PageMetadataTests(TestCase):
    """Editors decide what a shared link shows (Promote tab), apart from what search engines read."""

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.stories, _people = build_stories(cls.sites)

    def meta(self, html, attribute, name):
        return re.search(rf'<meta {attribute}="{name}" content="([^"]*)">', html).group(1)

    def test_social_text_and_image_are_what_a_shared_link_shows(self):
        from wagtail.images.tests.utils import get_test_image_file

        from images.models import CreditedImage as Image

        story = self.stories["ruling"]
        html = self.client.get(f"/press/{story.slug}/", HTTP_HOST=CIPC_HOST).content.decode()
        self.assertEqual(self.meta(html, "property", "og:description"), story.summary)

        story.search_description = "For search engines: the ruling in one line."
        story.social_text = "Share this: the court sided with California."
        story.social_image = Image.objects.create(title="Court steps", file=get_test_image_file())
        story.save_revision().publish()
        html = self.client.get(f"/press/{story.slug}/", HTTP_HOST=CIPC_HOST).content.decode()
        self.assertEqual(self.meta(html, "name", "description"), "For search engines: the ruling in one line.")
        self.assertEqual(self.meta(html, "property", "og:description"), "Share this: the court sided with California.")
        self.assertEqual(self.meta(html, "name", "twitter:description"), "Share this: the court sided with California.")
        self.assertRegex(self.meta(html, "property", "og:image"), r"^http://localhost/.+\.fill-1200x630")
        self.assertEqual(self.meta(html, "property", "og:type"), "article")

    def test_home_page_describes_itself_with_its_intro(self):
        home = self.sites.coalition_home
        home.intro = "<p>A statewide <b>alliance</b>.</p>"
        home.save_revision().publish()
        html = self.client.get("/", HTTP_HOST=COALITION_HOST).content.decode()
        self.assertEqual(self.meta(html, "name", "description"), "A statewide alliance.")
        self.assertEqual(self.meta(html, "property", "og:type"), "website")

    def test_story_topic_and_category_links_are_the_listings_own_filter_links(self):
        story = self.stories["ruling"]
        html = self.client.get(f"/press/{story.slug}/", HTTP_HOST=CIPC_HOST).content.decode()
        self.assertIn(f'href="/press/?category={story.category.slug}"', html)
        for topic in story.topics.all():
            self.assertIn(f'href="/press/?topic={topic.slug}"', html)


class FeedStylesheetTests(TestCase):
    """Opened in a browser, the feed explains itself with a stylesheet from its own origin."""

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()

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
