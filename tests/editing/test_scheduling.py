"""Embargoed stories: an editor sets "go live at", a moderator approves, and the story appears
only when the scheduler runs after that time."""

import datetime
from unittest import mock

from django.core.management import call_command
from django.utils import timezone

from press.models import StoryPage
from tests.editors import TeamsTestCase, story_form_data

STORY_URL = "/press/statement-on-the-emergency-declaration/"


class ScheduledPublishingTests(TeamsTestCase):
    def visitor_sees_story(self):
        self.client.logout()
        story = self.client.get(STORY_URL, HTTP_HOST="iceout.localhost")
        press_room = self.client.get("/press/", HTTP_HOST="iceout.localhost")
        listed = "Statement on the emergency declaration" in press_room.content.decode()
        self.assertEqual(story.status_code == 200, listed)
        return listed

    def test_a_story_approved_for_later_goes_live_when_the_scheduler_runs_after_its_time(self):
        go_live_at = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(hours=1)
        self.client.force_login(self.users["iceout-editor"])
        data = story_form_data(
            category=self.sites.statement,
            spokesperson=self.person,
            action="submit",
            go_live_at=timezone.localtime(go_live_at).strftime("%Y-%m-%d %H:%M"),
        )
        self.client.post(f"/admin/pages/add/press/storypage/{self.sites.coalition_press.pk}/", data)
        story = StoryPage.objects.get(slug="statement-on-the-emergency-declaration")

        self.client.force_login(self.users["iceout-moderator"])
        task_state = story.current_workflow_task_state
        self.client.post(f"/admin/pages/workflow/action/{story.pk}/approve/{task_state.pk}/", {"comment": ""})
        story.refresh_from_db()
        self.assertEqual(story.status_string, "scheduled")
        self.assertEqual(story.get_latest_revision().approved_go_live_at, go_live_at)

        call_command("run_scheduler", once=True)
        self.assertFalse(self.visitor_sees_story())

        with mock.patch("django.utils.timezone.now", return_value=go_live_at + datetime.timedelta(minutes=1)):
            call_command("run_scheduler", once=True)
        self.assertTrue(self.visitor_sees_story())
        self.assertContains(self.client.get(STORY_URL, HTTP_HOST="iceout.localhost"), "We reject this.")
