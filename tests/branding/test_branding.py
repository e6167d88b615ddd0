"""Each site looks like its own organisation: logo (SVG too), icon, banner, typeface and colours
from its branding, checked for contrast; a favicon on every site; SVG uploads that stay drawings."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.test.utils import WagtailTestUtils

from core.models import SiteBranding
from tests.branding.forms import branding_form_data
from tests.sites import CIPC_HOST, COALITION_HOST, brand_like_the_demo, build_press_sites

CLEAN_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#123"/></svg>'
)
SCRIPTED_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>'
)


def style_of(response):
    """The page's branding <style> element's text."""
    return re.search(r"<style nonce=[^>]*>(.*?)</style>", response.content.decode(), re.S).group(1)


class BrandedPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        brand_like_the_demo(cls.sites)

    def get(self, host, path):
        response = self.client.get(path, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200)
        return response

    def test_each_site_shows_its_own_svg_logo_colours_and_typeface(self):
        cipc, coalition = self.get(CIPC_HOST, "/"), self.get(COALITION_HOST, "/")
        self.assertRegex(
            cipc.content.decode(),
            r'<img src="/media/images/cipc[^"]*\.svg" width="119" height="64" class="site-header__logo" alt="">',
        )
        self.assertRegex(coalition.content.decode(), r'<img src="/media/images/ice-out[^"]*\.svg" width="\d+"')
        self.assertIn("--brand: #1d4f91", style_of(cipc))
        self.assertIn('--font: "Source Sans 3"', style_of(cipc))
        self.assertIn("--brand: #3b1f5c", style_of(coalition))
        self.assertIn("--tint: #f5f0fa", style_of(coalition))
        self.assertIn('--font: "Work Sans"', style_of(coalition))
        # The chosen face is preloaded from this site, and its @font-face rules are linked.
        self.assertContains(
            coalition,
            '<link rel="preload" href="/static/fonts/work-sans-latin-400-normal.woff2" as="font" '
            'type="font/woff2" crossorigin>',
            html=False,
        )
        self.assertContains(coalition, 'href="/static/css/brand.css"')

    def test_the_banner_heads_the_home_page_and_the_press_room_in_several_sizes_with_alt_text(self):
        for path in ("/", "/press/"):
            with self.subTest(path):
                html = self.get(COALITION_HOST, path).content.decode()
                banner = re.search(r'<div class="banner[^"]*"><img [^>]*></div>', html).group(0)
                self.assertIn('alt="coalition banner picture"', banner)
                self.assertIn('sizes="100vw"', banner)
                self.assertEqual(len(re.findall(r"\.webp \d+w", banner)), 3)

    def test_a_site_without_a_banner_or_typeface_shows_neither(self):
        SiteBranding.objects.filter(site=self.sites.cipc_site).update(banner_image=None, typeface="system")
        response = self.get(CIPC_HOST, "/")
        self.assertNotContains(response, 'class="banner"')
        self.assertNotContains(response, 'rel="preload"')
        self.assertIn("--font: system-ui", style_of(response))

    def test_text_on_the_accent_colour_is_black_when_the_accent_is_light(self):
        SiteBranding.objects.filter(site=self.sites.cipc_site).update(accent_colour="#f2b705")
        self.assertIn("--on-accent: #1a1a1a", style_of(self.get(CIPC_HOST, "/")))

    def test_the_branding_adds_no_query_to_a_page(self):
        """Logo, icon and banner come with the setting's one query; their renditions from the cache."""
        counts = {}
        for branded in (True, False):
            if not branded:
                SiteBranding.objects.update(logo=None, icon=None, banner_image=None, typeface="system")
            for path in ("/", "/press/"):
                self.client.get(path, HTTP_HOST=COALITION_HOST)  # makes the renditions
                with CaptureQueriesContext(connection) as queries:
                    self.get(COALITION_HOST, path)
                counts[(path, branded)] = len(queries)
        self.assertEqual(counts[("/", True)], counts[("/", False)])
        self.assertEqual(counts[("/press/", True)], counts[("/press/", False)])


@override_settings(ROOT_URLCONF="tests.branding.urls_with_media")
class FaviconTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()

    def test_favicon_ico_answers_on_both_sites_with_the_default_icon(self):
        for host in (CIPC_HOST, COALITION_HOST):
            with self.subTest(host):
                response = self.client.get("/favicon.ico", HTTP_HOST=host)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Content-Type"], "image/x-icon")
                self.assertEqual(response.content[:4], b"\x00\x00\x01\x00")  # an ICO file
                self.assertIn("public", response["Cache-Control"])
                self.assertContains(
                    self.client.get("/", HTTP_HOST=host), '<link rel="icon" href="/static/img/favicon.svg"'
                )

    def test_a_branded_site_answers_with_its_own_icon(self):
        brand_like_the_demo(self.sites)
        for host, name in ((CIPC_HOST, "cipc-icon"), (COALITION_HOST, "ice-out-of-california-icon")):
            with self.subTest(host):
                response = self.client.get("/favicon.ico", HTTP_HOST=host)
                self.assertEqual(response.status_code, 302)
                self.assertIn("public", response["Cache-Control"])
                self.assertRegex(response["Location"], rf"^/media/images/{name}[^/]*\.svg$")
                icon = self.client.get(response["Location"], HTTP_HOST=host)
                self.assertEqual(icon.status_code, 200)
                self.assertEqual(icon["Content-Type"], "image/svg+xml")
                page = self.client.get("/", HTTP_HOST=host)
                self.assertContains(page, f'<link rel="icon" href="{response["Location"]}" type="image/svg+xml">')

    def test_without_an_icon_the_logo_is_the_favicon(self):
        brand_like_the_demo(self.sites)
        SiteBranding.objects.filter(site=self.sites.cipc_site).update(icon=None)
        response = self.client.get("/favicon.ico", HTTP_HOST=CIPC_HOST)
        self.assertRegex(response["Location"], r"^/media/images/cipc[^/]*max-64x64\.svg$")


class BrandingAdminTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()

    def setUp(self):
        self.login()
        self.url = reverse("wagtailsettings:edit", args=["core", "sitebranding", self.sites.cipc_site.pk])

    def data(self, **overrides):
        return branding_form_data(**overrides)

    def branding(self):
        return SiteBranding.objects.get(site=self.sites.cipc_site)

    def test_readable_colours_and_a_typeface_are_saved(self):
        response = self.client.post(self.url, self.data(primary_colour="#3b1f5c", tint_colour="#f5f0fa"))
        self.assertEqual(response.status_code, 302)
        branding = self.branding()
        self.assertEqual((branding.primary_colour, branding.typeface), ("#3b1f5c", "merriweather"))
        self.assertIn("--font: Merriweather", style_of(self.client.get("/", HTTP_HOST=CIPC_HOST)))

    def test_a_primary_colour_too_light_for_white_text_is_refused_and_the_form_keeps_the_input(self):
        response = self.client.post(self.url, self.data(primary_colour="#ffd700", tagline="Kept as typed"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Too light: white header text on it")
        self.assertContains(response, "1.4:1")
        self.assertContains(response, 'value="#ffd700"')
        self.assertContains(response, 'value="Kept as typed"')
        self.assertEqual(self.branding().primary_colour, "#1d4f91")

    def test_a_tint_too_dark_for_grey_text_is_refused(self):
        response = self.client.post(self.url, self.data(tint_colour="#777777"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Too dark: grey text on it")
        self.assertContains(response, 'value="#777777"')
        self.assertEqual(self.branding().tint_colour, "#f4f5f7")

    def test_the_install_defaults_refuse_a_primary_colour_too_light_as_well(self):
        from core.models import InstallDefaults

        url = reverse("wagtailsettings:edit", args=["core", "installdefaults", InstallDefaults.load().pk])
        data = {"name": "Press room", "primary_colour": "#7fb2ff", "accent_colour": "#a4262c"}
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Too light: white header text on it")
        self.assertContains(response, 'value="#7fb2ff"')
        self.assertEqual(InstallDefaults.load().primary_colour, "#1d4f91")

    def test_an_svg_logo_is_accepted_and_shown_in_the_header(self):
        collection = Collection.get_first_root_node()
        response = self.client.post(
            reverse("wagtailimages:add"),
            {
                "title": "Clean logo",
                "collection": collection.pk,
                "file": SimpleUploadedFile("logo.svg", CLEAN_SVG, content_type="image/svg+xml"),
            },
        )
        self.assertEqual(response.status_code, 302)
        logo = get_image_model().objects.get(title="Clean logo")
        response = self.client.post(self.url, self.data(logo=logo.pk))
        self.assertEqual(response.status_code, 302)
        self.client.logout()
        self.assertRegex(
            self.client.get("/", HTTP_HOST=CIPC_HOST).content.decode(),
            r'<img src="/media/images/logo[^"]*\.svg" width="10" height="10" class="site-header__logo" alt="">',
        )


@override_settings(ROOT_URLCONF="tests.branding.urls_with_media")
class SvgUploadTests(WagtailTestUtils, TestCase):
    def setUp(self):
        self.login()

    def upload(self, name, data):
        return self.client.post(
            reverse("wagtailimages:add"),
            {
                "title": name,
                "collection": Collection.get_first_root_node().pk,
                "file": SimpleUploadedFile(name, data, content_type="image/svg+xml"),
            },
        )

    def test_an_svg_that_carries_code_or_links_is_refused_with_the_reason(self):
        cases = {
            "script.svg": (SCRIPTED_SVG, "it contains a &lt;script&gt; element"),
            "handler.svg": (CLEAN_SVG.replace(b"<rect", b'<rect onclick="alert(1)"'), "event handler (onclick)"),
            "remote.svg": (
                CLEAN_SVG.replace(b"<rect", b'<image href="https://tracker.example/x.png"/><rect'),
                "links to another file or address",
            ),
            # Wagtail's own image check refuses this one first; either way it is refused.
            "entity.svg": (b'<!DOCTYPE svg [<!ENTITY x "y">]>' + CLEAN_SVG, "Upload a valid image"),
            "html.svg": (
                CLEAN_SVG.replace(b"<rect", b"<foreignObject><p>hi</p></foreignObject><rect"),
                "&lt;foreignobject&gt; element",
            ),
        }
        for name, (data, reason) in cases.items():
            with self.subTest(name):
                response = self.upload(name, data)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, 'class="error-message"')
                self.assertContains(response, reason)
        self.assertFalse(get_image_model().objects.exists())

    def test_the_multiple_uploader_refuses_it_too(self):
        """The admin's "Add images" page uploads each file through the same form."""
        response = self.client.post(
            reverse("wagtailimages:add_multiple"),
            {
                "collection": Collection.get_first_root_node().pk,
                "files[]": SimpleUploadedFile("script.svg", SCRIPTED_SVG, content_type="image/svg+xml"),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(response.json()["success"])
        self.assertIn("it contains a <script> element", response.json()["error_message"])
        self.assertFalse(get_image_model().objects.exists())

    def test_an_svg_opened_at_its_own_address_runs_nothing(self):
        """Even a file stored before uploads were checked: the media view's policy forbids scripts."""
        image = get_image_model()(title="old")
        image.file = SimpleUploadedFile("old.svg", SCRIPTED_SVG)
        image.save()
        response = self.client.get(image.file.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/svg+xml")
        self.assertIn("sandbox", response["Content-Security-Policy"])
        self.assertIn("default-src 'none'", response["Content-Security-Policy"])
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")


class DemoLookTests(TestCase):
    """The demo's two sites look different, and its organisations have SVG wordmarks."""

    @classmethod
    def setUpTestData(cls):
        from demo.loader import DemoLoader

        DemoLoader(port=80).load()

    def test_the_coalition_room_looks_like_the_coalitions_not_cipcs(self):
        cipc = SiteBranding.objects.get(site__hostname=CIPC_HOST)
        coalition = SiteBranding.objects.get(site__hostname=COALITION_HOST)
        for field in ("typeface", "primary_colour", "accent_colour", "tint_colour", "logo_id", "banner_image_id"):
            with self.subTest(field):
                self.assertNotEqual(getattr(cipc, field), getattr(coalition, field))
        self.assertTrue(coalition.logo.is_svg() and coalition.icon.is_svg())

    def test_every_organisation_has_a_wordmark_drawn_in_outlines(self):
        from core.models import Organization
        from uploads.svg import problems

        for org in Organization.objects.select_related("logo"):
            with self.subTest(org.slug):
                self.assertTrue(org.logo.is_svg())
                with org.logo.file.open("rb") as svg:
                    data = svg.read()
                self.assertEqual(problems(data), [])
                # Outlines, not <text>: the wordmark needs no font on the reader's machine.
                self.assertNotIn(b"<text", data)
                self.assertIn(org.name.encode(), data)  # as its accessible title

    def test_an_older_demos_placeholder_logos_are_replaced_and_a_second_run_changes_nothing(self):
        from core.models import Organization
        from demo.loader import DemoLoader
        from tests.sites import picture

        aclu = Organization.objects.get(slug="aclu-california")
        aclu.logo = picture("ACLU of California logo", CLEAN_SVG, "svg")  # the old loader's title
        aclu.save()
        edited = Organization.objects.get(slug="ndlon")
        edited.logo = picture("NDLON's own logo", CLEAN_SVG, "svg")  # an editor's choice
        edited.save()
        report = DemoLoader(port=80).load()
        self.assertEqual(report.created, {"organizations updated": 1})
        self.assertEqual(Organization.objects.get(slug="aclu-california").logo.title, "ACLU of California wordmark")
        self.assertEqual(Organization.objects.get(slug="ndlon").logo.title, "NDLON's own logo")
        self.assertEqual(DemoLoader(port=80).load().created, {})
