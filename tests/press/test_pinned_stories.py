"""A press room's pinned story: an editor pins one of the room's stories (or marks it breaking,
until an optional time) and it leads the room's first page and the home page with a banner in
the page's language, until it is unpinned or its time passes. Bad input is a form error."""

import datetime
import io
import re

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from press.models import PressIndexPage
from tests.factories import make_story
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites, translate, translate_press_sites

BANNER = re.compile(r'<p class="pinned__banner" id="pinned-heading">([^<]+)</p>')


def pin(room, story, *, breaking=False, until=None):
    room = PressIndexPage.objects.get(pk=room.pk)  # fresh: stories changed its tree fields
    room.pinned_story, room.pinned_breaking, room.pinned_until = story, breaking, until
    room.save_revision().publish()
    return room


class PinnedStoryCase(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.room = cls.sites.coalition_press
        title = "Example Network opens a fictional legal clinic"
        cls.older = make_story(cls.room, title, date=datetime.date(2024, 3, 1))
        for day in range(2, 9):  # newer stories, so the older one is far down the listing
            make_story(cls.room, f"Fictional update number {day}", date=datetime.date(2024, 4, day))
        cls.elsewhere = make_story(cls.sites.cipc_press, "A fictional story of the other site")

    def get(self, path, host=COALITION_HOST, status=200):
        response = self.client.get(path, HTTP_HOST=host)
        self.assertEqual(response.status_code, status)
        return response

    def banner(self, path, host=COALITION_HOST):
        """The banner's words on ``path`` and the title the lead block links to, or None."""
        html = self.get(path, host).content.decode()
        found = BANNER.search(html)
        if found is None:
            return None
        lead = html[found.end() :].split("</section>", 1)[0]
        return found.group(1), re.search(r'class="pinned__title"><a href="([^"]+)">([^<]+)<', lead).groups()


class ShowingTests(PinnedStoryCase):
    def test_nothing_pinned_shows_no_lead_block(self):
        self.assertIsNone(self.banner("/press/"))
        self.assertIsNone(self.banner("/"))

    def test_a_pinned_story_leads_the_room_and_the_home_page_and_stays_in_the_listing(self):
        pin(self.room, self.older)
        lead = ("Pinned", ("/press/example-network-opens-a-fictional-legal-clinic/", self.older.title))
        self.assertEqual(self.banner("/press/"), lead)
        self.assertEqual(self.banner("/"), lead)
        html = self.get("/press/").content.decode()
        # Ahead of the listing, and in the listing where its date puts it (last).
        self.assertLess(html.index('class="pinned'), html.index('class="listing"'))
        self.assertEqual(html.count(f">{self.older.title}</a>"), 2)
        # Another site's pages are not touched.
        self.assertIsNone(self.banner("/press/", CIPC_HOST))

    def test_breaking_says_so_and_only_the_first_page_of_the_whole_listing_leads_with_it(self):
        pin(self.room, self.older, breaking=True)
        self.assertEqual(self.banner("/press/")[0], "Breaking")
        self.assertEqual(self.banner("/")[0], "Breaking")
        self.assertIsNone(self.banner("/press/?category=statement"))
        PressIndexPage.objects.filter(pk=self.room.pk).update(per_page=5)
        self.assertIsNone(self.banner("/press/?page=2"))

    def test_the_spanish_room_and_home_page_show_the_banner_in_spanish(self):
        spanish = translate_press_sites(self.sites)
        pin(self.room, self.older, breaking=True)
        # No Spanish version of the story yet: the original, marked as English.
        self.assertEqual(self.banner("/es/press/")[0], "Última hora")
        self.assertIn('<div class="pinned__story" lang="en">', self.get("/es/").content.decode())
        # With one, the Spanish version.
        translated = translate(self.older, title="La red de ejemplo abre una clínica legal ficticia")
        self.assertEqual(translated.get_parent().pk, spanish.coalition_press.pk)
        self.assertEqual(self.banner("/es/")[1][1], "La red de ejemplo abre una clínica legal ficticia")
        pin(self.room, self.older)
        self.assertEqual(self.banner("/es/press/")[0], "Destacado")
        self.assertEqual(self.banner("/press/")[0], "Pinned")

    def test_an_unpublished_pinned_story_is_not_shown(self):
        pin(self.room, self.older)
        self.older.unpublish()
        self.assertIsNone(self.banner("/press/"))
        self.assertIsNone(self.banner("/"))


class EndTimeTests(PinnedStoryCase):
    def test_the_answer_is_not_kept_past_the_end_time(self):
        pin(self.room, self.older, until=timezone.now() + datetime.timedelta(minutes=10))
        for path in ("/press/", "/"):
            cache_control = self.get(path)["Cache-Control"]
            s_maxage = int(re.search(r"s-maxage=(\d+)", cache_control).group(1))
            self.assertTrue(590 <= s_maxage <= 600, cache_control)

    def test_an_expired_pin_is_gone_at_once_and_the_scheduler_clears_it(self):
        pin(self.room, self.older, breaking=True, until=timezone.now() + datetime.timedelta(minutes=10))
        self.assertEqual(self.banner("/press/")[0], "Breaking")
        # Time passes (the end time is moved back rather than the clock forward).
        passed = timezone.now() - datetime.timedelta(seconds=1)
        PressIndexPage.objects.filter(pk=self.room.pk).update(pinned_until=passed)
        self.assertIsNone(self.banner("/press/"))
        self.assertIsNone(self.banner("/"))
        with self.captureOnCommitCallbacks(execute=True):
            call_command("unpin_expired", stdout=(out := io.StringIO()))
        self.assertEqual(out.getvalue(), "Unpinned the story of Press room (its end time has passed).\n")
        room = PressIndexPage.objects.get(pk=self.room.pk)
        self.assertEqual((room.pinned_story, room.pinned_breaking, room.pinned_until), (None, False, None))
        # The editor's form shows it unpinned too.
        self.login()
        html = self.client.get(f"/admin/pages/{room.pk}/edit/").content.decode()
        self.assertNotIn(f'value="{self.older.pk}"', re.search(r'name="pinned_story".*?>', html, re.S).group(0))


class EditorTests(PinnedStoryCase):
    def form(self, room=None, action="/edit/", **fields):
        room = PressIndexPage.objects.get(pk=(room or self.room).pk)
        data = nested_form_data(
            {
                "title": room.title,
                "slug": room.slug,
                "per_page": 20,
                "media_contacts": inline_formset([]),
                "action-publish": "publish",
                **fields,
            }
        )
        data.update({"also_list_rooms": []})
        return self.client.post(f"/admin/pages/{room.pk}{action}", data)

    def test_an_editor_pins_a_story_as_breaking_until_a_time(self):
        self.login()
        response = self.client.get(f"/admin/pages/{self.room.pk}/edit/")
        self.assertContains(response, "Pinned story")
        self.assertContains(response, "unpinned by itself at this time")
        until = timezone.localtime() + datetime.timedelta(hours=2)
        response = self.form(
            pinned_story=self.older.pk, pinned_breaking="on", pinned_until=until.strftime("%Y-%m-%d %H:%M")
        )
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        lead = ("/press/example-network-opens-a-fictional-legal-clinic/", self.older.title)
        self.assertEqual(self.banner("/press/"), ("Breaking", lead))

    def assert_refused(self, response, field, message):
        self.assertEqual(response.status_code, 200)  # the form again, with what the editor chose
        errors = response.context["form"].errors
        self.assertIn(message, " ".join(errors.get(field, [])), errors)
        self.assertIsNone(PressIndexPage.objects.get(pk=self.room.pk).pinned_story)
        self.assertIsNone(self.banner("/press/"))

    def test_a_story_of_another_room_cannot_be_pinned(self):
        # One pin per room, and only of its own stories: another room's pin is refused.
        self.login()
        response = self.form(pinned_story=self.elsewhere.pk, pinned_breaking="on", title="Press room (edited)")
        self.assert_refused(response, "pinned_story", "choose a live, public story of this press room")
        self.assertContains(response, 'value="Press room (edited)"')
        self.assertRegex(response.content.decode(), r'<input type="checkbox" name="pinned_breaking"[^>]* checked>')

    def test_a_time_that_has_passed_and_a_banner_without_a_story_are_refused(self):
        self.login()
        past = (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
        self.assert_refused(self.form(pinned_story=self.older.pk, pinned_until=past), "pinned_until", "has passed")
        self.assert_refused(self.form(pinned_breaking="on"), "pinned_story", "Choose the story to pin")

    def test_bad_input_is_a_form_error_never_a_500(self):
        self.login()
        for field, value in [
            ("pinned_story", "not-a-number"),
            ("pinned_story", "999999"),
            ("pinned_story", self.sites.cipc_home.pk),  # a page that is not a story
            ("pinned_until", "tomorrow at noon"),
            ("pinned_until", "2024-13-45 99:99"),
        ]:
            with self.subTest(field=field, value=value):
                response = self.form(**{"pinned_story": self.older.pk, field: value})
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response.context["form"].errors.get(field), response.context["form"].errors)

    def test_a_preview_of_the_room_leads_with_the_pin_being_edited_not_the_live_one(self):
        pin(self.room, self.older)
        newest = PressIndexPage.objects.get(pk=self.room.pk).get_children().live().order_by("-first_published_at")[0]
        self.login()
        response = self.form(action="/edit/preview/", pinned_story=newest.pk, pinned_breaking="on")
        self.assertEqual(response.json(), {"is_valid": True, "is_available": True})
        html = self.client.get(f"/admin/pages/{self.room.pk}/edit/preview/").content.decode()
        self.assertIn('id="pinned-heading">Breaking</p>', html)
        self.assertIn(f">{newest.title}</a></h2>", html)
        # Visitors still see the live pin until the editor publishes.
        self.assertEqual(self.banner("/press/")[1][1], self.older.title)

    def test_the_spanish_room_says_where_its_pin_is_set_instead_of_fields_that_would_do_nothing(self):
        spanish = translate_press_sites(self.sites)
        self.login()
        html = self.client.get(f"/admin/pages/{spanish.coalition_press.pk}/edit/").content.decode()
        self.assertIn("This room follows the pin set on the room in the default language", html)
        self.assertNotIn('name="pinned_story"', html)
        # Saving the Spanish room keeps the English room's pin, which the Spanish room shows.
        pin(self.room, self.older, breaking=True)
        response = self.form(room=spanish.coalition_press, title="Sala de prensa")
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        self.assertEqual(self.banner("/es/press/")[0], "Última hora")
        html = self.client.get(f"/admin/pages/{self.room.pk}/edit/").content.decode()
        self.assertIn('name="pinned_story"', html)
