"""Every response says what the browser may load and run (Content-Security-Policy) and which
device features it may use (Permissions-Policy); public pages need no inline code to work."""

import http.client
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase, TestCase, override_settings
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from core.blocks import VideoEmbedBlock
from tests.factories import SpokespersonFactory, block, make_story, statement
from tests.project.test_settings import PRODUCTION_ENV, django_run
from tests.servers import free_port, wait_until_listening
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites

ROOT = Path(__file__).resolve().parents[2]
# What YouTube's and Vimeo's oEmbed endpoints return (stored, as Wagtail caches it: no network).
EMBEDS = {
    "https://www.youtube.com/watch?v=aqz-KE-bpKQ": (
        '<iframe width="200" height="113" src="https://www.youtube.com/embed/aqz-KE-bpKQ?feature=oembed" '
        'frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; '
        'picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen '
        'title="Big Buck Bunny"></iframe>'
    ),
    "https://vimeo.com/76979871": (
        '<iframe src="https://player.vimeo.com/video/76979871?app_id=122963" width="640" height="360" '
        'frameborder="0" allow="autoplay; fullscreen; picture-in-picture; clipboard-write" '
        'title="The New Vimeo Player"></iframe>'
    ),
}
STORY_PATHS = {
    CIPC_HOST: "/press/cipc-praises-ninth-circuit-ruling/",
    COALITION_HOST: "/press/coalition-shows-the-hearing/",
}
PUBLIC_PATHS = ["/", "/press/", None, "/search/?q=ruling", "/press/contacts/", "/no-such-page/"]


def store_embeds():
    for url, html in EMBEDS.items():
        Embed.objects.create(url=url, hash=get_embed_hash(url, None, None), type="video", html=html)


def build_story_sites():
    """Both sites, each with a story; the coalition's shows a YouTube and a Vimeo video."""
    sites = build_press_sites()
    store_embeds()
    person = SpokespersonFactory(name="Casey Placeholder", organization=sites.sample_org)
    make_story(sites.cipc_press, "CIPC praises Ninth Circuit ruling", body=[statement(person)])
    make_story(
        sites.coalition_press,
        "Coalition shows the hearing",
        body=[block("embed", {"url": url, "title": "The hearing"}) for url in EMBEDS],
        signatories=sites.members,
    )
    return sites


def directives(header):
    """``"a x y; b z"`` as ``{"a": ["x", "y"], "b": ["z"]}``."""
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


class Elements(HTMLParser):
    """Every start tag of a page, with its attributes."""

    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


class PublicPolicyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_story_sites()

    def public_pages(self):
        for host in (CIPC_HOST, COALITION_HOST):
            for path in PUBLIC_PATHS:
                path = path or STORY_PATHS[host]
                response = self.client.get(path, HTTP_HOST=host)
                self.assertIn(response.status_code, (200, 404), path)
                yield f"{host}{path}", response

    def test_public_pages_enforce_a_policy_with_no_inline_script_and_nonce_styles(self):
        for label, response in self.public_pages():
            with self.subTest(page=label):
                self.assertNotIn("Content-Security-Policy-Report-Only", response)
                policy = directives(response["Content-Security-Policy"])
                # No nonce for scripts: a cached page would hand the same one to every visitor.
                self.assertEqual(policy["script-src"], ["'self'"])
                self.assertRegex(" ".join(policy["style-src"]), r"^'self' 'nonce-[A-Za-z0-9+/]{22}==' ?$")
                self.assertNotIn("'unsafe-inline'", response["Content-Security-Policy"])
                self.assertNotIn("'unsafe-eval'", response["Content-Security-Policy"])
                self.assertEqual(policy["default-src"], ["'self'"])
                self.assertEqual(policy["object-src"], ["'none'"])
                self.assertEqual(policy["base-uri"], ["'self'"])
                self.assertEqual(policy["frame-ancestors"], ["'self'"])  # Wagtail's preview only

    def test_every_style_element_carries_the_responses_nonce(self):
        for label, response in self.public_pages():
            with self.subTest(page=label):
                nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
                styles = [a for t, a in Elements(response.content.decode()).tags if t == "style"]
                self.assertGreaterEqual(len(styles), 1)  # the branding colours
                self.assertEqual([a.get("nonce") for a in styles], [nonce] * len(styles))

    def test_public_html_has_no_inline_style_attributes_or_event_handlers(self):
        for label, response in self.public_pages():
            with self.subTest(page=label):
                tags = Elements(response.content.decode()).tags
                inline = [
                    (tag, name) for tag, attrs in tags for name in attrs if name == "style" or name.startswith("on")
                ]
                self.assertEqual(inline, [])

    def test_no_public_script_needs_the_nonce_to_run(self):
        # Every script is a file from our origin or a JSON-LD data block, so the pages work the
        # same if a cache serves one response's nonce to everybody and the nonce is dropped.
        for label, response in self.public_pages():
            with self.subTest(page=label):
                scripts = [a for t, a in Elements(response.content.decode()).tags if t == "script"]
                inline_code = [a for a in scripts if "src" not in a and a.get("type") != "application/ld+json"]
                self.assertEqual(inline_code, [])
                self.assertTrue(all(urlsplit(a["src"]).netloc == "" for a in scripts if "src" in a))

    def test_each_response_has_its_own_nonce(self):
        nonces = {
            re.search(r"'nonce-([^']+)'", self.client.get("/press/", HTTP_HOST=CIPC_HOST)["Content-Security-Policy"])[1]
            for _ in range(3)
        }
        self.assertEqual(len(nonces), 3)

    def test_a_storys_youtube_and_vimeo_embeds_are_allowed_frames(self):
        response = self.client.get(STORY_PATHS[COALITION_HOST], HTTP_HOST=COALITION_HOST)
        frame_src = directives(response["Content-Security-Policy"])["frame-src"]
        frames = [a["src"] for t, a in Elements(response.content.decode()).tags if t == "iframe"]
        self.assertEqual(len(frames), 2)
        for src in frames:
            origin = "{0.scheme}://{0.netloc}".format(urlsplit(src))
            self.assertIn(origin, frame_src)
        self.assertIn("https://www.youtube.com", response["Permissions-Policy"])

    def test_the_500_page_styles_carry_the_nonce(self):
        with override_settings(ROOT_URLCONF="tests.visitors.urls_with_error"):
            self.client.raise_request_exception = False
            response = self.client.get("/broken/", HTTP_HOST=COALITION_HOST)
        self.assertEqual(response.status_code, 500)
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        styles = [a for t, a in Elements(response.content.decode()).tags if t == "style"]
        self.assertEqual([a.get("nonce") for a in styles], [nonce])


class EmbedProviderTests(TestCase):
    def test_editors_can_embed_only_providers_the_policy_allows(self):
        url_block = VideoEmbedBlock().child_blocks["url"]
        # No provider claims a post on X, so no request leaves the server and the editor is told.
        with self.assertRaisesMessage(ValidationError, "Cannot find an embed for this URL."):
            url_block.clean(url_block.to_python("https://twitter.com/CIPC/status/1"))
        store_embeds()
        self.assertIn("player.vimeo.com", url_block.clean(url_block.to_python("https://vimeo.com/76979871")).html)


class PermissionsPolicyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_story_sites()

    def test_every_response_switches_off_device_features(self):
        responses = {
            "story": self.client.get(STORY_PATHS[CIPC_HOST], HTTP_HOST=CIPC_HOST),
            "404": self.client.get("/no-such-page/", HTTP_HOST=CIPC_HOST),
            "feed": self.client.get("/press/feed/", HTTP_HOST=CIPC_HOST),
            "admin login": self.client.get("/admin/login/", HTTP_HOST=CIPC_HOST),
            "health check": self.client.get("/healthz/"),
        }
        for label, response in responses.items():
            with self.subTest(response=label):
                header = response["Permissions-Policy"]
                for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
                    self.assertIn(f"{feature}=()", header)
                self.assertIn("interest-cohort=()", header)
                self.assertIn(
                    'fullscreen=(self "https://www.youtube.com" "https://www.youtube-nocookie.com" '
                    '"https://player.vimeo.com")',
                    header,
                )


class AdminPolicyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_story_sites()

    def test_admin_pins_origins_and_reports_inline_code(self):
        response = self.client.get("/admin/login/", HTTP_HOST=CIPC_HOST)
        enforced = directives(response["Content-Security-Policy"])
        # Wagtail 7.4's admin needs inline scripts and styles; every origin is still pinned.
        self.assertEqual(enforced["script-src"], ["'self'", "'unsafe-inline'"])
        self.assertEqual(enforced["object-src"], ["'none'"])
        self.assertEqual(enforced["frame-ancestors"], ["'self'"])
        self.assertEqual(enforced["form-action"], ["'self'"])
        self.assertFalse(
            [
                v
                for values in enforced.values()
                for v in values
                if v.startswith("http") and "youtube" not in v and "vimeo" not in v
            ]
        )
        reported = directives(response["Content-Security-Policy-Report-Only"])
        self.assertNotIn("'unsafe-inline'", reported["script-src"] + reported["style-src"])

    def test_previews_of_a_story_are_framed_by_the_admin_only(self):
        self.client.force_login(self._superuser())
        story = self.sites.coalition_press.get_children().get().specific
        # Rendered by the page's serve_preview() under an admin URL, like the live preview panel.
        response = self.client.get(f"/admin/pages/{story.pk}/view_draft/", HTTP_HOST=CIPC_HOST)
        self.assertContains(response, "Coalition shows the hearing")
        policy = directives(response["Content-Security-Policy"])
        self.assertEqual(policy["frame-ancestors"], ["'self'"])
        self.assertIn("https://www.youtube.com", policy["frame-src"])
        self.assertEqual(response["X-Frame-Options"], "SAMEORIGIN")

    def _superuser(self):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.create_superuser("admin", "admin@example.org", "a long test password")


class MediaOriginTests(SimpleTestCase):
    """Uploaded images may come from the media store named in the environment, and nowhere else."""

    def img_src(self, **env):
        result = django_run(
            "from django.conf import settings\n"
            "print(' '.join(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))",
            **PRODUCTION_ENV,
            **env,
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout.split()

    def test_media_origins_follow_the_storage_settings(self):
        self.assertEqual(self.img_src(), ["'self'"])
        self.assertEqual(
            self.img_src(MEDIA_URL="https://media.example.org/uploads/"), ["'self'", "https://media.example.org"]
        )
        self.assertEqual(
            self.img_src(AWS_STORAGE_BUCKET_NAME="press-media", AWS_S3_CUSTOM_DOMAIN="cdn.example.org"),
            ["'self'", "https://cdn.example.org"],
        )
        self.assertEqual(
            self.img_src(AWS_STORAGE_BUCKET_NAME="press-media", AWS_S3_REGION_NAME="us-west-2"),
            ["'self'", "https://press-media.s3.amazonaws.com", "https://press-media.s3.us-west-2.amazonaws.com"],
        )


class GunicornTests(SimpleTestCase):
    """The container's server, started as the Dockerfile starts it, on a free loopback port."""

    def test_responses_do_not_name_the_server_software(self):
        port = free_port()
        env = {
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pressroom"),
            "WEB_CONCURRENCY": "1",
        }
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi:application", "--config", "gunicorn.conf.py"]
            + ["--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            headers = self.get_headers(port, "/healthz/")
        finally:
            server.terminate()
            _out, errors = server.communicate(timeout=20)
        self.assertEqual(headers.get("status"), 200, errors.decode())
        self.assertNotIn("gunicorn", headers.get("server", "").lower())
        self.assertNotRegex(headers.get("server", ""), r"\d")  # no version either
        self.assertIn("camera=()", headers["permissions-policy"])
        self.assertIn("default-src 'self'", headers["content-security-policy"])

    def get_headers(self, port, path):
        wait_until_listening(port)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("GET", path, headers={"Host": "localhost"})
            response = connection.getresponse()
            return {"status": response.status, **{k.lower(): v for k, v in response.getheaders()}}
        finally:
            connection.close()
