"""A media advisory as a journalist meets it: the When/Where/Visuals/Interviews block at the top
of the story, in the event's own time zone and in both languages; its calendar file; its Event
for search engines."""

import datetime
import json
import re
import zoneinfo

import icalendar
from django.test import TestCase

from advisories.models import AdvisoryEvent
from tests.advisories.data import FUTURE_DAY, make_advisory
from tests.factories import make_story
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites, translate, translate_press_sites

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def json_ld(html):
    return [json.loads(found) for found in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]


class AdvisoryPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.story = make_advisory(
            cls.sites.cipc_press,
            "Example Network holds a sample briefing in New York",
            time_zone="America/New_York",
            venue="Sample Press Club",
            address="1 Example Plaza, New York, NY 10001",
        )
        cls.plain = make_story(cls.sites.cipc_press, "A sample story with no event")

    def get(self, path, host=CIPC_HOST, status=200):
        response = self.client.get(path, HTTP_HOST=host)
        self.assertEqual(response.status_code, status, path)
        return response

    def test_the_block_shows_when_where_visuals_and_interviews_in_the_events_own_zone(self):
        html = self.get(self.story.url).content.decode()
        block = html.split('<section class="advisory"', 1)[1].split("</section>", 1)[0]
        # 10:00 in New York, shown as New York time (not the site's Pacific time, 7:00 AM).
        self.assertIn("Wednesday, January 15, 2031, 10:00 AM–11:30 AM EST", block)
        self.assertNotIn("7:00", block)
        self.assertIn('datetime="2031-01-15T10:00:00-05:00"', block)
        for words in ("Media advisory", "When", "Where", "Visuals", "Interviews", "Sample Press Club"):
            self.assertIn(words, block)
        self.assertIn(
            "https://www.google.com/maps/search/?api=1&amp;query=1+Example+Plaza%2C+New+York%2C+NY+10001", block
        )
        self.assertIn(f'href="/advisories/{self.story.pk}/event.ics"', block)
        self.assertIn("Add to calendar", block)
        # It comes before the story's body.
        self.assertLess(html.index('class="advisory"'), html.index('class="story__body"'))

    def test_a_story_without_an_event_has_no_block_calendar_or_form(self):
        html = self.get(self.plain.url).content.decode()
        self.assertNotIn('class="advisory"', html)
        self.assertNotIn('id="rsvp"', html)
        self.get(f"/advisories/{self.plain.pk}/event.ics", status=404)

    def test_the_block_is_in_spanish_on_the_spanish_story(self):
        translate_press_sites(self.sites)
        spanish = translate(
            self.story, title="La red de ejemplo convoca una rueda de prensa de muestra", slug="rueda-de-muestra"
        )
        html = self.get(spanish.url).content.decode()
        block = html.split('<section class="advisory"', 1)[1].split("</section>", 1)[0]
        self.assertIn("Aviso a los medios", block)
        self.assertIn("Cuándo", block)
        self.assertIn("Dónde", block)
        self.assertIn("miércoles 15 de enero de 2031, 10:00–11:30 EST", block)
        self.assertIn("Añadir al calendario", block)

    def test_the_calendar_file_parses_back_with_the_events_times_place_and_address(self):
        response = self.get(f"/advisories/{self.story.pk}/event.ics")
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        self.assertIn(
            'attachment; filename="example-network-holds-a-sample-briefing-in-new-york.ics"',
            response["Content-Disposition"],
        )
        calendar = icalendar.Calendar.from_ical(response.content)
        (event,) = calendar.walk("VEVENT")
        self.assertEqual(event.decoded("dtstart"), datetime.datetime(2031, 1, 15, 10, 0, tzinfo=NEW_YORK))
        self.assertEqual(event.decoded("dtend"), datetime.datetime(2031, 1, 15, 11, 30, tzinfo=NEW_YORK))
        self.assertEqual(event.decoded("dtstart").utcoffset(), datetime.timedelta(hours=-5))
        self.assertEqual(str(event["location"]), "Sample Press Club, 1 Example Plaza, New York, NY 10001")
        self.assertEqual(str(event["url"]), self.story.full_url)
        self.assertEqual(str(event["summary"]), self.story.title)
        self.assertEqual([zone["tzid"] for zone in calendar.walk("VTIMEZONE")], ["America/New_York"])
        self.assertIn("Casey Placeholder", str(event["description"]))

    def test_the_calendar_file_is_not_found_on_the_other_site_or_for_a_draft(self):
        self.get(f"/advisories/{self.story.pk}/event.ics", host=COALITION_HOST, status=404)
        draft = make_advisory(self.sites.cipc_press, "A sample advisory not yet published")
        draft.unpublish()
        self.get(f"/advisories/{draft.pk}/event.ics", status=404)
        self.get("/advisories/9999999999/event.ics", status=404)

    def test_the_page_states_the_event_for_search_engines(self):
        html = self.get(self.story.url).content.decode()
        events = [data for data in json_ld(html) if data.get("@type") == "Event"]
        self.assertEqual(len(events), 1)
        event = events[0]
        self.assertEqual(event["name"], self.story.title)
        self.assertEqual(event["startDate"], "2031-01-15T10:00:00-05:00")
        self.assertEqual(event["endDate"], "2031-01-15T11:30:00-05:00")
        self.assertEqual(event["location"]["name"], "Sample Press Club")
        self.assertEqual(event["location"]["address"]["streetAddress"], "1 Example Plaza, New York, NY 10001")
        self.assertEqual(event["eventAttendanceMode"], "https://schema.org/OfflineEventAttendanceMode")
        self.assertEqual(event["organizer"]["name"], "California Immigrant Policy Center")
        self.assertEqual(event["url"], self.story.full_url)
        # The story's NewsArticle is still there beside it.
        self.assertIn("NewsArticle", [data.get("@type") for data in json_ld(html)])

    def test_an_online_briefing_links_its_address_and_says_so_to_search_engines(self):
        story = make_advisory(
            self.sites.cipc_press,
            "A sample online briefing",
            venue="",
            address="",
            online_url="https://meet.example.org/briefing",
        )
        html = self.get(story.url).content.decode()
        self.assertIn('href="https://meet.example.org/briefing"', html)
        (event,) = [data for data in json_ld(html) if data.get("@type") == "Event"]
        self.assertEqual(event["location"], {"@type": "VirtualLocation", "url": "https://meet.example.org/briefing"})
        self.assertEqual(event["eventAttendanceMode"], "https://schema.org/OnlineEventAttendanceMode")
        calendar = icalendar.Calendar.from_ical(self.get(f"/advisories/{story.pk}/event.ics").content)
        self.assertEqual(str(calendar.walk("VEVENT")[0]["location"]), "https://meet.example.org/briefing")

    def test_the_utc_times_follow_the_local_times_on_every_save(self):
        event = AdvisoryEvent.objects.get(story=self.story)
        self.assertEqual(event.starts_at, datetime.datetime(2031, 1, 15, 15, 0, tzinfo=datetime.UTC))
        self.assertEqual(event.date, FUTURE_DAY)
