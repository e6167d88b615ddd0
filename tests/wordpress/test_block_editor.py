"""Block-editor (Gutenberg) posts imported, as a visitor then reads them: WordPress's theme test
data (a real export, unchanged) with a copy of its uploads, small posts of each block, and a
probe post full of hostile addresses."""

import re
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.test import TestCase

from press.models import StoryPage
from tests.sites import CIPC_HOST, build_press_sites
from tests.wordpress.cases import ImportCase, run_import
from tests.wordpress.wxr_fixtures import attachment, item, jpeg_bytes, uploads_for, wxr
from wordpress.models import WordPressOrigin

THEME_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "wordpress" / "themeunittestdata.wordpress.xml"
EDITOR_MARKUP = re.compile(r"wp-block|<!-- /?wp:|\[/?(gallery|audio|video|caption|embed|playlist)\b")


def story_html(client, post_id):
    story = WordPressOrigin.objects.get(post_id=post_id).page.specific
    response = client.get(story.url, HTTP_HOST=CIPC_HOST)
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    return html.split("<main", 1)[1].split("</main>", 1)[0]  # the story, not the site's chrome


class ThemeTestDataTests(TestCase):
    """The theme test data imported once, with its uploads: what each block-editor post shows."""

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.uploads = tempfile.TemporaryDirectory()
        cls.output = run_import(THEME_DATA, media_dir=uploads_for(THEME_DATA, cls.uploads.name))

    @classmethod
    def tearDownClass(cls):
        cls.uploads.cleanup()
        super().tearDownClass()

    def test_no_editor_markup_and_no_image_from_the_old_site_on_any_imported_story(self):
        for origin in WordPressOrigin.objects.select_related("page"):
            html = story_html(self.client, origin.post_id)
            with self.subTest(post=origin.post_id):
                self.assertIsNone(EDITOR_MARKUP.search(html), f"editor markup on {origin.page.url}")
                self.assertNotRegex(html, r'<img[^>]+src="https?://wpthemetestdata')
                self.assertNotRegex(html, r'src="(?!/|https://www\.youtube)')  # only our files, or a video frame

    def test_the_block_editor_gallery_shows_its_images_from_our_media(self):
        html = story_html(self.client, 1752)  # "Block: Gallery"
        gallery = html.split('class="block-gallery"', 1)[1].split("</figure>\n</figure>", 1)[0]
        self.assertGreaterEqual(gallery.count("<img"), 6)
        self.assertIn('src="/media/images/', gallery)
        self.assertIn("Sunburst over the Clinch River, Southwest Virginia.", html)  # a caption, shown

    def test_the_attachment_pages_of_imported_images_lead_to_the_story_that_shows_them(self):
        def story_url(post_id):
            return (
                f"http://{CIPC_HOST}{WordPressOrigin.objects.get(post_id=post_id).page.url_path.removeprefix('/cipc')}"
            )

        gallery = "/2010/09/10/post-format-gallery/canola2/"  # uploaded to "Post Format: Gallery"
        alignment = "/2013/01/10/markup-image-alignment/image-alignment-150x150/"  # not a size of another
        for old, post_id in [
            (gallery, 555),
            (gallery.rstrip("/"), 555),
            ("/?attachment_id=611", 555),
            (alignment, 1177),
            ("/?attachment_id=968", 1177),
            ("/?attachment_id=1686", 568),  # its only address was the short link
        ]:
            response = self.client.get(old, HTTP_HOST=CIPC_HOST)
            self.assertEqual((response.status_code, response.get("Location")), (301, story_url(post_id)), old)
        again = run_import(THEME_DATA, media_dir=self.uploads.name)  # a second run: nothing new, nothing to say
        self.assertRegex(again, r"Redirects created\s+0\n")
        self.assertNotIn("already redirects", again)

    def test_the_gallery_shortcode_shows_the_posts_attachments(self):
        html = story_html(self.client, 555)  # "Post Format: Gallery": ten bare [gallery] shortcodes
        self.assertIn('class="block-gallery"', html)
        self.assertIn('alt="canola"', html)  # the attachment's alt text
        self.assertNotIn("[gallery", html)

    def test_audio_is_played_from_our_documents(self):
        html = story_html(self.client, 587)  # "Post Format: Audio": [audio URL]
        self.assertRegex(html, r'<audio controls preload="none" src="/documents/\d+/')
        self.assertNotIn("[audio", html)

    def test_layout_blocks_become_buttons_separators_and_text_in_order(self):
        html = story_html(self.client, 1734)  # "Block category: Layout Elements"
        self.assertIn('<hr class="block-separator">', html)
        self.assertIn("This group block has a light green background color.", html)
        self.assertLess(html.index("light green background"), html.index("block-separator"))

    def test_formatting_blocks_keep_their_table_and_sanitise_custom_html(self):
        html = story_html(self.client, 1732)  # "Block category: Formatting"
        self.assertIn('<div class="block-table"><table>', html.replace("\n", ""))
        self.assertIn("custom HTML sanitised into rich text: post 1732", self.output)

    def test_embeds_from_this_sites_providers_are_embedded_and_the_rest_are_links_with_a_warning(self):
        html = story_html(self.client, 1738)  # "Block category: Embeds"
        self.assertIn('<figure class="block-embed">', html)
        self.assertIn('href="https://youtu.be/ex8fMxXJDJw"', html)
        self.assertIn('<a href="https://twitter.com/WordPress/status/1057136472321613824">', html)
        self.assertIn("embed from twitter.com (not a provider this site embeds): kept as a link", self.output)

    def test_the_report_says_what_happened(self):
        self.assertNotIn("[gallery] removed", self.output)
        self.assertIn("block-editor block [wp:latest-posts] has no content in the export: removed", self.output)
        self.assertRegex(self.output, r"Images imported +\d\d")
        self.assertRegex(self.output, r"Files imported \(audio, video, documents\) +[1-9]")


class SmallBlockTests(ImportCase):
    def test_each_editor_block_becomes_its_story_block(self):
        uploads = Path(self.tmp.name) / "uploads" / "2019" / "05"
        uploads.mkdir(parents=True)
        (uploads / "march.jpg").write_bytes(jpeg_bytes())
        (uploads / "report.pdf").write_bytes(b"%PDF-1.4 a report")
        content = (
            '<!-- wp:heading --><h2 class="wp-block-heading">What we saw</h2><!-- /wp:heading -->'
            "<!-- wp:paragraph --><p>Families <strong>gathered</strong> at noon.</p><!-- /wp:paragraph -->"
            '<!-- wp:list --><ul class="wp-block-list"><li>Water</li><li>Shade</li></ul><!-- /wp:list -->'
            '<!-- wp:image {"id":9} --><figure class="wp-block-image"><img src="https://caimmigrant.org/'
            'wp-content/uploads/2019/05/march-1024x768.jpg" alt="Marchers on K Street"/><figcaption>The march'
            "</figcaption></figure><!-- /wp:image -->"
            '<!-- wp:pullquote --><figure class="wp-block-pullquote"><blockquote><p>We are here to stay.</p>'
            "<cite>Example Youth Network</cite></blockquote></figure><!-- /wp:pullquote -->"
            '<!-- wp:table --><figure class="wp-block-table"><table><thead><tr><th>County</th><th>Rallies</th>'
            "</tr></thead><tbody><tr><td>Fresno</td><td>3</td></tr></tbody></table><figcaption>By county"
            "</figcaption></figure><!-- /wp:table -->"
            '<!-- wp:separator --><hr class="wp-block-separator"/><!-- /wp:separator -->'
            '<!-- wp:file --><div class="wp-block-file"><a href="https://caimmigrant.org/wp-content/uploads/'
            '2019/05/report.pdf">The full report</a></div><!-- /wp:file -->'
            '<!-- wp:buttons --><div class="wp-block-buttons"><div class="wp-block-button"><a class="wp-block-'
            'button__link" href="https://example.org/sign">Sign the pledge</a></div></div><!-- /wp:buttons -->'
            '<!-- wp:columns --><div class="wp-block-columns"><div class="wp-block-column"><p>Left first.</p>'
            '</div><div class="wp-block-column"><p>Right second.</p></div></div><!-- /wp:columns -->'
            "<!-- wp:latest-posts /-->"
        )
        output = self.import_posts(
            attachment(9, "2019/05/march.jpg", title="March", alt="Marchers on K Street"),
            item(60, "Rally in Sacramento", content, slug="rally"),
            media_dir=str(Path(self.tmp.name) / "uploads"),
        )
        story = StoryPage.objects.get(slug="rally")
        self.assertEqual(
            [block.block_type for block in story.body],
            ["paragraph", "image", "quote", "table", "separator", "document", "buttons", "paragraph"],
        )
        html = story_html(self.client, 60)
        self.assertIn("<h2>What we saw</h2>", html)
        self.assertIn("<b>gathered</b>", html)
        self.assertIn("<li>Water</li>", html)
        self.assertIn('alt="Marchers on K Street"', html)
        self.assertIn("The march", html)
        self.assertIn("We are here to stay.", html)
        self.assertIn("— Example Youth Network", html)
        self.assertIn('<th scope="col"', html)
        self.assertIn("<caption>By county</caption>", html)
        document = r'<a href="/documents/\d+/report(_\w+)?\.pdf">The full report</a>\s+'
        self.assertRegex(html, document + r'<span class="block-document__meta">\(PDF, 17')
        self.assertIn('<a class="button" href="https://example.org/sign">Sign the pledge</a>', html)
        self.assertLess(html.index("Left first."), html.index("Right second."))
        self.assertIsNone(EDITOR_MARKUP.search(html))
        self.assertIn("block-editor block [wp:latest-posts] has no content in the export: removed", output)
        # An editor can open the story and publish it again as it is: every block is valid.
        story.body.stream_block.clean(story.body)
        admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "a long test password")
        self.client.force_login(admin)
        edit = self.client.get(f"/admin/pages/{story.pk}/edit/", HTTP_HOST=CIPC_HOST)
        self.assertContains(edit, "Sign the pledge")
        self.assertContains(edit, "By county")


class HostileAddressTests(TestCase):
    """A probe post: every way an export can carry a script address. None reaches the page."""

    PROBE = (
        '<p><a href="javascript:alert(1)">a link</a> and <a href="JaVa&#x09;Script:alert(2)">another</a></p>'
        '<iframe src="javascript:alert(3)"></iframe>'
        '<p><img src="data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==" alt="probe image"></p>'
        '<div class="wp-block-buttons"><div class="wp-block-button"><a class="wp-block-button__link" '
        'href="javascript:alert(5)">Click</a></div></div>'
        '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">data:text/html,<b>6</b></div></figure>'
        "[embed]javascript:alert(7)[/embed]"
        '<div class="wp-block-file"><a href="vbscript:msgbox(8)">A file</a></div>'
        '<!-- wp:html --><p onclick="alert(9)">Custom <a href=" javascript:alert(10)">words</a></p><!-- /wp:html -->'
        '<p><a href="https://example.org/safe">a safe link</a> <a href="mailto:press@example.org">mail</a></p>'
    )

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()

    def test_no_script_or_data_address_reaches_the_page_and_the_report_says_so(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "probe.xml"
            path.write_bytes(wxr(item(70, "Probe", self.PROBE, slug="probe")))
            output = run_import(path)
        html = story_html(self.client, 70).lower()
        for scheme in ("javascript:", "data:", "vbscript:", "onclick"):
            self.assertNotIn(scheme, html)
        self.assertNotIn("alert(", html)  # not as an address, not as text
        self.assertIn('<a href="https://example.org/safe">a safe link</a>', html)
        self.assertIn('<a href="mailto:press@example.org">mail</a>', html)
        self.assertIn("a link", html)  # the words stay, without the address
        self.assertIn("unsafe address removed (javascript:) (6 times): post 70", output)
        self.assertIn("unsafe address removed (data:) (3 times): post 70", output)
        self.assertIn("unsafe address removed (vbscript:) (2 times): post 70", output)
        story = StoryPage.objects.get(slug="probe")
        self.assertNotIn("javascript", str(story.body.raw_data).lower())


class PlayerFrameTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()

    def test_a_pasted_youtube_frame_and_a_video_shortcode_of_a_youtube_address_become_embeds(self):
        content = (
            '<p>Watch the hearing.</p><iframe width="560" src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"'
            ' title="The hearing"></iframe>\n\n[video src="https://youtu.be/ex8fMxXJDJw"][/video]'
        )
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "export.xml"
            path.write_bytes(wxr(item(75, "Hearing", content, slug="hearing")))
            output = run_import(path)
        story = StoryPage.objects.get(slug="hearing")
        embeds = [block.value for block in story.body if block.block_type == "embed"]
        self.assertEqual(
            [embed["url"].url for embed in embeds],
            ["https://www.youtube.com/watch?v=aqz-KE-bpKQ", "https://youtu.be/ex8fMxXJDJw"],
        )
        self.assertEqual(embeds[0]["title"], "The hearing")
        self.assertIn('<figure class="block-embed">', story_html(self.client, 75))
        self.assertNotIn("kept as a link", output)


class DeepMarkupTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()

    def test_hundreds_of_nested_tags_keep_their_words_and_the_other_posts_import_too(self):
        deep = "<p>" + "<span><em>" * 500 + "The words survive." + "</em></span>" * 500 + "</p>"
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "export.xml"
            path.write_bytes(wxr(item(76, "Deep", deep, slug="deep"), item(77, "Plain", "<p>Fine.</p>", slug="plain")))
            output = run_import(path)
        self.assertIn("The words survive.", story_html(self.client, 76))
        self.assertIn("Fine.", story_html(self.client, 77))
        self.assertIn("markup nested more than 100 deep: reduced to its text: post 76", output)
        self.assertNotIn("Traceback", output)
