"""A press officer imports a WordPress export from the Wagtail admin: upload, the dry run's
report, the import in the background (run here by the command the scheduler calls), the kept
report, and every kind of bad upload answered with a form error, never a 500."""

import datetime
import io
import stat
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import Client, TestCase, override_settings
from django.utils import timezone

from press.models import StoryPage
from tests.editors import team_members
from tests.factories import TopicFactory, make_story
from tests.sites import COALITION_HOST, build_press_sites
from tests.wordpress.wxr_fixtures import item, png_bytes, wxr
from wordpress.background import ProgressWriter
from wordpress.models import ImportRun, ImportRunChunk
from wordpress.wxr import CountingReader

REPO = Path(__file__).resolve().parents[2]
THEME_PREVIEW = REPO.parent / "shared" / "wordpress" / "theme-preview.xml"
PREVIEW_TITLES = ["Worth A Thousand Words", "Elements", "More Tags", "HTML", "Links", "Category Hierarchy"]


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def zip_bytes(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


class AdminImportTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.users = team_members(cls.sites)
        cls.moderator = cls.users["iceout-moderator"]
        cls.site = cls.sites.coalition_site
        cls.upload_url = f"/admin/wordpress/sites/{cls.site.pk}/upload/"

    def setUp(self):
        self.client.force_login(self.moderator)

    def post_upload(self, export, media=None):
        data = {"export": export}
        if media is not None:
            data["media"] = media
        return self.client.post(self.upload_url, data)

    def room_html(self):
        return self.client.get("/press/", HTTP_HOST=COALITION_HOST).content.decode()


class ImportFromTheAdminTests(AdminImportTestCase):
    def test_dry_run_report_then_import_in_the_background(self):
        response = self.post_upload(upload("theme-preview.xml", THEME_PREVIEW.read_bytes()))
        run = ImportRun.objects.get()
        self.assertRedirects(response, f"/admin/wordpress/runs/{run.pk}/")
        page = self.client.get(response.url)
        self.assertContains(page, "What the import would do (dry run: nothing was written)")
        self.assertContains(page, "Dry run done: ready to import")
        self.assertContains(page, '<th scope="row">Posts read</th><td>7</td>', html=True)
        self.assertContains(page, "Import into ICE Out of California")
        self.assertFalse(StoryPage.objects.filter(title__in=PREVIEW_TITLES).exists())
        for title in PREVIEW_TITLES:
            self.assertNotIn(title, self.room_html())

        response = self.client.post(f"/admin/wordpress/runs/{run.pk}/import/")
        self.assertRedirects(response, f"/admin/wordpress/runs/{run.pk}/")
        page = self.client.get(response.url)
        self.assertContains(page, "Waiting to import")
        self.assertContains(page, "import-progress.js")
        self.assertEqual(self.client.get(f"/admin/wordpress/runs/{run.pk}/progress/").json()["waiting"], True)

        call_command("run_wordpress_imports", verbosity=0)
        page = self.client.get(f"/admin/wordpress/runs/{run.pk}/")
        self.assertContains(page, "What the import did")
        self.assertContains(page, '<th scope="row">Stories created</th><td>7</td>', html=True)
        self.assertNotContains(page, "import-progress.js")
        self.assertEqual(self.client.get(f"/admin/wordpress/runs/{run.pk}/progress/").json()["waiting"], False)
        room = self.room_html()
        for title in PREVIEW_TITLES:
            self.assertIn(title, room)
        # The uploaded export (drafts and all) is not kept once imported; the report is.
        self.assertFalse(ImportRunChunk.objects.exists())
        self.assertContains(self.client.get("/admin/wordpress/"), "theme-preview.xml")

        # Importing twice is refused; the second click changes nothing.
        self.client.post(f"/admin/wordpress/runs/{run.pk}/import/")
        run.refresh_from_db()
        self.assertEqual(run.status, ImportRun.Status.IMPORTED)

    @override_settings(WORDPRESS_IMPORT_INLINE_MAX_MB=0)
    def test_a_large_export_gets_its_dry_run_in_the_background(self):
        response = self.post_upload(upload("theme-preview.xml", THEME_PREVIEW.read_bytes()))
        page = self.client.get(response.url)
        self.assertContains(page, "Waiting for its dry run")
        self.assertContains(page, 'role="status"')
        call_command("run_wordpress_imports", verbosity=0)
        page = self.client.get(response.url)
        self.assertContains(page, "Dry run done: ready to import")
        self.assertContains(page, '<th scope="row">Stories created</th><td>7</td>', html=True)
        self.assertNotIn("Worth A Thousand Words", self.room_html())

    def test_a_failed_background_run_says_why_and_imports_nothing(self):
        response = self.post_upload(upload("theme-preview.xml", THEME_PREVIEW.read_bytes()))
        run = ImportRun.objects.get()
        self.client.post(f"/admin/wordpress/runs/{run.pk}/import/")
        self.sites.coalition_press.delete()  # the room is gone before the runner gets to it
        call_command("run_wordpress_imports", verbosity=0)
        page = self.client.get(response.url)
        self.assertContains(page, "Failed")
        self.assertContains(page, "has no press room to import into. Nothing was imported.")
        self.assertFalse(StoryPage.objects.filter(title__in=PREVIEW_TITLES).exists())
        self.assertFalse(ImportRunChunk.objects.exists())

    def test_images_come_from_the_zip_of_uploads(self):
        export = wxr(
            item(
                11,
                "Rally at the Capitol",
                '<p>We marched.</p><img src="https://old.example.org/wp-content/uploads/2020/01/rally-300x200.png"'
                ' alt="Marchers" /><p>Thousands came.</p>',
                slug="rally",
            )
        )
        media = zip_bytes({"uploads/2020/01/rally.png": png_bytes(), "uploads/2020/01/notes.txt": b"x"})
        response = self.post_upload(upload("export.xml", export), upload("uploads.zip", media))
        self.assertContains(self.client.get(response.url), '<th scope="row">Images imported</th><td>1</td>', html=True)
        self.client.post(f"{response.url}import/")
        call_command("run_wordpress_imports", verbosity=0)
        page = self.client.get(response.url)
        self.assertContains(page, '<th scope="row">Images imported</th><td>1</td>', html=True)
        story = StoryPage.objects.get(slug="rally")
        self.assertIn("image", [block.block_type for block in story.body])

    def test_an_upload_can_be_discarded_after_its_dry_run(self):
        response = self.post_upload(upload("theme-preview.xml", THEME_PREVIEW.read_bytes()))
        self.client.post(f"{response.url}discard/")
        page = self.client.get(response.url)
        self.assertContains(page, "Discarded after the dry run: nothing was imported")
        self.assertNotContains(page, "Import into ICE Out of California")
        self.assertFalse(ImportRunChunk.objects.exists())
        call_command("run_wordpress_imports", verbosity=0)
        self.assertNotIn("Worth A Thousand Words", self.room_html())

    def test_a_link_in_the_zip_is_not_followed(self):
        export = wxr(
            item(12, "Secret", '<img src="https://old.example.org/wp-content/uploads/2020/01/secret.png" alt="" />')
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            link = zipfile.ZipInfo("uploads/2020/01/secret.png")
            link.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(link, "/etc/passwd")
        response = self.post_upload(upload("export.xml", export), upload("uploads.zip", buffer.getvalue()))
        page = self.client.get(response.url)
        self.assertContains(page, '<th scope="row">Images imported</th><td>0</td>', html=True)
        self.assertContains(page, "not in the media directory: kept as a link")


class ImportOptionsTests(AdminImportTestCase):
    """The command line's options, chosen on the upload form, kept on the run, and said in its report."""

    def export(self):
        public = item(401, "Coalition welcomes ruling", "<p>The ruling protects families.</p>", tags=[("ice", "ICE")])
        briefing = item(402, "Board briefing", "<p>Only for the board: the budget plan.</p>", slug="board-briefing")
        briefing = briefing.replace("</wp:post_type>", "</wp:post_type><wp:post_password>s3cret</wp:post_password>")
        return upload("export.xml", wxr(public, briefing))

    def test_password_protected_posts_behind_their_password_and_tags_through_a_map(self):
        TopicFactory(name="Immigration enforcement", slug="enforcement")
        self.client.post(
            self.upload_url,
            {
                "export": self.export(),
                "password_protected": "restrict",
                "term_map": "# WordPress term, here\nice, topic:enforcement\nPress Releases, category:statement",
            },
        )
        run = ImportRun.objects.get()
        page = self.client.get(f"/admin/wordpress/runs/{run.pk}/")
        self.assertContains(page, "Password-protected posts: import them behind the same password")
        self.assertContains(page, "Categories and tags: through the map (2 lines).")
        self.assertContains(page, '<th scope="row">Stories created</th><td>2</td>', html=True)
        self.assertNotContains(page, "Skipped: password-protected")

        self.client.post(f"/admin/wordpress/runs/{run.pk}/import/")
        call_command("run_wordpress_imports", verbosity=0)
        briefing = StoryPage.objects.get(title="Board briefing")
        self.assertNotContains(self.client.get(briefing.url, HTTP_HOST=COALITION_HOST), "the budget plan")
        self.assertNotIn("Board briefing", self.room_html())
        story = StoryPage.objects.get(title="Coalition welcomes ruling")
        self.assertEqual([t.slug for t in story.topics.all()], ["enforcement"])
        self.assertEqual(story.category.slug, "statement")

    def test_by_default_password_protected_posts_are_left_out_and_counted(self):
        self.client.post(self.upload_url, {"export": self.export()})
        page = self.client.get(f"/admin/wordpress/runs/{ImportRun.objects.get().pk}/")
        self.assertContains(page, "Password-protected posts: leave them out")
        self.assertContains(
            page, '<th scope="row">Skipped: password-protected (not imported)</th><td>1</td>', html=True
        )
        self.assertContains(page, "no map (each becomes a category or topic of its own name)")

    def test_a_bad_map_line_is_a_form_error_that_keeps_what_was_chosen(self):
        data = {
            "export": self.export(),
            "password_protected": "restrict",
            "term_map": "ice, topic:no-such-topic\nPress Releases; category:statement",
        }
        response = self.client.post(self.upload_url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "line 1: no topic “no-such-topic” on this site")
        self.assertContains(response, "line 2: expected “WordPress term, category:… or topic:… or skip”")
        self.assertContains(response, "Press Releases; category:statement</textarea>")
        self.assertRegex(
            response.content.decode(),
            r'<input[^>]+value="restrict"[^>]+checked|<input[^>]+checked[^>]+value="restrict"',
        )
        self.assertFalse(ImportRun.objects.exists())

    def test_media_downloads_are_checked_in_the_background_and_refuse_local_addresses(self):
        post = item(
            403, "Rally", '<p>At the Capitol.</p><img src="http://127.0.0.1:9/wp-content/uploads/2020/01/a.jpg">'
        )
        response = self.client.post(self.upload_url, {"export": upload("export.xml", wxr(post)), "fetch_media": "on"})
        page = self.client.get(response.url)
        self.assertContains(page, "Waiting for its dry run")  # downloads never hold up the upload's request
        self.assertContains(page, "Media: downloaded from the old site where the zip does not have them.")
        call_command("run_wordpress_imports", verbosity=0)
        page = self.client.get(response.url)
        self.assertContains(page, "Dry run done: ready to import")
        self.assertContains(page, "127.0.0.1 is a private or local address (127.0.0.1): refused")
        self.assertNotContains(page, "no media folder or zip of uploads given")


class WhoMayImportTests(AdminImportTestCase):
    def test_an_editor_may_not_import(self):
        self.client.force_login(self.users["iceout-editor"])
        self.assertEqual(self.client.get(self.upload_url).status_code, 404)
        index = self.client.get("/admin/wordpress/")
        self.assertContains(index, "Importing is for those who may publish stories")
        self.assertNotContains(self.client.get("/admin/"), "WordPress import")

    def test_a_moderator_imports_into_their_own_site_only(self):
        self.client.force_login(self.users["cipc-moderator"])
        index = self.client.get("/admin/wordpress/")
        self.assertContains(index, f"/admin/wordpress/sites/{self.sites.cipc_site.pk}/upload/")
        self.assertNotContains(index, self.upload_url)
        response = self.post_upload(upload("theme-preview.xml", THEME_PREVIEW.read_bytes()))
        self.assertEqual(response.status_code, 404)
        self.assertFalse(ImportRun.objects.exists())

    def test_a_superuser_chooses_the_site(self):
        from django.contrib.auth import get_user_model

        admin = get_user_model().objects.create_superuser("boss", password="a long test password")
        self.client.force_login(admin)
        index = self.client.get("/admin/wordpress/")
        for site in (self.sites.cipc_site, self.sites.coalition_site):
            self.assertContains(index, f"/admin/wordpress/sites/{site.pk}/upload/")


class BadUploadTests(AdminImportTestCase):
    def assert_refused(self, response, field, message):
        self.assertEqual(response.status_code, 200)
        self.assertIn(message, " ".join(response.context["form"].errors.get(field, [])))
        self.assertContains(response, "Import into ICE Out of California")  # the chosen site is kept
        self.assertFalse(ImportRun.objects.exists())
        self.assertFalse(ImportRunChunk.objects.exists())

    def test_files_that_are_not_a_wordpress_export(self):
        preview = THEME_PREVIEW.read_bytes()
        cases = [
            ("an image", png_bytes(), "not well-formed XML"),
            ("an RSS feed", b'<?xml version="1.0"?><rss><channel><item/></channel></rss>', "not a WordPress export"),
            ("an HTML page", b"<html><body>Hello</body></html>", "not a WordPress export"),
            ("an empty file", b"", "The submitted file is empty"),
            ("a truncated export", preview[: preview.index(b"<item>", len(preview) // 2)], "the file ends early"),
            (
                "a DTD with entities",
                b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
                b"<rss><channel>&b;</channel></rss>",
                "declares a DTD or entities",
            ),
        ]
        for label, data, message in cases:
            with self.subTest(label):
                self.assert_refused(self.post_upload(upload("export.xml", data)), "export", message)

    @override_settings(WORDPRESS_IMPORT_EXPORT_MAX_MB=1)
    def test_an_export_over_the_size_limit(self):
        data = THEME_PREVIEW.read_bytes().replace(b"</channel>", b"<!--" + b"x" * 1_200_000 + b"--></channel>")
        response = self.post_upload(upload("export.xml", data))
        self.assert_refused(response, "export", "larger than the limit of 1.0")
        self.assertEqual(response.context["form"].too_large, {"export"})  # dropped as it arrived

    def test_the_upload_still_needs_its_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.moderator)
        response = client.post(self.upload_url, {"export": upload("theme-preview.xml", THEME_PREVIEW.read_bytes())})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(ImportRun.objects.exists())

    def test_zips_that_cannot_be_used(self):
        export = THEME_PREVIEW.read_bytes()
        cases = [
            ("not a zip", b"PK\x03\x04 this is not really a zip", "cannot be read"),
            ("a truncated zip", zip_bytes({"2020/01/a.png": png_bytes() * 50})[:-30], "cannot be read"),
            ("a path out of its folder", zip_bytes({"../../etc/cron.d/evil": b"x"}), "outside its own folders"),
            ("an absolute path", zip_bytes({"/etc/passwd": b"x"}), "outside its own folders"),
        ]
        for label, data, message in cases:
            with self.subTest(label):
                response = self.post_upload(upload("theme-preview.xml", export), upload("uploads.zip", data))
                self.assert_refused(response, "media", message)

    @override_settings(WORDPRESS_IMPORT_MEDIA_MAX_UNZIPPED_MB=1, WORDPRESS_IMPORT_MEDIA_MAX_FILES=3)
    def test_zip_bombs(self):
        export = THEME_PREVIEW.read_bytes()
        bomb = zip_bytes({"2020/01/zeros.png": b"\0" * 3_000_000})  # a few KB that unpack to 3 MB
        self.assertLess(len(bomb), 20_000)
        many = zip_bytes({f"2020/01/{n}.png": b"x" for n in range(4)})
        for label, data, message in (
            ("too large unpacked", bomb, "unpacks to more than 1 MB"),
            ("too many files", many, "holds more than 3 files"),
        ):
            with self.subTest(label):
                response = self.post_upload(upload("theme-preview.xml", export), upload("uploads.zip", data))
                self.assert_refused(response, "media", message)


class RunnerHousekeepingTests(AdminImportTestCase):
    def make_run(self, status, **fields):
        response = self.post_upload(upload("theme-preview.xml", THEME_PREVIEW.read_bytes()))
        ImportRun.objects.update(status=status, **fields)
        return response.url

    def test_a_run_whose_process_died_is_marked_failed(self):
        long_ago = timezone.now() - datetime.timedelta(hours=1)
        url = self.make_run(ImportRun.Status.IMPORTING, progress_at=long_ago)
        call_command("run_wordpress_imports", verbosity=0)
        page = self.client.get(url)
        self.assertContains(page, "stopped before it finished (a restart?). Nothing was imported.")
        self.assertNotContains(page, "import-progress.js")
        self.assertFalse(ImportRunChunk.objects.exists())

    def test_an_upload_nobody_imports_is_deleted_after_the_days_kept(self):
        url = self.make_run(ImportRun.Status.CHECKED, finished_at=timezone.now() - datetime.timedelta(days=8))
        call_command("run_wordpress_imports", verbosity=0)
        page = self.client.get(url)
        self.assertContains(page, "Not imported within 7 days of its dry run: the uploaded files were deleted.")
        self.assertNotContains(page, "Import into ICE Out of California")
        self.assertFalse(ImportRunChunk.objects.exists())


@pytest.mark.django_db(transaction=True)
def test_progress_shows_while_the_import_transaction_is_open():
    """The runner writes progress through its own connection: another reader (the page) sees it
    while the import's transaction, which holds everything else, is still open."""
    sites = build_press_sites()
    run = ImportRun.objects.create(site=sites.coalition_site, export_name="big.xml", status=ImportRun.Status.IMPORTING)
    reader = CountingReader(io.BytesIO(b"x" * 1000))
    reader.read(400)
    writer = ProgressWriter(run, reader)
    page = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with transaction.atomic():
            # The import at work: a story written, not yet committed.
            make_story(sites.coalition_press, "Not committed yet")
            writer.write(42)
            with page.cursor() as cursor:
                cursor.execute("SELECT posts_read, bytes_read FROM wordpress_importrun WHERE id = %s", [run.pk])
                assert cursor.fetchone() == (42, 400)
                cursor.execute("SELECT count(*) FROM wagtailcore_page WHERE title = 'Not committed yet'")
                assert cursor.fetchone() == (0,)
    finally:
        writer.close()
        page.close()
