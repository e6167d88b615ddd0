"""WordPress shortcodes imported: each becomes what it showed on the old site, or is removed
and named in the report. Nothing of a shortcode is left in a story's text or summary."""

from pathlib import Path

from tests.wordpress.cases import ImportCase
from tests.wordpress.wxr_fixtures import attachment, item, jpeg_bytes

ATTACHMENTS = (
    attachment(
        11, "2019/05/first.jpg", title="First", alt="Volunteers at the hotline", caption="The hotline", parent=50
    ),
    attachment(12, "2019/05/second.jpg", title="Second", alt="A vigil at night", parent=50),
    attachment(13, "2019/05/third.jpg", title="Third", alt="Not in this post's gallery", parent=99),
    attachment(14, "2019/05/briefing.mp3", title="Press briefing"),
    attachment(15, "2019/05/clip.mp4", title="Clip"),
)


class ShortcodeTests(ImportCase):
    def setUp(self):
        super().setUp()
        uploads = Path(self.tmp.name) / "uploads" / "2019" / "05"
        uploads.mkdir(parents=True)
        for n, name in enumerate(("first", "second", "third")):
            (uploads / f"{name}.jpg").write_bytes(jpeg_bytes(colour=(n * 60, 80, 120)))
        (uploads / "briefing.mp3").write_bytes(b"ID3 a recording")
        (uploads / "clip.mp4").write_bytes(b"....ftypmp42 a clip")
        self.uploads = str(Path(self.tmp.name) / "uploads")

    def import_posts(self, *items, **options):
        # The attachments come last, as WordPress writes them: the importer reads them first.
        return super().import_posts(*items, *ATTACHMENTS, media_dir=self.uploads, **options)

    def page(self, slug):
        return self.story_and_main(slug)

    def test_gallery_audio_video_caption_and_embed_become_blocks(self):
        content = (
            "Our volunteers answered calls all week.\n\n"
            "[gallery]\n\n"
            '[gallery ids="12,13" columns="2"]\n\n'
            '[caption id="attachment_11" width="300"]<img src="https://caimmigrant.org/wp-content/uploads/'
            '2019/05/first-300x200.jpg" alt="" /> Volunteers at work[/caption]\n\n'
            '[audio mp3="https://caimmigrant.org/wp-content/uploads/2019/05/briefing.mp3"][/audio]\n\n'
            '[video width="640" mp4="https://caimmigrant.org/wp-content/uploads/2019/05/clip.mp4"][/video]\n\n'
            "[embed]https://vimeo.com/76979871[/embed]"
        )
        output = self.import_posts(item(50, "Hotline week", content, slug="hotline"))
        story, html = self.page("hotline")
        self.assertEqual(
            [block.block_type for block in story.body],
            ["paragraph", "gallery", "gallery", "image", "audio", "video", "embed"],
        )
        bare, named = story.body[1].value, story.body[2].value
        # A bare [gallery] shows the post's own attachments; [gallery ids] the ones it names.
        self.assertEqual([i["image"].title for i in bare["images"]], ["First", "Second"])
        self.assertEqual([i["image"].title for i in named["images"]], ["Second", "Third"])
        self.assertIn('alt="Volunteers at the hotline"', html)  # the attachment's alt text
        self.assertIn("The hotline", html)  # its caption
        self.assertIn("Volunteers at work", html)  # [caption]'s words
        self.assertRegex(html, r'<audio controls preload="none" src="/documents/\d+/briefing[\w]*\.mp3">')
        self.assertIn("Press briefing", html)
        self.assertRegex(html, r'<video controls preload="metadata" src="/documents/\d+/clip[\w]*\.mp4">')
        self.assertIn('href="https://vimeo.com/76979871"', html)
        for leftover in ("[gallery", "[audio", "[video", "[caption", "[embed", "[/"):
            self.assertNotIn(leftover, html)
        self.assertEqual(story.summary, "Our volunteers answered calls all week.")
        self.assertNotIn("removed", output)

    def test_any_other_shortcode_is_removed_and_named_with_its_count_and_words_in_brackets_stay(self):
        content = (
            '[contact-form-7 id="12" title="Contact"]\n\nThe governor [sic] signed it.\n\n'
            '[button url="https://example.org"]Donate[/button]\n\n[fusion_builder_row /]\n\n'
            '[contact-form-7 id="13"]\n\n[playlist ids="1,2"]'
        )
        output = self.import_posts(item(51, "Signed", content, slug="signed"))
        story, html = self.page("signed")
        self.assertIn("The governor [sic] signed it.", html)
        self.assertIn("Donate", html)  # an enclosing shortcode's words are kept, its tags are not
        for gone in ("contact-form-7", "[button", "fusion_builder", "playlist"):
            self.assertNotIn(gone, html)
            self.assertNotIn(gone, story.summary)
        self.assertIn("shortcode [contact-form-7] removed (2 times): post 51 “Signed”", output)
        self.assertIn("shortcode [button] removed: post 51", output)
        self.assertIn("shortcode [fusion_builder_row] removed: post 51", output)
        self.assertIn("shortcode [playlist] removed: post 51", output)

    def test_a_gallery_of_images_not_in_the_export_is_removed_and_says_so(self):
        output = self.import_posts(item(52, "Lost photos", 'Words first.\n\n[gallery ids="404,405"]', slug="lost"))
        _story, html = self.page("lost")
        self.assertNotIn("[gallery", html)
        self.assertIn("a [gallery] with no images in the export: removed: post 52", output)
