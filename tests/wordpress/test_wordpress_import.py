"""Bringing the WordPress press archive over: `import_wordpress` run end to end, then the press
room looked at as a visitor does, old WordPress links followed, and every kind of bad input."""

import io
import os
import tempfile
from pathlib import Path

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TestCase
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Site

from alerts.models import Subscription
from core.models import Category, Topic
from frontcache import purge
from home.models import HomePage
from press.models import StoryPage
from tests.editors import story_form_data
from tests.factories import OrganizationFactory, SpokespersonFactory, TopicFactory
from tests.sites import CIPC_HOST, build_press_sites
from tests.wordpress.cases import import_summary
from tests.wordpress.wxr_fixtures import item, png_bytes, wxr
from wordpress.models import WordPressOrigin
from wordpress.report import ImportReport

STATEMENT_POST = item(
    101,
    "Governor&#8217;s &#8220;Sanctuary&#8221; Law Upheld &amp; Defended",
    "Ana Ejemplo, Executive Director of the Example Immigrant Alliance, issued the following statement:\n\n"
    "“Today's ruling protects every family in the state.”\n\n"
    "“We will keep working with the legislature.”\n\n"
    "<blockquote><p>The court got it right.</p><cite>Example Law Caucus</cite></blockquote>\n\n"
    '[caption id="attachment_7" align="aligncenter" width="300"]'
    '<img src="https://caimmigrant.org/wp-content/uploads/2018/07/rally-300x200.png" alt="Rally at the Capitol" />'
    " Marchers at the State Capitol[/caption]\n\n"
    "https://www.youtube.com/watch?v=aqz-KE-bpKQ\n\n"
    '[contact-form-7 id="12" title="Contact"]\n\n'
    "<table><tr><td>Vote</td><td>54–21</td></tr></table>",
    slug="sanctuary-law-upheld",
    date="2018-07-09 10:00:00",
    excerpt="The court upheld the state&#8217;s sanctuary law.",
    categories=(("statements", "Statements"),),
    tags=(("sb-54", "SB 54"), ("courts", "Courts")),
)
UNKNOWN_SPEAKER_POST = item(
    102,
    "Coalition responds to detention report",
    "Pat Nobody, Director of Somewhere Else, issued the following statement:\n\n"
    "“Detention conditions must improve.” The report was published today. It lists many failures.",
    slug="detention-report",
    date="2019-03-15 08:30:00",
    categories=(("uncategorized", "Uncategorized"),),
    tags=(("detention", "Detention"),),
)
NO_CATEGORY_POST = item(
    103,
    "Media advisory: press call on Friday",
    "<p>Reporters are invited to a <em>press call</em> on Friday at 10 a.m. Speakers will take questions.</p>"
    "<p>Call-in details follow.</p>",
    slug="press-call-friday",
    date="2020-01-31 12:00:00",
    categories=(),
)


def with_status(post, status):
    return post.replace("<wp:status><![CDATA[publish]]>", f"<wp:status><![CDATA[{status}]]>")


DRAFT = item(201, "A draft", "<p>Not ready.</p>", status="draft", slug="")
PENDING = item(202, "Pending review", "<p>Waiting.</p>", status="pending")
PRIVATE = item(203, "Private notes", "<p>Internal.</p>", status="private")
PAGE = item(204, "About us", "<p>Who we are.</p>", post_type="page", slug="about")
ATTACHMENT = item(205, "rally", "", post_type="attachment", status="inherit", slug="rally")
MENU = item(206, "Home", "", post_type="nav_menu_item", slug="home")

ARCHIVE = wxr(STATEMENT_POST, UNKNOWN_SPEAKER_POST, NO_CATEGORY_POST, DRAFT, PENDING, PRIVATE, PAGE, ATTACHMENT, MENU)


class ImportCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        alliance = OrganizationFactory(name="Example Immigrant Alliance", slug="example-alliance")
        cls.speaker = SpokespersonFactory(name="Ana Ejemplo", slug="ana-ejemplo", organization=alliance)

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def write(self, content, name="export.xml"):
        path = Path(self.tmp.name) / name
        path.write_bytes(content)
        return str(path)

    def run_import(self, content, *args, **options):
        out = io.StringIO()
        call_command("import_wordpress", self.write(content), *args, site=CIPC_HOST, stdout=out, **options)
        return out.getvalue()

    summary = staticmethod(import_summary)

    def media_dir(self):
        uploads = Path(self.tmp.name) / "uploads"
        (uploads / "2018" / "07").mkdir(parents=True)
        (uploads / "2018" / "07" / "rally.png").write_bytes(png_bytes())
        return str(uploads)


class WhatBecomesWhatTests(ImportCase):
    def test_published_posts_become_live_stories_and_the_rest_are_skipped_by_reason(self):
        output = self.run_import(ARCHIVE, media_dir=self.media_dir())
        rows = self.summary(output)
        self.assertEqual(rows["Posts read"], 9)
        self.assertEqual(rows["Stories created"], 3)
        self.assertEqual(rows["Skipped: not published (draft)"], 1)
        self.assertEqual(rows["Skipped: not published (pending)"], 1)
        self.assertEqual(rows["Skipped: not published (private)"], 1)
        self.assertEqual(rows["Skipped: not a post (page)"], 1)
        self.assertEqual(rows["Skipped: not a post (attachment)"], 1)
        self.assertEqual(rows["Skipped: not a post (nav_menu_item)"], 1)
        self.assertEqual(rows["Images imported"], 1)
        self.assertEqual(rows["Redirects created"], 6)
        stories = StoryPage.objects.child_of(self.sites.cipc_press)
        self.assertEqual(
            sorted(stories.live().values_list("slug", flat=True)),
            ["detention-report", "press-call-friday", "sanctuary-law-upheld"],
        )
        self.assertFalse(Page.objects.filter(title__in=["A draft", "Pending review", "Private notes", "About us"]))

    def test_title_entities_are_decoded_once_and_shown_once_escaped(self):
        self.run_import(ARCHIVE)
        story = StoryPage.objects.get(slug="sanctuary-law-upheld")
        self.assertEqual(story.title, "Governor’s “Sanctuary” Law Upheld & Defended")
        html = self.client.get("/press/", HTTP_HOST=CIPC_HOST).content.decode()
        self.assertIn("Governor’s “Sanctuary” Law Upheld &amp; Defended", html)
        self.assertNotIn("&amp;amp;", html)
        self.assertNotIn("&amp;#8217;", html)

    def test_the_body_becomes_real_blocks(self):
        output = self.run_import(ARCHIVE, media_dir=self.media_dir())
        story = StoryPage.objects.get(slug="sanctuary-law-upheld")
        blocks = {block.block_type: block.value for block in story.body}
        self.assertEqual([block.block_type for block in story.body], ["statement", "quote", "image", "embed", "table"])
        self.assertEqual(blocks["statement"]["spokesperson"], self.speaker)
        self.assertIn("Today's ruling protects every family", blocks["statement"]["text"].source)
        self.assertIn("We will keep working with the legislature", blocks["statement"]["text"].source)
        self.assertEqual(blocks["quote"]["text"], "The court got it right.")
        self.assertEqual(blocks["quote"]["attribution"], "Example Law Caucus")
        self.assertEqual(blocks["image"]["caption"], "Marchers at the State Capitol")
        self.assertEqual(blocks["image"]["image"].contextual_alt_text, "Rally at the Capitol")
        self.assertEqual(blocks["embed"]["url"].url, "https://www.youtube.com/watch?v=aqz-KE-bpKQ")
        # A table stays a table; a shortcode that becomes nothing is removed, named.
        self.assertEqual(blocks["table"]["data"], [["Vote", "54–21"]])
        self.assertIn(
            "shortcode [contact-form-7] removed: post 101 “Governor’s “Sanctuary” Law Upheld & Defended”", output
        )
        self.assertEqual(list(story.spokespeople.all()), [self.speaker])

    def test_a_statement_by_someone_who_is_not_a_spokesperson_stays_a_paragraph_and_is_reported(self):
        output = self.run_import(ARCHIVE)
        story = StoryPage.objects.get(slug="detention-report")
        self.assertEqual([block.block_type for block in story.body], ["paragraph"])
        self.assertIn(
            "Pat Nobody, Director of Somewhere Else, issued the following statement:", story.body[0].value.source
        )
        self.assertIn("not a Spokesperson snippet", output)
        self.assertIn("  Pat Nobody (1)", output)

    def test_summary_from_the_excerpt_or_the_first_sentences(self):
        self.run_import(ARCHIVE)
        self.assertEqual(
            StoryPage.objects.get(slug="sanctuary-law-upheld").summary, "The court upheld the state’s sanctuary law."
        )
        self.assertEqual(
            StoryPage.objects.get(slug="press-call-friday").summary,
            "Reporters are invited to a press call on Friday at 10 a.m. Speakers will take questions.",
        )

    def test_categories_tags_and_the_catch_all_category(self):
        room = self.sites.cipc_press
        room.default_category = Category.objects.create(name="Press Release", slug="press-release")
        room.save_revision().publish()
        TopicFactory(name="SB 54", slug="sb-54")
        self.run_import(ARCHIVE)
        sanctuary = StoryPage.objects.get(slug="sanctuary-law-upheld")
        self.assertEqual(sanctuary.category.name, "Statements")
        self.assertEqual(sorted(t.name for t in sanctuary.topics.all()), ["Courts", "SB 54"])
        self.assertEqual(Topic.objects.filter(slug="sb-54").count(), 1)  # the existing topic, reused
        self.assertEqual(StoryPage.objects.get(slug="detention-report").category.name, "Press Release")
        self.assertEqual(StoryPage.objects.get(slug="press-call-friday").category.name, "Press Release")
        self.assertFalse(Category.objects.filter(slug="uncategorized"))

    def test_without_a_media_dir_images_stay_links_and_are_reported(self):
        output = self.run_import(ARCHIVE)
        story = StoryPage.objects.get(slug="sanctuary-law-upheld")
        self.assertNotIn("image", [block.block_type for block in story.body])
        self.assertIn(
            'href="https://caimmigrant.org/wp-content/uploads/2018/07/rally-300x200.png"', str(story.body.raw_data)
        )
        self.assertEqual(self.summary(output)["Images kept as links"], 1)
        self.assertIn("images kept as links (no media folder or zip of uploads given): post 101", output)
        self.assertFalse(get_image_model().objects.filter(title="Rally at the Capitol"))

    def test_wxr_1_1_imports_too(self):
        self.run_import(wxr(NO_CATEGORY_POST, version="1.1"))
        self.assertTrue(StoryPage.objects.live().filter(slug="press-call-friday"))


class VisitorTests(ImportCase):
    """The press room after the import, as a journalist sees it."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        out = io.StringIO()
        with tempfile.NamedTemporaryFile(suffix=".xml") as export:
            export.write(ARCHIVE)
            export.flush()
            call_command("import_wordpress", export.name, site=CIPC_HOST, stdout=out)

    def get(self, path):
        return self.client.get(path, HTTP_HOST=CIPC_HOST)

    def test_listing_shows_the_stories_with_dates_categories_and_summaries(self):
        html = self.get("/press/").content.decode()
        self.assertIn('<time datetime="2018-07-09">July 9, 2018</time>', html)
        self.assertIn('<time datetime="2019-03-15">March 15, 2019</time>', html)
        self.assertIn("Statements", html)
        self.assertIn("The court upheld the state’s sanctuary law.", html)
        self.assertLess(html.index("Media advisory: press call on Friday"), html.index("Coalition responds to"))

    def test_filters_and_search_find_them(self):
        html = self.get("/press/?category=statements").content.decode()
        self.assertIn("Sanctuary", html)
        self.assertNotIn("Coalition responds to detention report", html)
        html = self.get("/press/?topic=detention").content.decode()
        self.assertIn("Coalition responds to detention report", html)
        self.assertNotIn("Sanctuary", html)
        html = self.get("/press/?year=2020").content.decode()
        self.assertIn("Media advisory: press call on Friday", html)
        html = self.get("/press/?q=detention").content.decode()
        self.assertIn("Coalition responds to detention report", html)
        self.assertNotIn("Media advisory: press call on Friday", html)

    def test_the_site_search_finds_them(self):
        html = self.get("/search/?q=sanctuary").content.decode()
        self.assertIn("Governor’s “Sanctuary” Law Upheld &amp; Defended", html)
        self.assertNotIn("Coalition responds to detention report", html)

    def test_the_feed_carries_them(self):
        feed = feedparser.parse(self.get("/press/feed/").content)
        titles = [entry.title for entry in feed.entries]
        self.assertIn("Governor’s “Sanctuary” Law Upheld & Defended", titles)
        self.assertIn("Coalition responds to detention report", titles)

    def test_the_permalink_redirects_permanently_to_the_story(self):
        response = self.get("/2018/07/09/sanctuary-law-upheld/")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "http://localhost/press/sanctuary-law-upheld/")
        self.assertEqual(self.get("/2019/03/15/detention-report").status_code, 301)

    def test_the_short_link_redirects_permanently_to_the_story(self):
        response = self.get("/?p=102")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "http://localhost/press/detention-report/")
        self.assertEqual(self.get("/?p=999").status_code, 200)  # no such post: the home page, as before
        self.assertEqual(self.get("/?p=201").status_code, 200)  # a draft was never imported

    def test_redirects_are_scoped_to_the_site(self):
        response = self.client.get("/?p=102", HTTP_HOST="iceout.localhost")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            self.client.get("/2018/07/09/sanctuary-law-upheld/", HTTP_HOST="iceout.localhost").status_code, 404
        )

    def test_redirects_appear_in_the_admin_redirects_list(self):
        admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "a long test password")
        self.client.force_login(admin)
        html = self.client.get("/admin/redirects/", HTTP_HOST=CIPC_HOST).content.decode()
        self.assertIn("/2018/07/09/sanctuary-law-upheld", html)
        self.assertIn("/?p=101", html)


class RerunTests(ImportCase):
    def test_a_second_run_of_the_same_file_changes_nothing(self):
        self.run_import(ARCHIVE, media_dir=self.media_dir())
        pages, redirects, images = Page.objects.count(), Redirect.objects.count(), get_image_model().objects.count()
        revisions = {s.pk: s.latest_revision_id for s in StoryPage.objects.all()}
        rows = self.summary(self.run_import(ARCHIVE, media_dir=str(Path(self.tmp.name) / "uploads")))
        self.assertEqual((rows["Stories created"], rows["Stories updated"], rows["Stories unchanged"]), (0, 0, 3))
        self.assertEqual((rows["Redirects created"], rows["Images imported"]), (0, 0))
        self.assertEqual(Page.objects.count(), pages)
        self.assertEqual(Redirect.objects.count(), redirects)
        self.assertEqual(get_image_model().objects.count(), images)
        self.assertEqual({s.pk: s.latest_revision_id for s in StoryPage.objects.all()}, revisions)

    def test_a_newer_export_updates_what_changed_unless_an_editor_changed_it_since(self):
        self.run_import(ARCHIVE)
        edited = StoryPage.objects.get(slug="press-call-friday")
        edited.title = "Media advisory: press call moved to Monday"
        edited.save_revision(log_action=True).publish()

        newer = wxr(
            STATEMENT_POST,
            UNKNOWN_SPEAKER_POST.replace("Detention conditions must improve.", "Detention conditions must end."),
            NO_CATEGORY_POST.replace("Call-in details follow.", "Call-in details have changed."),
            item(104, "A new statement", "<p>Fresh words for the archive.</p>", slug="a-new-statement"),
        )
        output = self.run_import(newer)
        rows = self.summary(output)
        self.assertEqual(
            (rows["Stories created"], rows["Stories updated"], rows["Stories unchanged"]), (1, 1, 1), output
        )
        self.assertEqual(rows["Skipped: edited in Wagtail since the last import"], 1)
        self.assertIn("post 103 “Media advisory: press call on Friday”", output)
        updated = StoryPage.objects.get(slug="detention-report")
        self.assertIn("Detention conditions must end.", str(updated.body.raw_data))
        self.assertTrue(updated.live)
        kept = StoryPage.objects.get(slug="press-call-friday")
        self.assertEqual(kept.title, "Media advisory: press call moved to Monday")
        self.assertNotIn("have changed", str(kept.body.raw_data))
        self.assertEqual(WordPressOrigin.objects.count(), 4)

    def test_an_imported_archive_emails_no_subscriber_now_or_when_it_is_updated(self):
        Subscription.objects.create(
            press_room=self.sites.cipc_press, email="reporter@example.com", confirmed_at=timezone.now()
        )
        self.run_import(ARCHIVE)
        newer = wxr(
            STATEMENT_POST,
            UNKNOWN_SPEAKER_POST.replace("Detention conditions must improve.", "Detention conditions must end."),
            NO_CATEGORY_POST,
        )
        self.assertEqual(self.summary(self.run_import(newer))["Stories updated"], 1)
        mail.outbox.clear()
        call_command("send_alerts", stdout=io.StringIO())
        self.assertEqual(mail.outbox, [])

        # A story an editor publishes afterwards is news as usual.
        story = StoryPage(title="A new statement", summary="Written in Wagtail.", category=Category.objects.first())
        self.sites.cipc_press.add_child(instance=story)
        story.save_revision().publish()
        call_command("send_alerts", stdout=io.StringIO())
        self.assertEqual([message.to for message in mail.outbox], [["reporter@example.com"]])

    def test_a_post_taken_out_of_publish_unpublishes_its_story_unless_an_editor_changed_it(self):
        self.run_import(ARCHIVE)
        edited = StoryPage.objects.get(slug="press-call-friday")
        edited.title = "Media advisory: press call moved to Monday"
        edited.save_revision(log_action=True).publish()

        output = self.run_import(
            wxr(STATEMENT_POST, with_status(UNKNOWN_SPEAKER_POST, "draft"), with_status(NO_CATEGORY_POST, "private"))
        )
        rows = self.summary(output)
        self.assertEqual((rows["Stories unpublished"], rows["Stories unchanged"]), (1, 1), output)
        self.assertEqual(self.client.get("/press/detention-report/", HTTP_HOST=CIPC_HOST).status_code, 404)
        self.assertEqual(self.client.get("/press/press-call-friday/", HTTP_HOST=CIPC_HOST).status_code, 200)
        self.assertIn("now private in WordPress, but edited in Wagtail since the import: left published", output)

        # Published again in WordPress: the story comes back, at the same address.
        rows = self.summary(self.run_import(ARCHIVE))
        self.assertEqual((rows["Stories updated"], rows["Stories unpublished"]), (1, 0))
        self.assertEqual(self.client.get("/press/detention-report/", HTTP_HOST=CIPC_HOST).status_code, 200)

    def test_a_story_an_editor_unpublished_stays_unpublished(self):
        self.run_import(ARCHIVE)
        StoryPage.objects.get(slug="detention-report").unpublish()
        changed = UNKNOWN_SPEAKER_POST.replace("Detention conditions must improve.", "Detention conditions must end.")
        rows = self.summary(self.run_import(wxr(changed)))
        self.assertEqual(rows["Skipped: edited in Wagtail since the last import"], 1)
        self.assertEqual(self.client.get("/press/detention-report/", HTTP_HOST=CIPC_HOST).status_code, 404)

    def test_slugs_stay_unique_within_the_room(self):
        taken = StoryPage(
            title="Existing", slug="detention-report", summary="s", body=[], category=self.sites.statement
        )
        self.sites.cipc_press.add_child(instance=taken)
        self.run_import(wxr(UNKNOWN_SPEAKER_POST))
        self.assertEqual(WordPressOrigin.objects.get(post_id=102).page.slug, "detention-report-2")
        response = self.client.get("/?p=102", HTTP_HOST=CIPC_HOST)
        self.assertEqual(response["Location"], "http://localhost/press/detention-report-2/")

    def test_a_dry_run_reports_the_same_and_writes_nothing(self):
        pages = Page.objects.count()
        output = self.run_import(ARCHIVE, dry_run=True, media_dir=self.media_dir())
        rows = self.summary(output)
        self.assertIn("Dry run: nothing was written.", output)
        self.assertEqual((rows["Stories created"], rows["Images imported"], rows["Redirects created"]), (3, 1, 6))
        self.assertEqual(Page.objects.count(), pages)
        self.assertFalse(Redirect.objects.exists())
        self.assertFalse(WordPressOrigin.objects.exists())
        self.assertFalse(get_image_model().objects.exists())
        self.assertFalse(Category.objects.filter(slug="statements"))

    def test_progress_is_a_bar_on_a_terminal(self):
        class Terminal(io.StringIO):
            def isatty(self):
                return True

        posts = [item(n, f"Post {n}", f"<p>Text {n}.</p>") for n in range(1, 21)]
        out = Terminal()
        call_command("import_wordpress", self.write(wxr(*posts)), site=CIPC_HOST, stdout=out)
        self.assertIn("\r[", out.getvalue())
        self.assertIn("] ", out.getvalue())
        self.assertIn("20 posts read", out.getvalue())

    def test_progress_is_printed_as_plain_lines_when_not_on_a_terminal(self):
        posts = [item(n, f"Post {n}", f"<p>Text {n}.</p>") for n in range(1, 501)]
        output = self.run_import(wxr(*posts))
        self.assertIn("500 posts read…", output)
        self.assertNotIn("\r", output)


class BulkWrittenStoriesTests(ImportCase):
    """New stories are written a batch at a time, not through Wagtail's create-and-publish:
    editors and visitors must not be able to tell them from stories made in the admin."""

    def test_the_page_tree_stays_consistent_across_batches_and_later_additions(self):
        posts = [item(n, f"Post {n}", f"<p>Text {n}.</p>") for n in range(1, 251)]  # three batches
        self.run_import(wxr(*posts))
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        room = self.sites.cipc_press
        room.refresh_from_db()
        self.assertEqual(room.numchild, room.get_children().count())
        self.assertEqual(self.client.get("/press/post-250/", HTTP_HOST=CIPC_HOST).status_code, 200)
        later = StoryPage(
            title="Added by hand", slug="added-by-hand", summary="s", body=[], category=self.sites.statement
        )
        room.add_child(instance=later)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        self.assertEqual(later.get_prev_sibling().specific.slug, "post-250")
        self.assertEqual(later.url_path, f"{room.url_path}added-by-hand/")

    def test_an_imported_story_has_its_history_and_can_be_edited_and_published_in_the_admin(self):
        self.run_import(ARCHIVE)
        story = StoryPage.objects.get(slug="detention-report")
        admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "a long test password")
        self.client.force_login(admin)
        self.assertContains(
            self.client.get(f"/admin/pages/{story.pk}/edit/", HTTP_HOST=CIPC_HOST), "Pat Nobody, Director of"
        )
        actions = set(PageLogEntry.objects.filter(page=story).values_list("action", flat=True))
        self.assertEqual(actions, {"wagtail.create", "wagtail.publish"})
        history = self.client.get(f"/admin/pages/{story.pk}/history/", HTTP_HOST=CIPC_HOST).content.decode()
        self.assertIn("Published", history)
        revision = story.latest_revision
        self.assertEqual((story.live_revision, revision.as_object().title), (revision, story.title))
        self.assertContains(
            self.client.get(f"/admin/pages/{story.pk}/revisions/{revision.pk}/view/", HTTP_HOST=CIPC_HOST),
            "Detention conditions must improve.",
        )

        form = story_form_data(
            category=self.sites.statement,
            spokesperson=self.speaker,
            action="publish",
            title="Coalition responds to the detention report",
            slug="detention-report",
            date="2019-03-15",
        )
        response = self.client.post(f"/admin/pages/{story.pk}/edit/", form, HTTP_HOST=CIPC_HOST)
        self.assertEqual(response.status_code, 302)
        html = self.client.get("/press/detention-report/", HTTP_HOST=CIPC_HOST).content.decode()
        self.assertIn("Coalition responds to the detention report", html)
        self.assertIn("We reject this.", html)

    def test_editors_see_where_a_category_is_used_by_imported_stories(self):
        self.run_import(ARCHIVE)
        statements = Category.objects.get(slug="statements")
        admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "a long test password")
        self.client.force_login(admin)
        usage = self.client.get(f"/admin/snippets/core/category/usage/{statements.pk}/", HTTP_HOST=CIPC_HOST)
        self.assertContains(usage, "Governor’s “Sanctuary” Law Upheld &amp; Defended")


@pytest.mark.django_db(transaction=True)
def test_an_import_reaches_pages_varnish_had_cached_in_one_purge(varnish, cached_sites, monkeypatch, tmp_path):
    for path in ("/press/", "/?p=102"):
        varnish.get(path, CIPC_HOST)
        assert varnish.get(path, CIPC_HOST).cache == "HIT"
    sent = []
    send = purge.purge_keys
    monkeypatch.setattr(purge, "purge_keys", lambda keys, soft=(): (sent.append(keys | soft), send(keys, soft=soft)))

    export = tmp_path / "export.xml"
    export.write_bytes(ARCHIVE)
    call_command("import_wordpress", str(export), site=CIPC_HOST, stdout=io.StringIO())

    assert "Coalition responds to detention report" in varnish.fresh("/press/", CIPC_HOST).text
    assert varnish.fresh("/?p=102", CIPC_HOST).status == 301
    assert len(sent) == 1, sent  # one purge for three stories and six redirects


class BadInputTests(ImportCase):
    def assertRefused(self, content, message, **options):
        pages, redirects = Page.objects.count(), Redirect.objects.count()
        with self.assertRaises(CommandError) as raised:
            self.run_import(content, **options)
        text = str(raised.exception)
        self.assertIn(message, text)
        self.assertNotIn("\n", text)
        self.assertEqual((Page.objects.count(), Redirect.objects.count()), (pages, redirects))
        self.assertFalse(WordPressOrigin.objects.exists())
        return text

    def test_a_truncated_file_names_the_line_and_leaves_the_database_as_it_was(self):
        whole = wxr(STATEMENT_POST, UNKNOWN_SPEAKER_POST, NO_CATEGORY_POST)
        cut = whole[: whole.index(b"Media advisory")]
        text = self.assertRefused(cut, "the file ends early at line")
        self.assertIn("Nothing was imported.", text)

    def test_a_file_cut_inside_a_post_s_text_says_it_ends_early(self):
        whole = wxr(STATEMENT_POST, UNKNOWN_SPEAKER_POST, NO_CATEGORY_POST)
        cut = whole[: whole.rindex(b"<![CDATA[") + 12]  # inside the last post's CDATA section
        text = self.assertRefused(cut, "the file ends early at line")
        self.assertIn("truncated export?", text)
        self.assertNotIn("CDATA", text)

    def test_not_xml(self):
        self.assertRefused(b"post_id,title\n1,Hello\n", "not well-formed XML at line 1")

    def test_xml_that_is_not_a_wordpress_export(self):
        self.assertRefused(b"<?xml version='1.0'?><feed><title>Atom</title></feed>", "not a WordPress export")
        plain_rss = b"<rss version='2.0'><channel><title>x</title><item><title>y</title></item></channel></rss>"
        self.assertRefused(plain_rss, "not a WordPress export")

    def test_an_unknown_site(self):
        with self.assertRaisesMessage(
            CommandError, "no site with hostname 'example.com' (sites: iceout.localhost, localhost)"
        ):
            call_command("import_wordpress", self.write(ARCHIVE), site="example.com", stdout=io.StringIO())

    def test_a_site_with_no_press_room(self):
        home = HomePage(title="Empty", slug="empty")
        Page.get_first_root_node().add_child(instance=home)
        Site.objects.create(hostname="empty.localhost", port=80, root_page=home)
        with self.assertRaisesMessage(CommandError, "the site empty.localhost has no press room to import into"):
            call_command("import_wordpress", self.write(ARCHIVE), site="empty.localhost", stdout=io.StringIO())

    def test_an_unreadable_media_dir(self):
        missing = str(Path(self.tmp.name) / "no-such-uploads")
        self.assertRefused(ARCHIVE, f"--media-dir {missing} is not a readable directory", media_dir=missing)

    def test_an_entity_expansion_bomb_is_refused_before_it_expands(self):
        # A billion "lol"s: expanded, this would take gigabytes and minutes. The refusal names
        # the DTD, which the importer checks before any entity is expanded.
        levels = "".join(f'<!ENTITY e{n} "{f"&e{n - 1};" * 10}">' for n in range(1, 10))
        bomb = f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e0 "lol">{levels}]><rss>&e9;</rss>'.encode()
        self.assertRefused(bomb, "refused: the file declares a DTD or entities (DTDForbidden)")

    def test_an_external_entity_is_refused_without_reading_the_file(self):
        secret = Path(self.tmp.name) / "secret.txt"
        secret.write_text("do not read me")
        os.utime(secret, (0, 0))
        export = (
            f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
            "<rss><channel><title>&xxe;</title></channel></rss>"
        ).encode()
        self.assertRefused(export, "refused: the file declares a DTD or entities")
        self.assertEqual(secret.stat().st_atime, 0)  # never opened


class ReportTests(SimpleTestCase):
    def test_a_warning_names_each_post_once_with_a_count(self):
        report = ImportReport()
        for _ in range(5):
            report.warn("<input> removed", "post 36 “Elements”")
        for n in range(7):
            report.warn("<input> removed", f"post {100 + n} “Other”")
        report.warn("/?p=568 already redirects elsewhere: left as it is")
        report.warn("/?p=568 already redirects elsewhere: left as it is")
        self.assertEqual(
            list(report.warning_lines()),
            [
                "<input> removed: post 36 “Elements” (5 times), post 100 “Other”, post 101 “Other”, "
                "post 102 “Other”, post 103 “Other” and 3 more",
                "/?p=568 already redirects elsewhere: left as it is",
            ],
        )
        self.assertEqual(dict(report.rows())["Warnings"], 14)
