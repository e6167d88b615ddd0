"""Press contacts: each press room's default media contacts, shown on the room, its site's home
page and under every story without contacts of its own; new stories start with them; every
contact card has a vCard."""

from django.test import TestCase
from wagtail.test.utils import WagtailTestUtils

from press.models import PressIndexPage, PressRoomContact
from tests.factories import OrganizationFactory, SpokespersonFactory, block, example_contacts, make_story
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites, translate, translate_press_sites


def set_contacts(room, people):
    room = PressIndexPage.objects.get(pk=room.pk)  # fresh: stories may have changed its tree fields
    room.media_contacts = [PressRoomContact(spokesperson=person, sort_order=i) for i, person in enumerate(people)]
    room.save_revision().publish()
    return room


class DefaultContactsTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.alex, cls.jordan = example_contacts()
        cls.jordan.press_phone = ""
        cls.jordan.save()
        network = cls.alex.organization
        cls.own_contact = SpokespersonFactory(name="Riley Own", slug="riley-own", organization=network)
        cls.plain = make_story(cls.sites.coalition_press, "Coalition statement without contacts")
        cls.with_own = make_story(
            cls.sites.coalition_press,
            "Coalition statement with its own contacts",
            body=[
                block("paragraph", "<p>Body text.</p>"),
                block("media_contacts", {"heading": "Press enquiries", "contacts": [cls.own_contact.pk]}),
            ],
        )
        set_contacts(cls.sites.coalition_press, [cls.alex, cls.jordan])

    def get(self, path, host=COALITION_HOST):
        response = self.client.get(path, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_the_room_the_home_page_and_a_story_without_contacts_show_the_rooms_contacts(self):
        for path in ("/press/", "/", f"/press/{self.plain.slug}/"):
            with self.subTest(path):
                html = self.get(path)
                self.assertIn('<h2 class="block-contacts__heading">Media contacts</h2>', html)
                # In the room's order, each with what a journalist needs to call or write.
                self.assertLess(html.index("Alex Sample"), html.index("Jordan Placeholder"))
                self.assertIn("Communications Director, Example Immigrant Rights Network", html)
                self.assertIn('<a href="tel:2135550142">(213) 555-0142</a>', html)
                self.assertIn(
                    '<a href="mailto:alex.sample@example.org">alex<wbr>.sample@<wbr>example<wbr>.org</a>', html
                )
                self.assertIn("Speaks English, Spanish", html)
                self.assertIn('href="/contacts/alex-sample.vcf"', html)
                self.assertIn('href="/contacts/jordan-placeholder.vcf"', html)

    def test_a_story_with_its_own_contacts_shows_only_those(self):
        html = self.get(f"/press/{self.with_own.slug}/")
        self.assertIn("Press enquiries", html)
        self.assertIn("Riley Own", html)
        self.assertIn('href="/contacts/riley-own.vcf"', html)
        self.assertNotIn("Alex Sample", html)
        self.assertEqual(html.count('class="contact-card"'), 1)

    def test_another_rooms_contacts_stay_on_their_own_site(self):
        for path in ("/", "/press/"):
            self.assertNotIn("Alex Sample", self.get(path, host=CIPC_HOST))

    def test_people_who_left_or_are_unpublished_are_not_shown(self):
        jordan = self.jordan
        jordan.active = False
        jordan.save()
        self.alex.live = False
        self.alex.save()
        for path in ("/press/", "/", f"/press/{self.plain.slug}/"):
            with self.subTest(path):
                html = self.get(path)
                self.assertNotIn("Jordan Placeholder", html)
                self.assertNotIn("Alex Sample", html)
                self.assertNotIn('<h2 class="block-contacts__heading">Media contacts</h2>', html)

    def test_changing_the_rooms_contacts_shows_at_once_on_every_page(self):
        pages = ("/press/", "/", f"/press/{self.plain.slug}/")
        for path in pages:
            self.get(path)  # the contacts are cached until the next publish
        set_contacts(self.sites.coalition_press, [self.own_contact])
        for path in pages:
            with self.subTest(path):
                html = self.get(path)
                self.assertIn("Riley Own", html)
                self.assertNotIn("Alex Sample", html)

    def test_a_contacts_own_edit_shows_at_once_on_every_page(self):
        pages = ("/press/", "/", f"/press/{self.plain.slug}/")
        for path in pages:
            self.get(path)
        self.alex.press_phone = "(213) 555-0199"
        self.alex.save()
        for path in pages:
            with self.subTest(path):
                self.assertIn("(213) 555-0199", self.get(path))

    def test_a_new_story_starts_with_the_rooms_contacts(self):
        self.login()
        response = self.client.get(f"/admin/pages/add/press/storypage/{self.sites.coalition_press.pk}/")
        body = response.context["form"].initial["body"]
        self.assertEqual([child.block_type for child in body], ["media_contacts"])
        self.assertEqual(body[0].value["heading"], "Media contacts")
        self.assertEqual(list(body[0].value["contacts"]), [self.alex, self.jordan])
        # ...in the editor, as an ordinary block the editor can change or delete.
        self.assertContains(response, "Alex Sample")

    def test_a_new_story_in_a_room_without_contacts_starts_empty(self):
        self.login()
        response = self.client.get(f"/admin/pages/add/press/storypage/{self.sites.cipc_press.pk}/")
        self.assertEqual(len(response.context["form"].initial.get("body") or []), 0)

    def test_editors_choose_the_rooms_contacts_on_the_room(self):
        self.login()
        response = self.client.get(f"/admin/pages/{self.sites.coalition_press.pk}/edit/")
        self.assertContains(response, "Media contacts")
        self.assertContains(response, "New stories start with them.")
        self.assertContains(response, "Alex Sample")


class VCardTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        org = OrganizationFactory(name="Example Network; Legal, Policy & Media", slug="example-network")
        cls.person = SpokespersonFactory(
            name="María José de la Cruz",
            slug="maria-jose",
            title="Director, Policy\\Research",
            organization=org,
            press_phone="(213) 555-0142",
            press_email="maria@example.org",
            languages="English, Spanish",
        )

    def vcard(self, slug="maria-jose"):
        return self.client.get(f"/contacts/{slug}.vcf", HTTP_HOST=CIPC_HOST)

    def test_a_contacts_vcard_opens_in_an_address_book(self):
        response = self.vcard()
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/vcard; charset=utf-8")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="maria-jose.vcf"')
        text = response.content.decode()
        self.assertTrue(text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n"))
        self.assertTrue(text.endswith("END:VCARD\r\n"))
        lines = text.split("\r\n")
        self.assertIn("FN:María José de la Cruz", lines)
        self.assertIn("N:Cruz;María José de la;;;", lines)
        self.assertIn("TEL;TYPE=WORK,VOICE:(213) 555-0142", lines)
        self.assertIn("EMAIL;TYPE=INTERNET,WORK:maria@example.org", lines)

    def test_commas_semicolons_and_backslashes_are_escaped(self):
        lines = self.vcard().content.decode().split("\r\n")
        self.assertIn(r"ORG:Example Network\; Legal\, Policy & Media", lines)
        self.assertIn(r"TITLE:Director\, Policy\\Research", lines)
        self.assertIn(r"NOTE:Languages: English\, Spanish", lines)

    def test_line_breaks_cannot_add_properties_and_long_lines_are_folded(self):
        self.person.title = "Director\r\nEMAIL:attacker@example.com " + "very long title " * 8
        self.person.save()
        text = self.vcard().content.decode()
        self.assertNotIn("\r\nEMAIL:attacker", text)
        self.assertIn(r"TITLE:Director\nEMAIL:attacker@example.com very", text)
        for line in text.split("\r\n"):
            self.assertLessEqual(len(line.encode()), 75)
        unfolded = text.replace("\r\n ", "")
        self.assertIn("very long title " * 7, unfolded)

    def test_a_vcard_may_be_kept_by_the_shared_cache(self):
        response = self.vcard()
        self.assertIn("public", response["Cache-Control"])
        self.assertIn("s-maxage", response["Cache-Control"])

    def test_unknown_inactive_and_unpublished_contacts_are_not_found(self):
        self.assertEqual(self.vcard("nobody").status_code, 404)
        self.person.active = False
        self.person.save()
        self.assertEqual(self.vcard().status_code, 404)
        self.person.active, self.person.live = True, False
        self.person.save()
        response = self.vcard()
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Page not found", status_code=404)


class SpanishContactsTests(TestCase):
    """A Spanish room shows each contact's Spanish record (title, organisation's name) where one
    exists, the room's own record otherwise, in the room's order, without people who left."""

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        spanish = translate_press_sites(cls.sites)
        network = cls.sites.sample_org
        translate(network, name="Red de Ejemplo por los Derechos de Inmigrantes")
        alex = SpokespersonFactory(name="Alex Sample", title="Communications Director", organization=network)
        translate(alex, title="Directora de comunicaciones")
        jordan = SpokespersonFactory(name="Jordan Placeholder", title="Organizer", organization=network)
        gone = SpokespersonFactory(name="Gone Person", organization=network, active=False)
        set_contacts(spanish.coalition_press, [jordan, gone, alex])

    def test_the_spanish_room_and_home_page_show_the_contacts_in_spanish(self):
        for path in ("/es/press/", "/es/"):
            with self.subTest(path):
                response = self.client.get(path, HTTP_HOST=COALITION_HOST)
                self.assertEqual(response.status_code, 200)
                html = response.content.decode()
                self.assertIn("Directora de comunicaciones, Red de Ejemplo por los Derechos de Inmigrantes", html)
                self.assertIn("Organizer, Example Immigrant Rights Network", html)
                self.assertLess(html.index("Jordan Placeholder"), html.index("Alex Sample"))
                self.assertNotIn("Communications Director", html)
                self.assertNotIn("Gone Person", html)
