"""Attachments imported as Wagtail images and documents: from a copy of uploads/, or downloaded
with --fetch-media from a real HTTP server on 127.0.0.1, and what is refused on the way."""

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.test import override_settings
from wagtail.images import get_image_model

from tests.wordpress.cases import ImportCase
from tests.wordpress.wxr_fixtures import attachment, item, jpeg_bytes

PHOTO = jpeg_bytes(colour=(200, 40, 40))


class OldSite(BaseHTTPRequestHandler):
    """The old WordPress site's media, and the ways a server can misbehave."""

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/wp-content/uploads/2020/01/photo.jpg":
            self.answer(200, "image/jpeg", PHOTO)
        elif path == "/moved/photo.jpg":
            self.send_response(301)
            self.send_header("Location", "/wp-content/uploads/2020/01/photo.jpg")
            self.end_headers()
        elif path == "/loop.jpg":
            self.send_response(302)
            self.send_header("Location", "/loop.jpg")
            self.end_headers()
        elif path == "/page.jpg":
            self.answer(200, "text/html", b"<html><script>alert(1)</script></html>")
        elif path == "/huge.jpg":
            self.answer(200, "image/jpeg", jpeg_bytes(width=600, height=600, colour=(1, 2, 3)) + b"\0" * 60_000)
        elif path == "/slow.jpg":
            time.sleep(3)
            self.answer(200, "image/jpeg", PHOTO)
        else:
            self.answer(404, "text/plain", b"not found")

    def answer(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError):  # the importer gave up waiting, as it should
            self.wfile.write(body)

    def log_message(self, *args):
        pass


class MediaCase(ImportCase):
    def page(self, slug):
        return self.story_and_main(slug)[1]


class MediaDirTests(MediaCase):
    def test_an_attachment_listed_after_its_post_becomes_an_image_with_its_alt_text_caption_and_title(self):
        uploads = Path(self.tmp.name) / "uploads"
        (uploads / "2018" / "07").mkdir(parents=True)
        (uploads / "2018" / "07" / "rally.jpg").write_bytes(PHOTO)
        post = item(
            40,
            "Rally",
            '<p>At the Capitol.</p><img src="https://caimmigrant.org/wp-content/uploads/2018/07/rally-1024x683.jpg">',
            slug="rally",
        )
        rally = attachment(
            41,
            "2018/07/rally.jpg",
            title="Capitol rally",
            alt="Hundreds at the Capitol steps",
            caption="June 2018",
            credit="Ana López",
        )
        output = self.import_posts(post, rally, media_dir=str(uploads))
        html = self.page("rally")
        self.assertRegex(html, r'<img alt="Hundreds at the Capitol steps" class="block-image__img"[^>]+src="/media/')
        self.assertIn("June 2018", html)
        self.assertIn("Ana López", html)  # the photographer's credit WordPress kept
        self.assertTrue(get_image_model().objects.filter(title="Capitol rally").exists())
        self.assertIn("Images imported", output)
        self.assertNotIn("kept as a link", output)

    def test_a_file_outside_the_media_dir_or_of_a_refused_type_is_never_read(self):
        uploads = Path(self.tmp.name) / "uploads"
        (uploads / "2018" / "07").mkdir(parents=True)
        (Path(self.tmp.name) / "secret.jpg").write_bytes(PHOTO)
        (uploads / "2018" / "07" / "run.exe").write_bytes(b"MZ")
        content = (
            '<p><img src="https://caimmigrant.org/wp-content/uploads/../secret.jpg" alt="escape"></p>'
            '<div class="wp-block-file"><a href="https://caimmigrant.org/wp-content/uploads/2018/07/run.exe">'
            "Run me</a></div>"
        )
        output = self.import_posts(item(42, "Traversal", content, slug="traversal"), media_dir=str(uploads))
        html = self.page("traversal")
        self.assertNotIn("<img", html)
        self.assertIn("Run me", html)
        self.assertFalse(get_image_model().objects.filter(title="secret").exists())
        self.assertIn("file 2018/07/run.exe: .exe files are not imported: kept as a link", output)


class FetchMediaTests(MediaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), OldSite)
        cls.server.daemon_threads = True
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.base = f"http://127.0.0.1:{cls.server.server_address[1]}"

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        super().tearDownClass()

    def post_with_image(self, post_id, address, slug):
        return item(post_id, f"Photo {post_id}", f'<p>Words.</p><p><img src="{address}" alt="A photo"></p>', slug=slug)

    @override_settings(WORDPRESS_FETCH_ALLOW_LOOPBACK=True)
    def test_fetch_media_downloads_the_attachment_following_a_redirect(self):
        site_attachment = attachment(61, "2020/01/photo.jpg", title="Downloaded", alt="Alt from WordPress")
        site_attachment = site_attachment.replace(
            "https://caimmigrant.org/wp-content/uploads/2020/01", f"{self.base}/moved"
        )
        post = self.post_with_image(60, f"{self.base}/wp-content/uploads/2020/01/photo-300x200.jpg", "fetched")
        output = self.import_posts(post, site_attachment, fetch_media=True)
        html = self.page("fetched")
        self.assertRegex(html, r'<img alt="A photo" class="block-image__img"[^>]+src="/media/images/')
        self.assertNotIn("127.0.0.1", html)
        self.assertTrue(get_image_model().objects.filter(title="Downloaded").exists())
        self.assertNotIn("kept as a link", output)

    @override_settings(WORDPRESS_FETCH_ALLOW_LOOPBACK=True, WAGTAILIMAGES_MAX_UPLOAD_SIZE=50_000)
    def test_what_a_server_does_wrong_leaves_a_link_and_a_warning(self):
        cases = {
            "/page.jpg": "unexpected content type text/html",
            "/loop.jpg": "more than 3 redirects",
            "/huge.jpg": "larger than",
            "/gone.jpg": "the server answered 404",
        }
        posts = [self.post_with_image(70 + n, self.base + path, f"bad-{n}") for n, path in enumerate(cases)]
        output = self.import_posts(*posts, fetch_media=True)
        for n, (path, reason) in enumerate(cases.items()):
            with self.subTest(path=path):
                html = self.page(f"bad-{n}")
                self.assertNotIn("<img", html)  # never hot-linked
                self.assertIn(f'<a href="{self.base}{path}">Image: A photo</a>', html)
                self.assertRegex(output, rf"image {path.strip('/')} could not be downloaded \({reason}[^)]*\)")
        self.assertEqual(get_image_model().objects.count(), 0)

    @override_settings(WORDPRESS_FETCH_ALLOW_LOOPBACK=True, WORDPRESS_FETCH_TIMEOUT=1)
    def test_a_server_that_does_not_answer_in_time_leaves_a_link(self):
        output = self.import_posts(self.post_with_image(80, f"{self.base}/slow.jpg", "slow"), fetch_media=True)
        self.assertIn("image slow.jpg could not be downloaded (no answer in time): kept as a link", output)
        self.assertIn(f'href="{self.base}/slow.jpg"', self.page("slow"))

    def test_loopback_link_local_and_private_addresses_are_refused_without_a_request(self):
        addresses = {
            f"{self.base}/wp-content/uploads/2020/01/photo.jpg": "127.0.0.1",
            "http://169.254.169.254/latest/meta-data/photo.jpg": "169.254.169.254",
            "http://[::1]/photo.jpg": "::1",
            "http://localhost/photo.jpg": "",
        }
        posts = [self.post_with_image(90 + n, address, f"local-{n}") for n, address in enumerate(addresses)]
        output = self.import_posts(*posts, fetch_media=True)
        for address in addresses.values():
            self.assertRegex(output, rf"could not be downloaded \([^)]* is a private or local address \({address}")
        self.assertEqual(get_image_model().objects.count(), 0)
