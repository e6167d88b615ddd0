"""What the app tells caches: anonymous visitors' public pages may be shared (Varnish keeps
them, filed under `all`, their site's key and the keys of what they show, as each page type
states them); anything personal is private and carries no key."""

import datetime

from wagtail.models import PageViewRestriction

from embargo.models import EmbargoLink
from press.models import StoryPage
from tests.editors import TeamsTestCase
from tests.factories import make_story

CIPC = "localhost"
COALITION = "iceout.localhost"
STORY_PATH = "/press/coalition-condemns-raids/"


class CacheHeadersTests(TeamsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.story = make_story(
            cls.sites.coalition_press,
            "Coalition condemns raids",
            date=datetime.date(2024, 5, 1),
            signatories=[cls.sites.cipc_org],
        )

    def assertShared(self, response, site, *shows):
        """Shared, filed under `all`, ``site``'s key and exactly the keys ``shows`` (when given)."""
        self.assertEqual(response.status_code, 200, response.content[:300])
        cache_control = response["Cache-Control"]
        self.assertIn("public", cache_control)
        self.assertIn("s-maxage=3600", cache_control)
        self.assertIn("max-age=60", cache_control)
        self.assertNotIn("Set-Cookie", response.headers)
        keys = response["xkey"].split()
        self.assertEqual(keys[:2], ["all", f"site-{site.pk}"])
        if shows:
            self.assertEqual(sorted(keys[2:]), sorted(shows))

    def assertPersonal(self, response):
        cache_control = response.get("Cache-Control", "")
        self.assertIn("private", cache_control)
        self.assertNotIn("public", cache_control)
        self.assertNotIn("xkey", response.headers)

    def test_every_public_page_kind_is_shareable_and_filed_under_its_site_and_nothing_else_is(self):
        sites = self.sites
        cipc_room, coalition_room = f"room-{sites.cipc_press.pk}", f"room-{sites.coalition_press.pk}"
        story = f"page-{self.story.pk}"
        for host, site, path, shows in [
            # A home page shows its press room's latest stories.
            (CIPC, sites.cipc_site, "/", [f"page-{sites.cipc_home.pk}", cipc_room]),
            (CIPC, sites.cipc_site, "/press/", [cipc_room]),
            (CIPC, sites.cipc_site, "/press/?year=2024&organization=cipc", [cipc_room]),
            (CIPC, sites.cipc_site, "/press/feed/?category=statement", [cipc_room]),
            (CIPC, sites.cipc_site, "/search/?q=raids", [f"search-{sites.cipc_site.pk}"]),
            (CIPC, sites.cipc_site, "/sitemap.xml", [f"paths-{sites.cipc_site.pk}"]),
            (CIPC, sites.cipc_site, "/robots.txt", []),
            (COALITION, sites.coalition_site, "/", [f"page-{sites.coalition_home.pk}", coalition_room]),
            (COALITION, sites.coalition_site, "/press/", [coalition_room]),
            (COALITION, sites.coalition_site, STORY_PATH, [story]),
            (COALITION, sites.coalition_site, "/press/feed/", [coalition_room]),
            (COALITION, sites.coalition_site, "/sitemap.xml", [f"paths-{sites.coalition_site.pk}"]),
        ]:
            with self.subTest(host=host, path=path):
                response = self.client.get(path, HTTP_HOST=host)
                self.assertShared(response, site)
                self.assertEqual(sorted(response["xkey"].split()[2:]), sorted(shows))

        # A not-found address is filed with the site's addresses: publishing a page there
        # purges it. A page's own 404 (a page number past the end) is filed under the page.
        missing = self.client.get("/no-such-page/", HTTP_HOST=COALITION)
        self.assertEqual(missing.status_code, 404)
        self.assertEqual(
            missing["xkey"].split(), ["all", f"site-{sites.coalition_site.pk}", f"paths-{sites.coalition_site.pk}"]
        )
        past_the_end = self.client.get("/press/?page=9", HTTP_HOST=COALITION)
        self.assertEqual(past_the_end.status_code, 404)
        self.assertIn(coalition_room, past_the_end["xkey"].split())

        # Never shared: the admin, the health check, form posts and embargo links.
        self.assertNotIn("public", self.client.get("/healthz/")["Cache-Control"])
        self.assertNotIn("xkey", self.client.get("/admin/login/").headers)
        posted = self.client.post("/press/", {"q": "raids"}, HTTP_HOST=COALITION)
        self.assertNotIn("public", posted.get("Cache-Control", ""))
        self.assertNotIn("xkey", posted.headers)
        draft = StoryPage(title="Under embargo", summary="Soon.", category=self.sites.statement, live=False)
        self.sites.coalition_press.add_child(instance=draft)
        draft.save_revision()
        link = EmbargoLink.objects.create(page=draft, created_by=self.users["iceout-editor"])
        embargoed = self.client.get(link.get_absolute_url(), HTTP_HOST=COALITION)
        self.assertEqual(embargoed.status_code, 200)
        self.assertPersonal(embargoed)

    def test_the_same_address_on_the_other_site_is_filed_under_that_site(self):
        cipc = self.client.get("/press/", HTTP_HOST=CIPC)
        coalition = self.client.get("/press/", HTTP_HOST=COALITION)
        self.assertIn(f"site-{self.sites.cipc_site.pk}", cipc["xkey"])
        self.assertNotIn(f"site-{self.sites.coalition_site.pk}", cipc["xkey"])
        self.assertIn(f"site-{self.sites.coalition_site.pk}", coalition["xkey"])

    def test_a_signed_in_editor_gets_private_pages(self):
        self.client.force_login(self.users["iceout-editor"])
        for path in ["/", "/press/", STORY_PATH, "/press/feed/", "/search/?q=raids"]:
            with self.subTest(path=path):
                response = self.client.get(path, HTTP_HOST=COALITION)
                self.assertEqual(response.status_code, 200)
                self.assertPersonal(response)

    def test_anonymous_pages_do_not_vary_on_cookies_and_an_editors_pages_do(self):
        # Any cookie at all (analytics, a stale CSRF token) would otherwise split the copies
        # that browsers and shared caches keep of a public page.
        for path in ["/", "/press/", STORY_PATH, "/search/?q=raids"]:
            with self.subTest(path=path):
                response = self.client.get(path, HTTP_HOST=COALITION)
                self.assertShared(response, self.sites.coalition_site)
                self.assertNotIn("Cookie", response.get("Vary", ""))
        self.client.force_login(self.users["iceout-editor"])
        editors = self.client.get(STORY_PATH, HTTP_HOST=COALITION)
        self.assertIn("Cookie", editors["Vary"])
        self.assertContains(editors, "wagtail-userbar")  # the editor's way into the admin

    def test_any_session_cookie_makes_a_page_private(self):
        # Signed out but still holding a session (e.g. after a page password): not shared.
        self.client.cookies["sessionid"] = "anything"
        self.assertPersonal(self.client.get("/press/", HTTP_HOST=COALITION))

    def test_a_password_protected_story_asks_for_the_password_privately(self):
        PageViewRestriction.objects.create(
            page=self.story, restriction_type=PageViewRestriction.PASSWORD, password="let me in"
        )
        response = self.client.get(STORY_PATH, HTTP_HOST=COALITION)
        self.assertContains(response, "password")
        self.assertNotContains(response, "Body text.")
        # The form's CSRF token comes with a cookie: such a page is the visitor's own.
        self.assertIn("csrftoken", response.cookies)
        self.assertPersonal(response)
