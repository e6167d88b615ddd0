"""Each hostname gets its own site; a bad Host header is a clear 4xx, never a 500."""

from django.test import TestCase

from tests.factories import make_story
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites


class HostnameRoutingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        make_story(cls.sites.cipc_press, "Only on CIPC")
        make_story(cls.sites.coalition_press, "Only on the coalition")

    def test_same_path_gives_each_site_its_own_content(self):
        cipc = self.client.get("/press/", HTTP_HOST=CIPC_HOST)
        coalition = self.client.get("/press/", HTTP_HOST=COALITION_HOST)
        self.assertContains(cipc, "Only on CIPC")
        self.assertNotContains(cipc, "Only on the coalition")
        self.assertContains(coalition, "Only on the coalition")
        self.assertNotContains(coalition, "Only on CIPC")
        self.assertContains(cipc, "<title>Press room | California Immigrant Policy Center</title>", html=False)
        self.assertContains(coalition, "<title>Press room | ICE Out of California</title>", html=False)

    def test_a_story_is_not_served_under_the_other_site(self):
        self.assertEqual(self.client.get("/press/only-on-cipc/", HTTP_HOST=CIPC_HOST).status_code, 200)
        self.assertEqual(self.client.get("/press/only-on-cipc/", HTTP_HOST=COALITION_HOST).status_code, 404)

    def test_unknown_or_malformed_hostnames_get_a_400(self):
        for host in ["unknown.example.org", "evil.com:8000", "bad host", "localhost/../", "ünïcode.test"]:
            with self.subTest(host=host):
                response = self.client.get("/press/", HTTP_HOST=host)
                self.assertEqual(response.status_code, 400)

    def test_health_check_answers_without_a_site(self):
        response = self.client.get("/healthz/", HTTP_HOST=CIPC_HOST)
        self.assertEqual(response.content, b"ok")
