"""The coalition's site in English and Spanish, with a press contact on its Spanish press room:
what the tests of the press room's features and the email alerts in Spanish build on."""

import re

from django.test import TestCase

from press.models import PressRoomContact
from tests.factories import SpokespersonFactory
from tests.sites import COALITION_HOST, build_press_sites, translate_press_sites


def switcher_links(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return {code: href for href, code in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav)}


class SpanishCoalitionTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.es = translate_press_sites(cls.sites)
        cls.person = SpokespersonFactory(
            name="Alex Sample",
            slug="alex-sample",
            title="Communications Director",
            organization=cls.sites.sample_org,
            press_phone="(213) 555-0142",
            press_email="alex@example.org",
        )
        cls.es.coalition_press.media_contacts = [PressRoomContact(spokesperson=cls.person, sort_order=0)]
        cls.es.coalition_press.save_revision().publish()

    def get(self, path, status=200):
        response = self.client.get(path, HTTP_HOST=COALITION_HOST)
        self.assertEqual(response.status_code, status, path)
        return response.content.decode()
