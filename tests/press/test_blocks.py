"""The story blocks: what editors see in the block picker, and what visitors see on a story."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import TestCase
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.models import Document
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils import WagtailTestUtils

from core.blocks import QuoteBlock, StatementBlock
from images.models import CreditedImage as Image
from press.models import StoryPage
from tests.factories import OrganizationFactory, SpokespersonFactory


class BlockPickerPreviewTests(WagtailTestUtils, TestCase):
    """Each block renders from its preview value in the editor's block picker."""

    @classmethod
    def setUpTestData(cls):
        # The first spokesperson is a real one, as on an upgraded demo: as the demo holds her,
        # with no press phone or email.
        org = OrganizationFactory(name="California Immigrant Policy Center", slug="cipc")
        SpokespersonFactory(
            name="Cynthia Buiza", title="Executive Director", organization=org, press_phone="", press_email=""
        )
        Image.objects.create(title="Rally", file=get_test_image_file())
        Document.objects.create(title="Court ruling", file=ContentFile(b"%PDF-1.4", name="ruling.pdf"))
        # The embed's HTML as the oEmbed provider returned it: no network in tests.
        url = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
        Embed.objects.create(
            url=url,
            hash=get_embed_hash(url, None, None),
            max_width=None,
            type="video",
            html='<iframe title="Press conference" src="about:blank"></iframe>',
        )

    def setUp(self):
        self.login()

    def preview(self, name):
        block = StoryPage.body.field.stream_block.child_blocks[name]
        return self.client.get("/admin/block-preview/", {"id": block.definition_prefix})

    def test_every_story_block_is_previewable_with_a_description(self):
        for name, block in StoryPage.body.field.stream_block.child_blocks.items():
            with self.subTest(block=name):
                self.assertTrue(block.is_previewable)
                self.assertTrue(block.get_description())
                self.assertEqual(self.preview(name).status_code, 200)

    def test_previews_never_put_sample_words_in_a_real_spokespersons_mouth(self):
        for name in ("quote", "statement", "spokesperson_bio", "media_contacts"):
            with self.subTest(block=name):
                self.assertNotContains(self.preview(name), "Cynthia Buiza")

    def test_previews_show_what_the_block_makes(self):
        expectations = {
            "paragraph": "Community groups across California",
            "statement": "Alex Sample, Communications Director of the Example Immigrant Rights Network "
            "(sample), issued the following statement:",
            "signatories_statement": "issued the following statement:",
            "quote": "— Alex Sample, Communications Director of the Example Immigrant Rights Network",
            "spokesperson_bio": "Communications Director, Example Immigrant Rights Network (sample)",
            "image": "Rally at the State Capitol.",
            "embed": 'title="Press conference"',
            "document": "Read the court&#x27;s ruling",
            "media_contacts": "(213) 555-0142",
            "gallery": "Second",
            "table": "<caption>Sample vote count</caption>",
            "separator": '<hr class="block-separator">',
            "buttons": '<a class="button" href="https://example.org/">Read the report</a>',
            "audio": "Recording of the press call",
        }
        for name, text in expectations.items():
            with self.subTest(block=name):
                self.assertContains(self.preview(name), text)


class StatementLeadInTests(TestCase):
    def test_lead_in_is_written_from_the_spokesperson_snippet(self):
        org = OrganizationFactory(name="Example Immigrant Rights Network", slug="example-immigrant-rights-network")
        person = SpokespersonFactory(name="Cameron Example", title="Organizing Director", organization=org)
        block = StatementBlock()
        value = block.to_python({"spokesperson": person.pk, "text": "<p>We will not be divided.</p>"})
        html = block.render(value)
        self.assertIn(
            "Cameron Example, Organizing Director of the Example Immigrant Rights Network, "
            "issued the following statement:",
            html,
        )
        self.assertIn("We will not be divided.", html)

        # A new title on the snippet changes every statement that names them.
        person.title = "Deputy Director"
        person.save()
        value = block.to_python({"spokesperson": person.pk, "text": "<p>Again.</p>"})
        self.assertIn("Cameron Example, Deputy Director of the Example", block.render(value))

    def test_organisations_named_without_the_read_naturally(self):
        org = OrganizationFactory(name="Sample Legal Aid", slug="sample-legal-aid", takes_the=False)
        person = SpokespersonFactory(name="José Tomás Ejemplo", title="Co-Director", organization=org)
        block = StatementBlock()
        html = block.render(block.to_python({"spokesperson": person.pk, "text": "<p>Yes.</p>"}))
        self.assertIn("José Tomás Ejemplo, Co-Director of Sample Legal Aid, issued the following statement:", html)


class QuoteAttributionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.person = SpokespersonFactory(name="Avery Example")

    def clean(self, **value):
        block = QuoteBlock()
        return block.clean(block.to_python({"text": "Words.", "spokesperson": None, "attribution": "", **value}))

    def test_a_spokesperson_alone_is_accepted(self):
        self.assertEqual(self.clean(spokesperson=self.person.pk)["spokesperson"], self.person)

    def test_a_free_text_attribution_alone_is_accepted(self):
        value = self.clean(attribution="Sample Policy Institute")
        self.assertEqual(value.attribution_line(), "Sample Policy Institute")

    def test_both_are_rejected_with_a_clear_message(self):
        with self.assertRaises(StructBlockValidationError) as caught:
            self.clean(spokesperson=self.person.pk, attribution="Someone else")
        self.assertEqual(
            caught.exception.non_block_errors.as_data()[0].messages,
            ["Choose a spokesperson or type an attribution, not both."],
        )

    def test_neither_is_rejected_with_a_clear_message(self):
        with self.assertRaises(ValidationError) as caught:
            self.clean()
        self.assertIn("Say who said this", str(caught.exception.non_block_errors))


class SpokespersonExtractionTests(TestCase):
    def test_story_is_listed_under_everyone_who_speaks_in_it_but_not_its_press_contacts(self):
        from tests.factories import block, make_story
        from tests.sites import build_press_sites

        sites = build_press_sites()
        speaker, quoted, contact = SpokespersonFactory.create_batch(3)
        story = make_story(
            sites.cipc_press,
            "Who speaks",
            body=[
                block("statement", {"spokesperson": speaker.pk, "text": "<p>Hi</p>"}),
                block("quote", {"text": "Q", "spokesperson": quoted.pk, "attribution": ""}),
                block("media_contacts", {"heading": "Media contacts", "contacts": [contact.pk]}),
            ],
        )
        self.assertEqual(set(story.spokespeople.all()), {speaker, quoted})
