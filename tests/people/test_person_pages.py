"""Who is this spokesperson? /people/<slug>/ on each site where they speak (and /es/people/…):
photo with its credit, title, organisation, bio, languages, topics, their statements and
quotes on that site newest first, how to reach them, their vCard and schema.org Person; linked
from the story blocks that name them and from the press room's spokesperson filter. Someone
without a bio, or who has not spoken on the site, has no page."""

import json
import re

from django.test import TestCase

from core.models import Spokesperson
from frontcache.keys import room_key
from press.models import PressIndexPage, PressRoomContact
from tests.factories import example_contacts
from tests.people.people_data import speakers, speeches
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites, translate_press_sites


def json_ld_of(html, kind):
    for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(text)
        if data.get("@type") == kind:
            return data
    return None


class PersonPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.spanish = translate_press_sites(cls.sites)
        cls.alex, cls.jordan, cls.casey, cls.avery = speakers(cls.sites)
        cls.alex_stories, cls.coalition_story = speeches(cls.sites, cls.alex, cls.jordan, cls.casey)

    def get(self, path, host=CIPC_HOST, status=200):
        response = self.client.get(path, HTTP_HOST=host)
        self.assertEqual(response.status_code, status, path)
        return response

    def test_the_page_says_who_they_are_what_they_said_here_and_how_to_reach_them(self):
        response = self.get("/people/alex-sample/")
        html = response.content.decode()
        self.assertIn("<title>Alex Sample | ", html)
        self.assertRegex(html, r"<h1>Alex Sample</h1>")
        self.assertIn("Communications Director, Example Immigrant Rights Network", html)
        self.assertIn("who speaks for the fictional Example Immigrant Rights Network", html)
        self.assertIn("Gives interviews in English, Spanish.", html)
        self.assertIn("Credit: Sample Photo Desk", html)  # the photo's credit
        self.assertRegex(html, r'<img [^>]*class="person__photo"')
        # Their statements and quotes here, newest first; not the coalition's story.
        titles = re.findall(r'class="story-card__title"><a href="[^"]+">([^<]+)</a>', html)
        self.assertEqual(titles, [story.title for story in self.alex_stories])
        self.assertNotIn(self.coalition_story.title, html)
        self.assertIn("3 stories", html)
        # The topics they speak on here, most spoken first, each a filtered listing.
        self.assertIn('href="/press/?topic=detention&amp;spokesperson=alex-sample">Detention</a>', html)
        self.assertLess(html.index(">Detention</a>"), html.index(">Courts</a>"))
        # Their own press contact, with a vCard.
        self.assertIn('href="tel:2135550142"', html)
        self.assertIn('href="mailto:alex.sample@example.org"', html)
        self.assertIn('href="/contacts/alex-sample.vcf"', html)
        self.assertIn('<a href="/people/">All spokespeople</a>', html)
        # The header's "Home" is not this page.
        self.assertNotIn('aria-current="page">Home</a>', html)

    def test_the_spanish_page_speaks_spanish_and_lists_the_spanish_stories(self):
        html = self.get("/es/people/alex-sample/").content.decode()
        self.assertIn('<html lang="es">', html)
        self.assertIn("Directora de comunicaciones", html)
        self.assertIn("Alex Sample es una persona ficticia", html)
        self.assertIn("Declaraciones y citas", html)
        self.assertIn("Da entrevistas en inglés y español.", html)
        self.assertIn("La red responde a un fallo ficticio", html)
        self.assertNotIn("Network responds to a fictional ruling", html)
        self.assertIn('href="/es/press/?topic=detention&amp;spokesperson=alex-sample">Detención</a>', html)
        # The language switcher and hreflang lead to the same person's page in English.
        self.assertIn('hreflang="en" href="http://localhost/people/alex-sample/"', html)
        self.assertIn('<a href="/es/people/">Todos los portavoces</a>', html)

    def test_a_spanish_page_without_spanish_stories_points_to_the_english_ones(self):
        html = self.get("/es/people/casey-placeholder/", COALITION_HOST).content.decode()
        self.assertIn("Casey Placeholder", html)
        self.assertIn("Ninguna historia en este idioma", html)
        self.assertIn('href="http://iceout.localhost/people/casey-placeholder/"', html)

    def test_no_page_without_a_bio_or_a_story_on_this_site(self):
        self.get("/people/jordan-placeholder/", status=404)  # speaks here, no bio
        self.get("/es/people/jordan-placeholder/", status=404)
        self.get("/people/casey-placeholder/", status=404)  # bio, but speaks only on the coalition's site
        self.get("/people/casey-placeholder/", COALITION_HOST)
        self.get("/people/avery-example/", status=404)  # bio, speaks nowhere
        self.get("/people/nobody-at-all/", status=404)
        self.get("/people/alex-sample/", COALITION_HOST, status=404)
        html = self.get("/people/jordan-placeholder/", status=404).content.decode()
        self.assertIn("Page not found", html)
        # A person taken down (unpublished) loses the page.
        Spokesperson.objects.filter(pk=self.alex.pk).update(live=False)
        self.get("/people/alex-sample/", status=404)

    def test_a_page_number_that_is_not_one_of_the_pages_is_a_404(self):
        self.get("/people/alex-sample/?page=1")
        for number in ("2", "0", "-1", "abc", "1" * 40, "%00"):
            with self.subTest(number=number):
                self.get(f"/people/alex-sample/?page={number}", status=404)

    def test_a_person_with_no_press_contact_of_their_own_shows_the_rooms(self):
        alex, _jordan = example_contacts()
        room = PressIndexPage.objects.get(pk=self.sites.coalition_press.pk)
        room.media_contacts = [PressRoomContact(spokesperson=alex, sort_order=0)]
        room.save_revision().publish()
        html = self.get("/people/casey-placeholder/", COALITION_HOST).content.decode()
        self.assertIn("To interview Casey Placeholder, ask the press team:", html)
        self.assertIn('href="mailto:alex.sample@example.org"', html)
        self.assertNotIn("casey-placeholder.vcf", html)

    def test_story_blocks_link_the_people_who_have_a_page(self):
        bio_story, quote_story, statement_story = self.alex_stories
        html = self.get(statement_story.url).content.decode()
        self.assertIn(
            '<a href="/people/alex-sample/">Alex Sample</a>, Communications Director of the Example Immigrant '
            "Rights Network, issued the following statement:",
            html,
        )
        html = self.get(quote_story.url).content.decode()
        self.assertIn('— <a href="/people/alex-sample/">Alex Sample</a>, Communications Director', html)
        self.assertNotIn("/people/jordan-placeholder/", html)  # no bio: named, not linked
        self.assertIn("Jordan Placeholder, Executive Director of the Example Immigrant Rights Network", html)
        html = self.get(bio_story.url).content.decode()
        self.assertIn('<p class="block-bio__name"><a href="/people/alex-sample/">Alex Sample</a></p>', html)
        html = self.get(f"/es/press/{statement_story.slug}/").content.decode()
        self.assertIn("La red responde a un fallo ficticio", html)
        self.assertIn('<a href="/es/people/alex-sample/">Alex Sample</a>', html)

    def test_the_spokesperson_filter_links_to_their_page(self):
        html = self.get("/press/?spokesperson=alex-sample").content.decode()
        self.assertIn('<a href="/people/alex-sample/">About Alex Sample: photo, bio and contact</a>', html)
        html = self.get("/es/press/?spokesperson=alex-sample").content.decode()
        self.assertIn('<a href="/es/people/alex-sample/">Sobre Alex Sample: foto, biografía y contacto</a>', html)
        html = self.get("/press/?spokesperson=jordan-placeholder").content.decode()
        self.assertNotIn("/people/jordan-placeholder/", html)

    def test_search_engines_get_a_person(self):
        html = self.get("/people/alex-sample/").content.decode()
        data = json_ld_of(html, "Person")
        self.assertEqual(data["name"], "Alex Sample")
        self.assertEqual(data["jobTitle"], "Communications Director")
        self.assertEqual(data["worksFor"], {"@type": "Organization", "name": "Example Immigrant Rights Network"})
        self.assertEqual(data["url"], "http://localhost/people/alex-sample/")
        self.assertEqual(data["email"], "alex.sample@example.org")
        self.assertEqual(data["telephone"], "(213) 555-0142")
        self.assertEqual(data["knowsLanguage"], ["English", "Spanish"])
        self.assertTrue(data["description"].startswith("Alex Sample is a fictional person"))
        self.assertRegex(data["image"], r"^http://localhost/.+\.png$")
        spanish = json_ld_of(self.get("/es/people/alex-sample/").content.decode(), "Person")
        self.assertEqual(spanish["jobTitle"], "Directora de comunicaciones")
        self.assertEqual(spanish["url"], "http://localhost/es/people/alex-sample/")

    def test_the_index_lists_the_sites_people_with_pages(self):
        html = self.get("/people/").content.decode()
        self.assertIn('<a href="/people/alex-sample/">Alex Sample</a>', html)
        for name in ("Jordan Placeholder", "Casey Placeholder", "Avery Example"):
            self.assertNotIn(name, html)
        html = self.get("/es/people/").content.decode()
        self.assertIn("<h1>Portavoces</h1>", html)
        self.assertIn('<a href="/es/people/alex-sample/">Alex Sample</a>', html)
        self.assertIn("Casey Placeholder", self.get("/people/", COALITION_HOST).content.decode())

    def test_the_sitemap_lists_the_pages_in_both_languages(self):
        xml = self.get("/sitemap.xml").content.decode()
        self.assertIn("<loc>http://localhost/people/alex-sample/</loc>", xml)
        self.assertIn("<loc>http://localhost/es/people/alex-sample/</loc>", xml)
        self.assertIn('hreflang="es" href="http://localhost/es/people/alex-sample/"', xml)
        self.assertIn("<loc>http://localhost/people/</loc>", xml)
        self.assertNotIn("jordan-placeholder", xml)
        self.assertNotIn("casey-placeholder", xml)
        self.assertIn("/people/casey-placeholder/", self.get("/sitemap.xml", COALITION_HOST).content.decode())

    def test_the_page_is_kept_at_the_edge_and_filed_under_its_rooms_stories(self):
        response = self.get("/people/alex-sample/")
        self.assertIn("public", response["Cache-Control"])
        keys = response["xkey"].split()
        self.assertIn(room_key(self.sites.cipc_press.pk), keys)
        # A story naming them, published or withdrawn, purges that key.
        self.assertIn(room_key(self.sites.cipc_press.pk), self.alex_stories[0].get_purge_keys())
        # Not found yet (no story on this site): filed under the room too, so the first
        # story purges it.
        missing = self.get("/people/casey-placeholder/", status=404)
        self.assertIn(room_key(self.sites.cipc_press.pk), missing["xkey"].split())
        spanish = self.get("/es/people/casey-placeholder/", COALITION_HOST)
        self.assertIn(room_key(self.sites.coalition_press.pk), spanish["xkey"].split())
