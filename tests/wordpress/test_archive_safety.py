"""What a safe migration keeps from the public and how it survives a hostile export: password-
protected posts, posts that later turn private, sticky, empty and untitled posts, a map for
categories and tags, content dates, posts nested or grown past what a page can hold."""

import datetime
import io
import json
import re
import tracemalloc

from django.core.management import CommandError
from django.test import override_settings

from core.models import Category, Topic
from press.models import StoryPage
from tests.sites import CIPC_HOST
from tests.wordpress.test_wordpress_import import ImportCase
from tests.wordpress.wxr_fixtures import item, wxr
from wordpress.wxr import read_posts

ORDINARY = item(301, "Coalition welcomes ruling", "<p>The ruling protects families.</p>", slug="welcomes-ruling")
BRIEFING = item(302, "Board briefing", "<p>Only for the board: the budget plan.</p>", slug="board-briefing")


def with_fields(post, **fields):
    """``post`` with more wp: fields, e.g. post_password="secret", is_sticky="1"."""
    extra = "".join(f"<wp:{name}><![CDATA[{value}]]></wp:{name}>" for name, value in fields.items())
    return post.replace("</wp:post_type>", f"</wp:post_type>{extra}")


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


class SafetyCase(ImportCase):
    def get(self, path):
        return self.client.get(path, HTTP_HOST=CIPC_HOST)

    def public_places(self):
        return "".join(
            self.get(path).content.decode()
            for path in ("/", "/press/", "/press/?q=budget", "/search/?q=budget", "/press/feed/", "/sitemap.xml")
        )


class PasswordProtectedTests(SafetyCase):
    def test_skipped_by_default_and_counted(self):
        output = self.run_import(wxr(ORDINARY, with_fields(BRIEFING, post_password="s3cret")))
        rows = self.summary(output)
        self.assertEqual((rows["Stories created"], rows["Skipped: password-protected (not imported)"]), (1, 1))
        self.assertNotIn("Board briefing", self.public_places())
        self.assertEqual(self.get("/?p=302").status_code, 200)  # the home page, not the post
        self.assertEqual(self.get("/press/board-briefing/").status_code, 404)

    def test_restricted_behind_the_same_password_when_asked(self):
        self.run_import(wxr(ORDINARY, with_fields(BRIEFING, post_password="s3cret")), password_protected="restrict")
        self.assertNotIn("Board briefing", self.public_places())
        self.assertNotContains(self.get("/press/board-briefing/"), "the budget plan")
        restriction = StoryPage.objects.get(slug="board-briefing").get_view_restrictions().get()
        self.assertEqual((restriction.restriction_type, restriction.password), ("password", "s3cret"))

    def test_a_post_made_password_protected_or_private_later_is_unpublished_with_a_line(self):
        self.run_import(wxr(ORDINARY, BRIEFING))
        self.assertEqual(self.get("/press/board-briefing/").status_code, 200)
        output = self.run_import(wxr(ORDINARY, with_fields(BRIEFING, post_password="s3cret")))
        self.assertEqual(self.summary(output)["Stories unpublished"], 1)
        self.assertIn("now password-protected in WordPress: its story was unpublished: post 302", output)
        self.assertEqual(self.get("/press/board-briefing/").status_code, 404)
        self.assertEqual(self.client.get("/?p=302", HTTP_HOST=CIPC_HOST, follow=True).status_code, 404)

        output = self.run_import(wxr(ORDINARY.replace("[publish]", "[private]"), BRIEFING))
        self.assertIn("now private in WordPress: its story was unpublished: post 301", output)
        self.assertEqual(self.get("/press/welcomes-ruling/").status_code, 404)
        self.assertEqual(self.get("/press/board-briefing/").status_code, 200)  # no password any more

    def test_a_story_unpublished_for_its_password_comes_back_behind_it_with_restrict(self):
        self.run_import(wxr(BRIEFING))
        protected = wxr(with_fields(BRIEFING, post_password="s3cret"))
        self.run_import(protected)
        self.assertEqual(self.get("/press/board-briefing/").status_code, 404)
        rows = self.summary(self.run_import(protected, password_protected="restrict"))
        self.assertEqual(rows["Stories updated"], 1)
        response = self.get("/press/board-briefing/")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "the budget plan")
        self.assertNotIn("Board briefing", self.public_places())

    def test_with_restrict_a_post_protected_later_gets_its_password_on_the_next_run(self):
        self.run_import(wxr(BRIEFING), password_protected="restrict")
        self.run_import(wxr(with_fields(BRIEFING, post_password="s3cret")), password_protected="restrict")
        self.assertNotContains(self.get("/press/board-briefing/"), "the budget plan")
        self.assertNotIn("Board briefing", self.public_places())


class OddPostsTests(SafetyCase):
    def test_sticky_empty_and_untitled_posts(self):
        output = self.run_import(
            wxr(
                with_fields(ORDINARY, is_sticky="1"),
                item(303, "Nothing here", "  <p> </p>\n", slug="nothing-here"),
                item(304, "", "<p>Reporters are invited to a press call on Friday at ten.</p>", slug=""),
            )
        )
        rows = self.summary(output)
        self.assertEqual((rows["Stories created"], rows["Skipped: no body"]), (2, 1), output)
        self.assertIn("sticky in WordPress: pinned in the press room: post 301", output)
        self.assertIn("no title: one made from its first words: post 304", output)
        self.assertEqual(self.get("/press/nothing-here/").status_code, 404)
        self.assertContains(self.get("/press/"), "Reporters are invited to a press call on…")

    def test_the_guid_of_a_post_without_wp_post_id_gives_its_short_link(self):
        no_id = re.sub(r"<wp:post_id>\d+</wp:post_id>", "", item(305, "Old export", "<p>Words.</p>", slug="old"))
        self.run_import(wxr(no_id))
        self.assertEqual(self.get("/?p=305")["Location"], "http://localhost/press/old/")


class TermMapTests(SafetyCase):
    POST = item(
        306,
        "Statement on SB 54",
        "<p>Words.</p>",
        slug="sb54",
        categories=(("press-releases", "Press Releases"), ("news", "News")),
        tags=(("sb-54", "SB 54"), ("misc", "Misc"), ("courts", "Courts")),
    )

    def write_map(self, text):
        return self.write(text.encode(), name="map.csv")

    def test_a_map_sends_terms_where_it_says_and_reports_the_rest(self):
        Topic.objects.create(name="Sanctuary law", slug="sanctuary-law")
        self.assertTrue(Category.objects.filter(slug="statement").exists())
        mapping = self.write_map(
            "# WordPress term, this site's category or topic\n"
            "press-releases, category:statement\n"
            "SB 54, topic:Sanctuary law\n"
            "misc, skip\n"
            "news, skip\n"
        )
        output = self.run_import(wxr(self.POST), map_file=mapping)
        story = StoryPage.objects.get(slug="sb54")
        self.assertEqual(story.category.slug, "statement")
        self.assertEqual(sorted(t.name for t in story.topics.all()), ["Courts", "Sanctuary law"])
        self.assertIn("categories and tags not in the map file, imported as without one: Courts (1)", output)
        self.assertFalse(Topic.objects.filter(name="Misc").exists())

    def test_a_bad_map_is_refused_line_by_line_before_anything_is_imported(self):
        mapping = self.write_map("press-releases, category:no-such-category\nSB 54\nmisc, tag:misc\n")
        with self.assertRaises(CommandError) as raised:
            self.run_import(wxr(self.POST), map_file=mapping)
        text = str(raised.exception)
        self.assertIn("line 1: no category “no-such-category” on this site", text)
        self.assertIn("line 2: expected", text)
        self.assertIn("line 3: “tag:misc” is not category:…, topic:… or skip", text)
        self.assertFalse(StoryPage.objects.filter(slug="sb54").exists())

    def test_without_a_map_a_story_keeps_at_most_eight_topics(self):
        tags = tuple((f"tag-{n}", f"Tag {n}") for n in range(12))
        output = self.run_import(wxr(item(307, "Many tags", "<p>Words.</p>", slug="many", tags=tags)))
        self.assertEqual(StoryPage.objects.get(slug="many").topics.count(), 8)
        self.assertIn("more than 8 topics: the first 8 kept: post 307", output)


class ContentDateTests(SafetyCase):
    def test_json_ld_says_when_the_post_was_modified_and_an_editors_change_moves_it(self):
        post = with_fields(
            item(308, "Dated", "<p>First words.</p>", slug="dated", date="2019-03-01 07:30:00"),
            post_modified_gmt="2019-04-02 18:00:00",
        )
        gmt = "<wp:post_date_gmt><![CDATA[2019-03-01 {}]]>"
        self.run_import(wxr(post.replace(gmt.format("07:30:00"), gmt.format("15:30:00"))))
        data = json_ld(self.get("/press/dated/").content.decode())
        self.assertEqual(data["datePublished"], "2019-03-01")
        # The moment WordPress recorded, written in California's offset as every date the site shows.
        self.assertEqual(data["dateModified"], "2019-04-02T11:00:00-07:00")
        modified = datetime.datetime.fromisoformat(data["dateModified"])
        self.assertEqual(modified, datetime.datetime(2019, 4, 2, 18, tzinfo=datetime.UTC))

        story = StoryPage.objects.get(slug="dated")
        story.save_revision().publish()  # published again, nothing changed
        self.assertEqual(json_ld(self.get("/press/dated/").content.decode())["dateModified"], data["dateModified"])

        story.summary = "An editor's better summary."
        story.save_revision().publish()
        modified = datetime.datetime.fromisoformat(json_ld(self.get("/press/dated/").content.decode())["dateModified"])
        self.assertEqual(modified, StoryPage.objects.get(slug="dated").last_published_at)
        self.assertGreater(modified.year, 2020)


class HostileInputTests(SafetyCase):
    def test_markup_nested_thousands_deep_costs_only_its_own_post(self):
        deep = "<p>" + "<em>" * 5000 + "deep" + "</em>" * 5000 + "</p>"
        output = self.run_import(wxr(item(309, "Nested", deep, slug="nested"), ORDINARY))
        rows = self.summary(output)
        # The run goes on, and the post keeps its words without the markup, with a warning.
        self.assertEqual(rows["Stories created"], 2)
        self.assertIn("reduced to its text: post 309", output)
        self.assertEqual(self.get("/press/welcomes-ruling/").status_code, 200)
        nested = self.get("/press/nested/")
        self.assertContains(nested, "deep")
        self.assertNotContains(nested, "<em><em>")

    @override_settings(WORDPRESS_MAX_POST_SIZE=50_000)
    def test_a_post_over_the_size_cap_is_skipped_and_reported(self):
        huge = item(310, "Huge", "<p>" + "word " * 40_000 + "</p>", slug="huge")
        output = self.run_import(wxr(huge, ORDINARY))
        rows = self.summary(output)
        self.assertEqual((rows["Stories created"], rows["Skipped: too large"]), (1, 1), output)
        self.assertIn("over 50,000 characters (200,007): skipped: post 310", output)
        self.assertEqual(self.get("/press/huge/").status_code, 404)

    def test_reading_a_40_mb_post_keeps_memory_flat(self):
        huge = item(311, "Huge", "x" * (40 * 2**20), slug="huge")
        export = io.BytesIO(wxr(huge, ORDINARY))
        del huge
        tracemalloc.start()
        try:
            posts = [(p.post_id, p.too_large, len(p.content) <= 2**20) for p in read_posts(export, max_size=2**20)]
            _now, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        self.assertEqual(posts, [(311, 40 * 2**20, True), (301, 0, True)])
        self.assertLess(peak, 8 * 2**20)  # a 40 MB field would need 40 MB at least


class RoomRouteSlugTests(SafetyCase):
    def test_a_post_named_like_the_rooms_own_pages_gets_another_address(self):
        self.run_import(
            wxr(
                item(311, "Contacts", "<p>Our press contacts.</p>", slug="contacts"),
                item(312, "Feed", "<p>Our feed.</p>", slug="feed"),
            )
        )
        self.assertEqual(
            sorted(StoryPage.objects.filter(slug__in=["contacts-2", "feed-2"]).values_list("title", flat=True)),
            ["Contacts", "Feed"],
        )
        self.assertContains(self.get("/press/contacts-2/"), "Our press contacts.")
        self.assertContains(self.get("/press/contacts/"), "<h1>Media contacts</h1>")
