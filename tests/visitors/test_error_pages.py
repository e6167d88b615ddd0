"""A visitor who hits a wrong address or a fault still sees the site they were on; under `make run`
(DEBUG) the branded error pages can be seen at /_errors/404/ and /_errors/500/."""

import importlib

from django.conf import settings
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import clear_url_caches

from core.models import SiteBranding
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites


class ErrorPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        SiteBranding.objects.filter(site=cls.sites.coalition_site).update(contact_email="press@iceout.example")

    def test_404_is_branded_for_each_site(self):
        for host, name in [
            (CIPC_HOST, "California Immigrant Policy Center"),
            (COALITION_HOST, "ICE Out of California"),
        ]:
            with self.subTest(host=host):
                response = self.client.get("/no-such-page/", HTTP_HOST=host)
                self.assertContains(response, "<h1>Page not found</h1>", status_code=404, html=True)
                self.assertContains(response, f"<title>Page not found | {name}</title>", status_code=404)
                self.assertContains(response, f'<span class="site-header__name">{name}</span>', status_code=404)
                self.assertContains(response, 'href="/press/">Browse the press room</a>', status_code=404)
                self.assertContains(response, '<meta name="robots" content="noindex">', status_code=404)

    @override_settings(ROOT_URLCONF="tests.visitors.urls_with_error")
    def test_500_is_branded_and_needs_no_database(self):
        self.client.raise_request_exception = False
        # The coalition's home page caches its branding on the request; a fault after that
        # still shows the coalition's name and press contact.
        response = self.client.get("/broken/", HTTP_HOST=COALITION_HOST)
        self.assertEqual(response.status_code, 500)
        self.assertContains(response, "Something went wrong", status_code=500)

        from core.views import server_error

        request = self.client.get("/", HTTP_HOST=COALITION_HOST).wsgi_request
        with CaptureQueriesContext(connection) as queries:
            page = server_error(request)
        self.assertEqual(len(queries), 0)
        self.assertEqual(page.status_code, 500)
        html = page.content.decode()
        self.assertIn("<title>Something went wrong | ICE Out of California</title>", html)
        self.assertIn('href="mailto:press@iceout.example"', html)
        self.assertIn("background: #3b1f5c", html)


class BrandedErrorPreviewTests(TestCase):
    """Under DEBUG (make run), /_errors/404/ and /_errors/500/ show the branded pages."""

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()

    def urls_with_debug(self, debug):
        with override_settings(DEBUG=debug):
            import config.urls

            importlib.reload(config.urls)
            clear_url_caches()
        self.addCleanup(self.restore_urls)

    def restore_urls(self):
        import config.urls

        importlib.reload(config.urls)
        clear_url_caches()

    def test_the_previews_show_each_sites_branded_pages_under_debug(self):
        self.urls_with_debug(True)
        with override_settings(DEBUG=True):
            for host, name in [
                (CIPC_HOST, "California Immigrant Policy Center"),
                (COALITION_HOST, "ICE Out of California"),
            ]:
                with self.subTest(host=host):
                    response = self.client.get("/_errors/404/", HTTP_HOST=host)
                    self.assertContains(response, "<h1>Page not found</h1>", status_code=404, html=True)
                    self.assertContains(response, f"<title>Page not found | {name}</title>", status_code=404)
                    response = self.client.get("/_errors/500/", HTTP_HOST=host)
                    self.assertContains(response, "Something went wrong", status_code=500)
                    self.assertContains(response, f"| {name}</title>", status_code=500)

    def test_there_are_no_previews_in_production(self):
        self.assertFalse(settings.DEBUG)
        self.urls_with_debug(False)
        response = self.client.get("/_errors/500/", HTTP_HOST=CIPC_HOST)
        self.assertContains(response, "<h1>Page not found</h1>", status_code=404, html=True)
