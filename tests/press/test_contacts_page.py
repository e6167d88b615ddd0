"""Who do I call? Every public page's header links to its site's media contacts page (both
languages): the room's contacts with phone, email, languages and hours, the after-hours line
and vCards; the press kit shows the same contacts; the home page and the room tell search
engines (Organization JSON-LD with a ContactPoint per contact)."""

import json
import re

from django.core.cache import caches
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from press.models import PressIndexPage, PressRoomContact
from tests.editors import story_form_data
from tests.factories import example_contacts, make_story
from tests.presskit_data import build_press_kit
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites, translate, translate_press_sites

AFTER_HOURS = "(213) 555-0199"
# Cold, as measured: 11 in English, 12 in Spanish (Wagtail finds the Spanish site root), against
# 19 for the room's listing: Wagtail's serving, the header's needs and the contacts in one
# query; the story listing, its facets and its images are not read.
CONTACTS_PAGE_BUDGET = 12


def organization_json_ld(html):
    for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(text)
        if data.get("@type") == "Organization":
            return data
    return None


class ContactsPageTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.spanish = translate_press_sites(cls.sites)
        cls.alex, cls.jordan = example_contacts()
        translate(cls.alex, title="Directora de comunicaciones")
        cls.story = make_story(cls.sites.coalition_press, "Coalition statement on a fictional bill")
        build_press_kit(cls.sites.coalition_home)
        for room, hours in [
            (cls.sites.coalition_press, "Weekdays 9 a.m. to 6 p.m. Pacific"),
            (cls.spanish.coalition_press, "De lunes a viernes, de 9 a 18 h (Pacífico)"),
        ]:
            room = PressIndexPage.objects.get(pk=room.pk)
            room.media_contacts = [
                PressRoomContact(spokesperson=cls.alex, hours=hours, sort_order=0),
                PressRoomContact(spokesperson=cls.jordan, sort_order=1),
            ]
            room.after_hours_phone = AFTER_HOURS
            room.after_hours_note = "Evenings and weekends, for same-day deadlines."
            room.save_revision().publish()

    def get(self, path, host=COALITION_HOST, status=200):
        response = self.client.get(path, HTTP_HOST=host)
        self.assertEqual(response.status_code, status, path)
        return response.content.decode()

    def test_every_page_of_both_sites_links_to_its_contacts_page_in_its_language(self):
        pages = ["/", "/press/", f"/press/{self.story.slug}/", "/press-kit/", "/search/?q=bill", "/press/contacts/"]
        for host in (COALITION_HOST, CIPC_HOST):
            for path in pages:
                if host == CIPC_HOST and path in ("/press-kit/", f"/press/{self.story.slug}/"):
                    continue  # the coalition's own
                with self.subTest(host=host, path=path):
                    self.assertIn('<a href="/press/contacts/"', self.get(path, host))
            for path in ("/es/", "/es/press/", "/es/search/?q=ley"):
                with self.subTest(host=host, path=path):
                    html = self.get(path, host)
                    self.assertRegex(html, r'<a href="/es/press/contacts/"[^>]*>Contactos de prensa</a>')
        # The not-found page keeps the header too: a lost visitor is still one tap from a person.
        self.assertIn('<a href="/press/contacts/"', self.get("/no-such-page/", status=404))

    def test_the_contacts_page_says_who_to_call_when_and_after_hours(self):
        html = self.get("/press/contacts/")
        self.assertIn("<h1>Media contacts</h1>", html)
        self.assertIn('<a href="/press/contacts/" aria-current="page">Media contacts</a>', html)
        self.assertEqual(html.count('aria-current="page"'), 1)  # not the press room's link too
        self.assertLess(html.index("Alex Sample"), html.index("Jordan Placeholder"))
        self.assertIn("Communications Director, Example Immigrant Rights Network", html)
        self.assertIn('<a href="tel:2135550142">(213) 555-0142</a>', html)
        self.assertIn('href="mailto:alex.sample@example.org"', html)
        self.assertIn("Speaks English, Spanish", html)
        self.assertIn("Hours: Weekdays 9 a.m. to 6 p.m. Pacific", html)
        self.assertEqual(html.count("Hours:"), 1)  # Jordan's room entry gives none
        self.assertIn(
            '<strong>After hours:</strong> <a href="tel:2135550199">(213) 555-0199</a>. '
            "Evenings and weekends, for same-day deadlines.",
            html,
        )
        self.assertIn('href="/contacts/alex-sample.vcf"', html)
        self.assertIn('href="/contacts/jordan-placeholder.vcf"', html)
        self.assertIn('<link rel="canonical" href="http://iceout.localhost/press/contacts/">', html)

    def test_the_spanish_contacts_page_is_in_spanish_and_switches_to_the_english_one(self):
        html = self.get("/es/press/contacts/")
        self.assertIn("<h1>Contactos de prensa</h1>", html)
        self.assertIn("Directora de comunicaciones", html)
        self.assertIn("Horario: De lunes a viernes, de 9 a 18 h (Pacífico)", html)
        self.assertIn("<strong>Fuera de horario:</strong>", html)
        self.assertIn('<link rel="alternate" hreflang="en" href="http://iceout.localhost/press/contacts/">', html)
        self.assertIn('href="http://iceout.localhost/press/contacts/" hreflang="en" lang="en">English</a>', html)
        english = self.get("/press/contacts/")
        self.assertIn('href="http://iceout.localhost/es/press/contacts/" hreflang="es" lang="es">Español</a>', english)

    def test_the_contacts_page_reads_no_listing_so_it_costs_a_handful_of_queries(self):
        for path in ("/press/contacts/", "/es/press/contacts/"):
            with self.subTest(path):
                for cache in caches.all():
                    cache.clear()  # cold: every query the page needs
                with CaptureQueriesContext(connection) as queries:
                    self.get(path)
                self.assertLessEqual(len(queries), CONTACTS_PAGE_BUDGET, [q["sql"][:120] for q in queries])

    def test_varnish_may_keep_the_contacts_page_filed_under_its_site_and_room(self):
        # The room's publish purges its site; a contact's edit purges everything.
        response = self.client.get("/press/contacts/", HTTP_HOST=COALITION_HOST)
        self.assertIn("public", response["Cache-Control"])
        self.assertIn("s-maxage", response["Cache-Control"])
        self.assertNotIn("Set-Cookie", response.headers)
        self.assertEqual(
            response["xkey"].split(),
            ["all", f"site-{self.sites.coalition_site.pk}", f"room-{self.sites.coalition_press.pk}"],
        )

    def test_a_site_whose_room_lists_no_contacts_says_so_instead_of_an_empty_page(self):
        html = self.get("/press/contacts/", host=CIPC_HOST)
        self.assertIn("This press room lists no media contacts yet.", html)
        self.assertNotIn("Alex Sample", html)

    def test_the_press_kit_the_room_and_the_home_page_show_the_contacts_and_the_after_hours_line(self):
        for path in ("/press-kit/", "/press/", "/"):
            with self.subTest(path):
                html = self.get(path)
                self.assertIn("Alex Sample", html)
                self.assertIn("Hours: Weekdays 9 a.m. to 6 p.m. Pacific", html)
                self.assertIn('<a href="tel:2135550199">(213) 555-0199</a>', html)

    def test_the_home_page_and_the_room_name_their_media_contacts_to_search_engines(self):
        for path in ("/", "/press/", "/press/contacts/"):
            with self.subTest(path):
                data = organization_json_ld(self.get(path))
                self.assertEqual(data["name"], "ICE Out of California")
                self.assertEqual(data["url"], "http://iceout.localhost/")
                alex, jordan, after_hours = data["contactPoint"]
                self.assertEqual(
                    alex,
                    {
                        "@type": "ContactPoint",
                        "contactType": "media relations",
                        "name": "Alex Sample",
                        "telephone": "(213) 555-0142",
                        "email": "alex.sample@example.org",
                        "availableLanguage": ["English", "Spanish"],
                    },
                )
                self.assertEqual(jordan["name"], "Jordan Placeholder")
                self.assertEqual(after_hours["telephone"], AFTER_HOURS)
                self.assertEqual(after_hours["contactType"], "media relations, after hours")

    def test_a_story_is_not_shadowed_by_the_contacts_page_except_at_its_address(self):
        # The room's own route answers /press/contacts/; a story elsewhere is unaffected.
        self.assertIn("Coalition statement on a fictional bill", self.get(f"/press/{self.story.slug}/"))
        self.get("/press/contacts/extra/", status=404)

    def test_editors_give_each_contact_hours_and_the_room_an_after_hours_line(self):
        self.login()
        room = PressIndexPage.objects.get(pk=self.sites.coalition_press.pk)
        alex, jordan = room.media_contacts.order_by("sort_order")
        response = self.client.get(f"/admin/pages/{room.pk}/edit/")
        self.assertContains(response, "When they take press calls")
        self.assertContains(response, "A number journalists can call outside the contacts")
        data = nested_form_data(
            {
                "title": room.title,
                "slug": room.slug,
                "per_page": 20,
                "after_hours_phone": "(213) 555-0177",
                "after_hours_note": "Text first.",
                "media_contacts": inline_formset(
                    [
                        {"id": alex.pk, "spokesperson": self.alex.pk, "hours": "Mornings only", "ORDER": 0},
                        {"id": jordan.pk, "spokesperson": self.jordan.pk, "hours": "", "ORDER": 1, "DELETE": "on"},
                    ],
                    initial=2,
                ),
                "action-publish": "publish",
            }
        )
        data.update({"also_list_rooms": []})
        response = self.client.post(f"/admin/pages/{room.pk}/edit/", data)
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        html = self.get("/press/contacts/")
        self.assertIn("Hours: Mornings only", html)
        self.assertIn('<a href="tel:2135550177">(213) 555-0177</a>. Text first.', html)
        self.assertNotIn("Jordan Placeholder", html)

    def test_a_story_cannot_take_the_contacts_pages_address(self):
        self.login()
        data = story_form_data(
            category=self.sites.statement, spokesperson=self.alex, slug="contacts", title="Who to call"
        )
        response = self.client.post(f"/admin/pages/add/press/storypage/{self.sites.coalition_press.pk}/", data)
        self.assertEqual(response.status_code, 200)  # the form again, with what the editor typed
        self.assertContains(response, "is the press room&#x27;s own page (/press/contacts/). Choose another.")
        self.assertContains(response, 'value="Who to call"')
        self.assertFalse(
            PressIndexPage.objects.get(pk=self.sites.coalition_press.pk).get_children().filter(slug="contacts").exists()
        )
