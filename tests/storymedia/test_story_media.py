"""What a journalist takes away from a story: its media section (each picture with its credit,
licence and original file, the story's files), the release as a PDF and the share card of a
story without a picture. Only a live, public story offers any of them, and each is filed at
the edge under the story's own key, so a publish of the story purges it."""

import io
import shutil
import tempfile
from datetime import timedelta

from django.core.files.base import ContentFile
from django.test import TestCase, override_settings
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.tests.utils import get_test_image_file, get_test_image_file_jpeg
from wagtail.models import PageViewRestriction

from core.models import SiteBranding
from images.models import CreditedImage
from press.models import StoryPage
from tests.factories import SpokespersonFactory, block, example_contacts, make_story, statement
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites
from tests.storymedia.pdf_text import pdf_text

MEDIA = tempfile.mkdtemp(prefix="storymedia-test-media-")


def tearDownModule():
    shutil.rmtree(MEDIA, ignore_errors=True)


def picture(title, file, **fields):
    return CreditedImage.objects.create(title=title, file=file, **fields)


def body_of_a_story_with_media(person, photo, gallery_photo, document):
    return [
        statement(person, "<p>Sample families deserve a fair hearing.</p>"),
        block("image", {"image": {"image": photo.pk, "alt_text": "Sample rally", "decorative": False},
                        "caption": "Sample rally at the capitol", "credit": "Riley Example/Example Network"}),
        block("quote", {"text": "Sample words for the press.", "spokesperson": person.pk, "attribution": ""}),
        block("gallery", {"images": [{"image": {"image": gallery_photo.pk, "alt_text": "Sample march",
                                                "decorative": False}, "caption": "Sample march"}],
                          "caption": ""}),
        block("document", {"document": document.pk, "title": "Read the sample report"}),
        block("paragraph", "<p>Sample closing paragraph.</p>"),
    ]  # fmt: skip


class StoryWithMedia:
    """A CIPC story with a listing photo, an image block, a gallery and a document (setUpTestData
    for the tests here and for tests/storymedia/test_story_media_html.py)."""

    @classmethod
    def setUpTestData(cls):
        cls.sites = sites = build_press_sites()
        cls.person = SpokespersonFactory(
            name="Sam Sample", title="Director", organization=sites.sample_org, slug="sam-sample"
        )
        cls.listing_photo = picture(
            "Sample listing photo",
            get_test_image_file_jpeg("listing.jpg", colour="red", size=(1600, 900)),
            credit="Pat Example",
            licence="CC BY 4.0",
            licence_url="https://creativecommons.org/licenses/by/4.0/",
        )
        cls.photo = picture(
            "Sample rally photo", get_test_image_file("rally.png", colour="blue"), licence="Free for editorial use"
        )
        cls.gallery_photo = picture(
            "Sample march photo", get_test_image_file("march.png", colour="green"), credit="Lee Example"
        )
        cls.unused_photo = picture("Sample unused photo", get_test_image_file("unused.png"))
        cls.document = Document.objects.create(
            title="Sample report", file=ContentFile(b"%PDF-1.4 sample report", name="sample-report.pdf")
        )
        cls.story = make_story(
            sites.cipc_press,
            "Sample network welcomes sample ruling",
            subtitle="A fictional story for the tests",
            dateline="Sacramento, CA",
            release="immediate",
            listing_image=cls.listing_photo,
            body=body_of_a_story_with_media(cls.person, cls.photo, cls.gallery_photo, cls.document),
        )
        cls.address = f"/press/{cls.story.slug}/"


@override_settings(MEDIA_ROOT=MEDIA)
class StoryMediaTests(StoryWithMedia, TestCase):
    def get(self, path, host=CIPC_HOST):
        return self.client.get(path, HTTP_HOST=host)

    # --- the media section ----------------------------------------------------------------

    def test_the_media_section_lists_each_picture_with_its_credit_licence_and_original(self):
        response = self.get(self.address)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<h2 id="media-heading">Media</h2>', html=True)
        self.assertContains(
            response,
            f'<a class="story-media__download" href="{self.address}release.pdf" download>Download release (PDF)</a>',
            html=True,
        )
        html = response.content.decode()
        section = html[html.index('class="story-media"') :]
        # The listing photo first, then the body's pictures in order; the block's credit wins.
        names = ["Sample listing photo", "Sample rally at the capitol", "Sample march"]
        positions = [section.index(f'<p class="story-media__name">{name}</p>') for name in names]
        self.assertEqual(positions, sorted(positions))
        self.assertIn("Credit: Pat Example", section)
        self.assertIn('<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>', section)
        self.assertIn("Credit: Riley Example/Example Network", section)
        self.assertIn("Licence: Free for editorial use", section)
        self.assertIn("Credit: Lee Example", section)
        self.assertIn("JPG, 1600 × 900 pixels", section)
        for image in (self.listing_photo, self.photo, self.gallery_photo):
            self.assertIn(f'href="{self.address}media/images/{image.pk}/" download>Download original', section)
        self.assertNotIn(f"media/images/{self.unused_photo.pk}/", section)
        # The story's files, linked where Wagtail serves documents.
        self.assertIn(f'<a href="{self.document.url}">Read the sample report</a>', section)

    def test_a_picture_downloads_as_the_original_file(self):
        response = self.get(f"{self.address}media/images/{self.listing_photo.pk}/")
        self.assertEqual(response.status_code, 200)
        with self.listing_photo.open_file() as original:
            self.assertEqual(b"".join(response.streaming_content), original.read())
        self.assertEqual(response["Content-Type"], "image/jpeg")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="listing.jpg"')
        self.assertEqual(PILImage.open(io.BytesIO(self.listing_photo.file.open("rb").read())).size, (1600, 900))

    def test_only_the_storys_own_pictures_download(self):
        self.assertEqual(self.get(f"{self.address}media/images/{self.unused_photo.pk}/").status_code, 404)
        self.assertEqual(self.get(f"{self.address}media/images/999999999/").status_code, 404)
        # Another site's address for the same story: not found there.
        self.assertEqual(self.get(f"{self.address}media/images/{self.photo.pk}/", host=COALITION_HOST).status_code, 404)

    def test_a_draft_storys_pictures_release_and_card_are_not_found(self):
        secret = picture("Sample secret photo", get_test_image_file("secret.png"))
        draft = make_story(
            self.sites.cipc_press,
            "Sample story not out yet",
            body=[
                block(
                    "image",
                    {"image": {"image": secret.pk, "alt_text": "x", "decorative": False}, "caption": "", "credit": ""},
                )
            ],
        )
        draft.unpublish()
        for tail in (f"media/images/{secret.pk}/", "release.pdf", "card.png"):
            response = self.get(f"/press/{draft.slug}/{tail}")
            self.assertEqual(response.status_code, 404, tail)
            self.assertNotIn(b"Sample story not out yet", response.content)
        # Nor under a live story's address.
        self.assertEqual(self.get(f"{self.address}media/images/{secret.pk}/").status_code, 404)

    def test_a_private_story_offers_nothing(self):
        PageViewRestriction.objects.create(page=self.story, restriction_type="password", password="sample-password")
        for tail in (f"media/images/{self.photo.pk}/", "release.pdf", "card.png"):
            self.assertEqual(self.get(f"{self.address}{tail}").status_code, 404, tail)

    def test_addresses_that_name_no_story_are_not_found(self):
        for path in (
            "/press/release.pdf",  # the room, not a story
            "/release.pdf",
            "/press/no-such-story/release.pdf",
            "/press/no-such-story/card.png",
            f"{self.address}extra/release.pdf",
            f"{self.address}media/images/abc/",
            f"{self.address}media/images/{'9' * 40}/",
            f"{self.address}media/images/-1/",
            f"{self.address}media/images/1/%00/",
            "/press/%FF/release.pdf",
        ):
            self.assertEqual(self.get(path).status_code, 404, path)

    # --- the release PDF ------------------------------------------------------------------

    def test_the_release_pdf_has_the_title_text_contacts_and_end_mark(self):
        alex, _jordan = example_contacts()
        self.story.body.append(("media_contacts", {"heading": "Media contacts", "contacts": [alex]}))
        self.story.save_revision().publish()
        response = self.get(f"{self.address}release.pdf")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(
            response["Content-Disposition"], 'attachment; filename="sample-network-welcomes-sample-ruling.pdf"'
        )
        self.assertTrue(response.content.startswith(b"%PDF-"))
        text = " ".join(pdf_text(response.content).split())
        for expected in (
            "California Immigrant Policy Center",  # the issuer
            "FOR IMMEDIATE RELEASE",
            "Sample network welcomes sample ruling",
            "A fictional story for the tests",
            "SACRAMENTO, CA — January 1, 2019",
            "Sam Sample, Director of the Example Immigrant Rights Network, issued the following statement:",
            "Sample families deserve a fair hearing.",
            "“Sample words for the press.”",
            "Credit: Riley Example/Example Network",
            "[Photos: Sample march]",
            "Read the sample report",
            "Sample closing paragraph.",
            "###",
            "Media contacts",
            "Alex Sample",
            "Communications Director, Example Immigrant Rights Network",
            "(213) 555-0142",
            "alex.sample@example.org",
        ):
            self.assertIn(expected, text)
        self.assertLess(text.index("Sample closing paragraph."), text.index("###"))
        self.assertLess(text.index("###"), text.index("Media contacts"))

    def test_the_release_pdf_carries_the_sites_logo(self):
        branding = SiteBranding.objects.get(site=self.sites.cipc_site)
        branding.logo = picture("Sample logo", get_test_image_file("logo.png", colour="purple", size=(400, 100)))
        branding.save()
        response = self.get(f"{self.address}release.pdf")
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"/Subtype /Image", response.content)

    def test_an_embargoed_storys_release_is_not_found_and_not_kept_at_the_edge(self):
        self.story.release = "embargoed"
        self.story.embargoed_until = timezone.now() + timedelta(days=1)
        self.story.save_revision().publish()
        response = self.get(f"{self.address}release.pdf")
        self.assertEqual(response.status_code, 404)
        self.assertIn("private", response["Cache-Control"])

    def test_the_release_is_kept_at_the_edge_under_the_storys_key(self):
        response = self.get(f"{self.address}release.pdf")
        self.assertIn("public", response["Cache-Control"])
        self.assertIn(f"page-{self.story.pk}", response["xkey"].split())
        # Publishing the story purges that key.
        self.assertIn(f"page-{self.story.pk}", StoryPage.objects.get(pk=self.story.pk).get_purge_keys())

    def test_the_release_costs_a_bounded_number_of_queries(self):
        self.get(f"{self.address}release.pdf")  # Wagtail's caches (site roots, renditions) warm
        # As the story's page pays for the same (the site, its root, the story with its room,
        # the body's pictures, file and people, the branding), plus its view restrictions and
        # the room's media contacts, which the PDF prints.
        with self.assertNumQueries(12):
            self.assertEqual(self.get(f"{self.address}release.pdf").status_code, 200)

    # --- the share card ---------------------------------------------------------------------

    def test_a_story_without_a_picture_is_shared_with_its_card(self):
        story = make_story(self.sites.coalition_press, "Sample coalition statement", category=self.sites.statement)
        address = f"/press/{story.slug}/"
        page = self.get(address, host=COALITION_HOST)
        card_url = f"http://{COALITION_HOST}{address}card.png"
        self.assertContains(page, f'<meta property="og:image" content="{card_url}">', html=True)
        self.assertContains(page, f'<meta name="twitter:image" content="{card_url}">', html=True)
        self.assertContains(page, '<meta name="twitter:card" content="summary_large_image">', html=True)

        card = self.get(f"{address}card.png", host=COALITION_HOST)
        self.assertEqual(card.status_code, 200)
        self.assertEqual(card["Content-Type"], "image/png")
        drawn = PILImage.open(io.BytesIO(card.content))
        self.assertEqual((drawn.format, drawn.size), ("PNG", (1200, 630)))
        self.assertEqual(drawn.getpixel((10, 10)), (0x3B, 0x1F, 0x5C))  # the coalition's primary colour
        self.assertEqual(drawn.getpixel((600, 625)), (0xA4, 0x26, 0x2C))  # the accent band
        # The headline is drawn in white on the dark primary colour.
        self.assertIn((255, 255, 255), {colour for _count, colour in drawn.getcolors(maxcolors=100_000)})
        self.assertIn(f"page-{story.pk}", card["xkey"].split())
        # The same story gives the same card, byte for byte.
        self.assertEqual(self.get(f"{address}card.png", host=COALITION_HOST).content, card.content)

    def test_a_story_with_a_picture_is_shared_with_it(self):
        page = self.get(self.address)
        self.assertNotContains(page, "card.png")
        self.assertContains(page, 'property="og:image" content="http://localhost/media/images/listing')

    def test_the_story_page_with_its_media_section_costs_no_more_queries(self):
        self.get(self.address)
        # As many as without the section (measured: 13 both ways): it reads only what the
        # blocks and the story's query brought.
        with self.assertNumQueries(13):
            self.assertEqual(self.get(self.address).status_code, 200)
