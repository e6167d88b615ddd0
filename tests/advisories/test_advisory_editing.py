"""An editor makes a story a media advisory in its Media advisory panel: wall-clock times at the
event, in its time zone; a mistake is a form error that keeps the typing; the preview shows the
block before anything is saved."""

import datetime

from wagtail.test.utils.form_data import inline_formset

from advisories.models import AdvisoryEvent
from press.models import StoryPage
from tests.editors import SuperuserEditorTestCase, story_form_data

EVENT = {
    "date": "2031-03-12",
    "start_time": "09:30",
    "end_time": "10:15",
    "end_date": "",
    "time_zone": "America/Chicago",
    "venue": "Sample Union Hall",
    "address": "200 Example Avenue, Chicago, IL 60601",
    "online_url": "",
    "visuals": "Sample signs",
    "interviews": "Casey Placeholder, in English and Spanish",
    "rsvp_open": "on",
}


class AdvisoryEditorTests(SuperuserEditorTestCase):
    def setUp(self):
        super().setUp()
        self.add_url = f"/admin/pages/add/press/storypage/{self.sites.cipc_press.pk}/"

    def form_data(self, event, **overrides):
        return story_form_data(
            category=self.sites.statement,
            spokesperson=self.person,
            advisory_events=inline_formset([event]),
            **overrides,
        )

    def test_the_editor_shows_the_media_advisory_panel(self):
        response = self.client.get(self.add_url)
        self.assertContains(response, "Media advisory")
        self.assertContains(response, "advisory_events-TOTAL_FORMS")
        self.assertContains(response, 'value="America/Los_Angeles" selected')

    def test_publishing_stores_the_event_in_its_zone_and_the_page_shows_it(self):
        self.client.post(self.add_url, self.form_data(EVENT, action="publish"))
        story = StoryPage.objects.get(slug="statement-on-the-emergency-declaration")
        event = AdvisoryEvent.objects.get(story=story)
        # 9:30 in Chicago (daylight time on March 12, 2031) is 14:30 UTC.
        self.assertEqual(event.starts_at, datetime.datetime(2031, 3, 12, 14, 30, tzinfo=datetime.UTC))
        self.client.logout()
        response = self.client.get(story.url)
        self.assertContains(response, "Wednesday, March 12, 2031, 9:30 AM–10:15 AM CDT")

    def test_an_end_before_the_start_or_no_place_is_a_form_error_that_keeps_the_typing(self):
        data = self.form_data({**EVENT, "end_time": "08:00", "venue": "", "address": ""}, action="publish")
        response = self.client.post(self.add_url, data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(StoryPage.objects.filter(slug="statement-on-the-emergency-declaration").exists())
        self.assertContains(response, "The event must end after it starts")
        self.assertContains(response, "Say where: a venue or address, or an online link.")
        self.assertContains(response, "Casey Placeholder, in English and Spanish")

    def test_the_preview_shows_the_block_before_anything_is_saved(self):
        preview_url = f"{self.add_url}preview/"
        response = self.client.post(preview_url, self.form_data(EVENT))
        self.assertJSONEqual(response.content, {"is_valid": True, "is_available": True})
        response = self.client.get(preview_url)
        self.assertContains(response, "Media advisory")
        self.assertContains(response, "9:30 AM–10:15 AM CDT")
        self.assertContains(response, "Sample Union Hall")
        self.assertFalse(AdvisoryEvent.objects.exists())
