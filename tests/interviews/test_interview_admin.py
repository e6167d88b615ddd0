"""The press team's side: each site's team lists, filters and answers its own site's interview
requests in the admin, and never sees another site's."""

from interviews.models import InterviewRequest
from tests.editors import TeamsTestCase
from tests.interviews.helpers import make_request

LIST = "/admin/interview_requests/"


class InterviewRequestsAdminTests(TeamsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        sites = cls.sites
        cls.coalition_request = make_request(sites.coalition_site, sites.coalition_press, "Quinn Coalitionreporter")
        cls.closed_request = make_request(
            sites.coalition_site, sites.coalition_press, "Avery Closedrequest", status=InterviewRequest.Status.CLOSED
        )
        cls.cipc_request = make_request(sites.cipc_site, sites.cipc_press, "Morgan Cipcreporter")

    def test_a_team_lists_its_own_sites_requests_only(self):
        self.client.force_login(self.users["iceout-editor"])
        response = self.client.get(LIST)
        self.assertContains(response, "Quinn Coalitionreporter")
        self.assertContains(response, "Avery Closedrequest")
        self.assertNotContains(response, "Morgan Cipcreporter")
        self.client.force_login(self.users["cipc-moderator"])
        response = self.client.get(LIST)
        self.assertContains(response, "Morgan Cipcreporter")
        self.assertNotContains(response, "Quinn Coalitionreporter")

    def test_the_list_filters_by_status(self):
        self.client.force_login(self.users["iceout-editor"])
        response = self.client.get(LIST, {"status": "new"})
        self.assertContains(response, "Quinn Coalitionreporter")
        self.assertNotContains(response, "Avery Closedrequest")

    def test_an_editor_marks_a_request_answered_with_a_note(self):
        self.client.force_login(self.users["iceout-editor"])
        url = f"{LIST}edit/{self.coalition_request.pk}/"
        page = self.client.get(url)
        self.assertContains(page, "Fictional request for the tests.")
        response = self.client.post(url, {"status": "answered", "notes": "Riley called back at 3 p.m."})
        self.assertEqual(response.status_code, 302)
        self.coalition_request.refresh_from_db()
        self.assertEqual(self.coalition_request.status, "answered")
        self.assertEqual(self.coalition_request.notes, "Riley called back at 3 p.m.")
        # What the journalist sent is not the editor's to change.
        self.assertEqual(self.coalition_request.name, "Quinn Coalitionreporter")

    def test_another_sites_team_gets_not_found_and_changes_nothing(self):
        self.client.force_login(self.users["cipc-editor"])
        for path in ("edit", "delete", "history", "usage"):
            with self.subTest(path=path):
                response = self.client.get(f"{LIST}{path}/{self.coalition_request.pk}/")
                self.assertIn(response.status_code, {403, 404})
                self.assertNotIn("Quinn", response.content.decode())
        response = self.client.post(f"{LIST}edit/{self.coalition_request.pk}/", {"status": "closed", "notes": "x"})
        self.assertEqual(response.status_code, 404)
        self.coalition_request.refresh_from_db()
        self.assertEqual((self.coalition_request.status, self.coalition_request.notes), ("new", ""))

    def test_requests_come_only_from_journalists_and_only_superusers_delete(self):
        self.client.force_login(self.users["iceout-moderator"])
        self.assertEqual(self.client.get(f"{LIST}new/").status_code, 302)  # refused: back to the dashboard
        self.client.post(f"{LIST}delete/{self.coalition_request.pk}/")
        self.assertTrue(InterviewRequest.objects.filter(pk=self.coalition_request.pk).exists())
