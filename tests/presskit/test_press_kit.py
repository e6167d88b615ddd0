"""The press kit: a page per site with the organisation's boilerplate, logos, headshots and fact
sheets, each a download, and one "download all" zip built on demand and kept until the kit
changes. Images carry a credit and a licence, shown wherever they are shown."""

import io
import shutil
import tempfile
import zipfile

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import TestCase, override_settings
from wagtail.documents.models import Document
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from coalition.models import CoalitionHomePage
from home.models import HomePage
from images.models import CreditedImage
from press.models import PressIndexPage, StoryPage
from presskit import archive
from presskit.models import PressKitPage
from tests.factories import SpokespersonFactory, block, make_story
from tests.presskit_data import PDF, SVG, assert_whole_kit, build_press_kit
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites

MEDIA = tempfile.mkdtemp(prefix="presskit-test-media-")


def tearDownModule():
    shutil.rmtree(MEDIA, ignore_errors=True)


def unzip(response):
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


@override_settings(MEDIA_ROOT=MEDIA)
class PressKitPageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.kit = build_press_kit(cls.sites.coalition_home)

    def get(self, path):
        return self.client.get(path, HTTP_HOST=COALITION_HOST)

    def test_the_press_kit_shows_the_boilerplate_and_every_download(self):
        response = self.get("/press-kit/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn('<h2 id="about-heading">About ICE Out of California</h2>', html)
        self.assertIn("Sample Network is a fictional organization used in tests.", html)
        self.assertIn("Leave clear space around it.", html)
        for address in (
            "/press-kit/files/logos/wordmark-png/",
            "/press-kit/files/logos/wordmark-svg/",
            "/press-kit/files/headshots/alex-sample-png/",
            "/press-kit/files/fact-sheets/facts-at-a-glance-pdf/",
            "/press-kit/download-all/",
        ):
            self.assertIn(f'href="{address}"', html)
        self.assertIn("Facts at a glance", html)
        self.assertIn("Download the whole press kit", html)
        # The headshot's photographer and licence, from the image.
        self.assertIn("Credit: Pat Photographer", html)
        self.assertIn('<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>', html)

    def test_every_page_of_the_site_links_to_its_press_kit(self):
        for path in ("/", "/press/"):
            self.assertContains(self.get(path), '<li><a href="/press-kit/">Press kit</a></li>', html=True)
        self.assertContains(self.get("/press-kit/"), '<a href="/press-kit/" aria-current="page">Press kit</a>')
        self.assertNotContains(self.client.get("/", HTTP_HOST=CIPC_HOST), "Press kit")  # CIPC has none
        PressKitPage.objects.get(pk=self.kit.pk).unpublish()
        self.assertNotContains(self.get("/press/"), "Press kit")

    def test_each_file_downloads_as_an_attachment(self):
        response = self.get("/press-kit/files/fact-sheets/facts-at-a-glance-pdf/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="facts-at-a-glance.pdf"')
        self.assertEqual(b"".join(response.streaming_content), PDF)

    def test_an_svg_is_never_shown_on_the_sites_origin(self):
        response = self.get("/press-kit/files/logos/wordmark-svg/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/svg+xml")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="wordmark.svg"')
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Content-Security-Policy"], "default-src 'none'; sandbox")
        self.assertEqual(b"".join(response.streaming_content), SVG)

    def test_only_the_kits_own_files_can_be_downloaded(self):
        other = Document.objects.create(title="Internal memo", file=ContentFile(b"secret", name="memo.txt"))
        for path in (
            "/press-kit/files/logos/nothing-png/",
            "/press-kit/files/memo-txt/",
            f"/press-kit/files/{other.pk}/",
            "/press-kit/files/..%2F..%2Fsettings-py/",
        ):
            with self.subTest(path):
                self.assertEqual(self.get(path).status_code, 404)

    def test_download_all_is_a_zip_of_every_file(self):
        response = self.get("/press-kit/download-all/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/zip")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="ice-out-of-california-press-kit.zip"')
        headshot = self.kit.headshots.first().image
        with headshot.open_file() as image_file:
            assert_whole_kit(self, unzip(response), headshot=image_file.read())

    def stored_archives(self):
        folder = f"{archive.ARCHIVE_FOLDER}/{self.kit.pk}"
        return default_storage.listdir(folder)[1] if default_storage.exists(folder) else []

    def test_the_zip_is_built_once_and_again_after_an_edit(self):
        self.get("/press-kit/download-all/")
        first = self.stored_archives()
        self.assertEqual(len(first), 1)
        self.get("/press-kit/download-all/")
        self.assertEqual(self.stored_archives(), first)  # served from the storage, not rebuilt

        kit = PressKitPage.objects.get(pk=self.kit.pk)
        logo = kit.logos.first()
        logo.name = "Wordmark, one colour"
        kit.logos = [logo]
        kit.fact_sheets = []
        kit.save_revision().publish()
        names = unzip(self.get("/press-kit/download-all/")).namelist()
        self.assertEqual(
            names, ["logos/wordmark-one-colour.png", "logos/wordmark-one-colour.svg", "headshots/alex-sample.png"]
        )
        second = self.stored_archives()
        self.assertEqual(len(second), 1)  # the old zip is gone
        self.assertNotEqual(second, first)

    def test_a_replaced_file_rebuilds_the_zip(self):
        self.get("/press-kit/download-all/")
        sheet = self.kit.fact_sheets.first().document
        sheet.file = ContentFile(b"%PDF-1.4\n% corrected figures\n", name="facts-corrected.pdf")
        sheet.file_size = None
        sheet.save()
        archive_file = unzip(self.get("/press-kit/download-all/"))
        self.assertEqual(archive_file.read("fact-sheets/facts-at-a-glance.pdf"), b"%PDF-1.4\n% corrected figures\n")

    @override_settings(PRESS_KIT_ARCHIVE_MAX_MB=0)
    def test_a_kit_too_large_for_one_zip_offers_its_files_one_by_one(self):
        response = self.get("/press-kit/")
        self.assertContains(response, "too large for one download")
        self.assertNotContains(response, "/press-kit/download-all/")
        self.assertEqual(self.get("/press-kit/download-all/").status_code, 404)
        self.assertEqual(self.get("/press-kit/files/logos/wordmark-svg/").status_code, 200)

    def test_a_press_kit_belongs_at_the_top_of_a_site_once(self):
        self.assertCanCreateAt(HomePage, PressKitPage)
        self.assertCanCreateAt(CoalitionHomePage, PressKitPage)
        self.assertCanNotCreateAt(PressIndexPage, PressKitPage)
        self.assertCanNotCreateAt(StoryPage, PressKitPage)
        self.assertFalse(PressKitPage.can_create_at(self.sites.coalition_home))  # it has one
        self.assertTrue(PressKitPage.can_create_at(self.sites.cipc_home))


@override_settings(MEDIA_ROOT=MEDIA)
class PressKitEditorTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.uncredited = CreditedImage.objects.create(title="Uncredited portrait", file=get_test_image_file())
        cls.png = CreditedImage.objects.create(title="Logo", file=get_test_image_file(filename="logo.png"))
        cls.pdf = Document.objects.create(title="Not a logo", file=ContentFile(PDF, name="not-a-logo.pdf"))

    def setUp(self):
        self.login()

    def post(self, **overrides):
        data = {
            "title": "Press kit",
            "slug": "press-kit",
            "about_heading": "",
            "about": rich_text("<p>Who we are.</p>"),
            "logos": inline_formset([]),
            "headshots": inline_formset([]),
            "fact_sheets": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
            **overrides,
        }
        return self.client.post(
            f"/admin/pages/add/presskit/presskitpage/{self.sites.cipc_home.pk}/", nested_form_data(data)
        )

    def test_a_headshot_needs_a_photographers_credit(self):
        response = self.post(
            headshots=inline_formset([{"image": self.uncredited.pk, "name": "Jane Leader", "role": "Director"}])
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "“Uncredited portrait” has no credit: add the photographer in Images")
        self.assertContains(response, 'value="Jane Leader"')  # what the editor typed is kept
        self.assertFalse(PressKitPage.objects.exists())

        self.uncredited.credit = "Pat Photographer"
        self.uncredited.save()
        response = self.post(
            headshots=inline_formset([{"image": self.uncredited.pk, "name": "Jane Leader", "role": "Director"}])
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(PressKitPage.objects.get().live)

    def test_the_svg_of_a_logo_must_be_an_svg(self):
        response = self.post(
            logos=inline_formset([{"name": "Wordmark", "png": self.png.pk, "svg": self.pdf.pk, "usage_notes": ""}])
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "“Not a logo” is not an SVG file")
        self.assertFalse(PressKitPage.objects.exists())

    def test_a_press_kit_cannot_take_an_address_the_site_uses_itself(self):
        response = self.post(slug="search")
        self.assertEqual(response.status_code, 200)
        self.assertIn("is taken by the site itself", str(response.context["form"].errors["slug"]))


@override_settings(MEDIA_ROOT=MEDIA)
class ImageCreditTests(TestCase):
    """An image's credit and licence show wherever the image is shown."""

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.photo = CreditedImage.objects.create(
            title="Rally",
            file=get_test_image_file(),
            credit="Sam Lens/Example Network",
            licence="CC BY-SA 4.0",
            licence_url="https://creativecommons.org/licenses/by-sa/4.0/",
        )
        person = SpokespersonFactory(name="Alex Sample", photo=cls.photo)
        cls.story = make_story(
            cls.sites.coalition_press,
            "Rally at the Capitol",
            listing_image=cls.photo,
            body=[
                block("image", {"image": {"image": cls.photo.pk, "alt_text": "Rally", "decorative": False}}),
                block("spokesperson_bio", {"spokesperson": person.pk}),
            ],
        )

    def test_credit_and_licence_show_on_the_image_block_listing_and_bio(self):
        licence = '<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license">CC BY-SA 4.0</a>'
        page = self.client.get(f"/press/{self.story.slug}/", HTTP_HOST=COALITION_HOST).content.decode()
        story, media = page.split('<section class="story-media"', 1)  # the story, then its media section
        self.assertEqual(story.count("Credit: Sam Lens/Example Network"), 2)  # image block and bio
        self.assertEqual(story.count(licence), 2)
        self.assertEqual(media.count("Credit: Sam Lens/Example Network"), 1)  # the photo to download
        self.assertEqual(media.count(licence), 1)
        listing = self.client.get("/press/", HTTP_HOST=COALITION_HOST).content.decode()
        self.assertIn("Credit: Sam Lens/Example Network", listing)
        self.assertIn(licence, listing)

    def test_a_blocks_own_credit_wins_over_the_images(self):
        story = StoryPage.objects.get(pk=self.story.pk)
        story.body = [
            block(
                "image",
                {"image": {"image": self.photo.pk, "alt_text": "Rally", "decorative": False}, "credit": "Wire photo"},
            )
        ]
        story.save_revision().publish()
        html = self.client.get(f"/press/{self.story.slug}/", HTTP_HOST=COALITION_HOST).content.decode()
        self.assertIn("Credit: Wire photo", html)
        self.assertIn("CC BY-SA 4.0", html)
        self.assertNotIn("Credit: Sam Lens", html)

    def test_editors_set_credit_and_licence_in_the_image_library(self):
        from django.contrib.auth import get_user_model

        admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "a long test password")
        self.client.force_login(admin)
        response = self.client.get(f"/admin/images/{self.photo.pk}/")
        self.assertContains(response, 'name="credit"')
        self.assertContains(response, 'name="licence"')
        self.assertContains(response, 'name="licence_url"')
