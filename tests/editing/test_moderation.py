"""Coalition stories go through their moderators: editors submit, moderators are emailed and approve,
and a moderator is told what an approval or a request for changes did."""

from django.core import mail
from django.test import TestCase
from wagtail.models import Page, Site, Workflow, WorkflowPage

from coalition.models import CoalitionHomePage
from press.models import StoryPage
from teams.setup import ensure_all_teams
from tests.editors import TeamsTestCase, story_form_data
from tests.sites import build_press_sites


class ModerationTests(TeamsTestCase):
    def submit_coalition_story(self):
        self.client.force_login(self.users["iceout-editor"])
        data = story_form_data(
            category=self.sites.statement, spokesperson=self.person, signatories=self.sites.members, action="submit"
        )
        response = self.client.post(f"/admin/pages/add/press/storypage/{self.sites.coalition_press.pk}/", data)
        story = StoryPage.objects.get(slug="statement-on-the-emergency-declaration")
        self.assertRedirects(response, f"/admin/pages/{self.sites.coalition_press.pk}/")
        return story

    def approve(self, story, user):
        self.client.force_login(user)
        task_state = story.current_workflow_task_state
        return self.client.post(f"/admin/pages/workflow/action/{story.pk}/approve/{task_state.pk}/", {"comment": ""})

    def test_a_coalition_editor_can_only_submit_to_the_coalitions_moderators(self):
        self.client.force_login(self.users["iceout-editor"])
        response = self.client.get(f"/admin/pages/add/press/storypage/{self.sites.coalition_press.pk}/")
        self.assertContains(response, "Submit to ICE Out of California moderation")
        self.assertNotContains(response, 'name="action-publish"')

    def test_submitting_emails_the_sites_moderators_and_nobody_else(self):
        story = self.submit_coalition_story()

        self.assertFalse(story.live)
        self.assertEqual(story.status_string, "in moderation")
        recipients = sorted(address for message in mail.outbox for address in message.to)
        self.assertEqual(recipients, ["iceout-moderator-2@example.org", "iceout-moderator@example.org"])
        message = mail.outbox[0]
        self.assertIn("Statement on the emergency declaration", message.subject)
        self.assertIn(f"/admin/pages/{story.pk}/edit/", message.body)

    def test_the_story_is_not_public_until_a_moderator_approves_it(self):
        story = self.submit_coalition_story()
        self.client.logout()
        url = "/press/statement-on-the-emergency-declaration/"
        self.assertEqual(self.client.get(url, HTTP_HOST="iceout.localhost").status_code, 404)

        mail.outbox.clear()
        response = self.approve(story, self.users["iceout-moderator"])
        self.assertRedirects(response, f"/admin/pages/{story.pk}/edit/", fetch_redirect_response=False)
        story.refresh_from_db()
        self.assertTrue(story.live)
        # The editor hears that it was approved.
        self.assertEqual([message.to for message in mail.outbox], [["iceout-editor@example.org"]])

        self.client.logout()
        self.assertContains(self.client.get(url, HTTP_HOST="iceout.localhost"), "We reject this.")
        # CIPC signed it (it is one of the coalition's default signatories), so CIPC lists it too.
        self.assertContains(self.client.get("/press/", HTTP_HOST="localhost"), "Statement on the emergency declaration")

    def test_a_moderator_can_approve_and_publish_from_the_editor(self):
        story = self.submit_coalition_story()
        self.client.force_login(self.users["iceout-moderator"])
        editor = self.client.get(f"/admin/pages/{story.pk}/edit/")
        self.assertContains(editor, "Approve and Publish")
        data = story_form_data(
            category=self.sites.statement,
            spokesperson=self.person,
            signatories=self.sites.members,
            action="workflow-action",
        )
        data["workflow-action-name"] = "approve"
        self.client.post(f"/admin/pages/{story.pk}/edit/", data)
        story.refresh_from_db()
        self.assertTrue(story.live)

    def test_while_in_moderation_only_the_moderators_can_change_the_story(self):
        story = self.submit_coalition_story()
        data = story_form_data(
            category=self.sites.statement, spokesperson=self.person, summary="Changed behind their back."
        )
        self.client.post(f"/admin/pages/{story.pk}/edit/", data)
        self.assertEqual(story.get_latest_revision_as_object().summary, "CIPC responds to the declaration.")

    def test_cipcs_moderators_cannot_approve_a_coalition_story(self):
        story = self.submit_coalition_story()
        response = self.approve(story, self.users["cipc-moderator"])
        self.assertIn(response.status_code, (302, 403))
        story.refresh_from_db()
        self.assertFalse(story.live)
        self.assertEqual(story.status_string, "in moderation")

    def test_cipc_has_its_own_moderation_by_cipcs_moderators(self):
        self.client.force_login(self.users["cipc-editor"])
        data = story_form_data(category=self.sites.statement, spokesperson=self.person, action="submit")
        self.client.post(f"/admin/pages/add/press/storypage/{self.sites.cipc_press.pk}/", data)
        self.assertEqual([message.to for message in mail.outbox], [["cipc-moderator@example.org"]])


class WorkflowSetupTests(TestCase):
    """The workflows are set up by `setup_teams` (and by adding a site), idempotently."""

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        ensure_all_teams()

    def workflow_of(self, site):
        return WorkflowPage.objects.get(page=site.root_page_id).workflow

    def test_running_setup_again_creates_nothing_new(self):
        before = list(Workflow.objects.order_by("pk").values_list("name", flat=True))
        ensure_all_teams()
        ensure_all_teams()
        self.assertEqual(list(Workflow.objects.order_by("pk").values_list("name", flat=True)), before)
        self.assertIn("ICE Out of California moderation", before)
        self.assertIn("California Immigrant Policy Center moderation", before)

    def test_a_coalition_cannot_lose_its_moderation(self):
        unmoderated = Workflow.objects.create(name="Straight through")
        WorkflowPage.objects.filter(page=self.sites.coalition_home.pk).update(workflow=unmoderated)
        ensure_all_teams()
        self.assertEqual(self.workflow_of(self.sites.coalition_site).name, "ICE Out of California moderation")

    def test_cipcs_workflow_is_the_admins_choice(self):
        legal_review = Workflow.objects.create(name="Legal review")
        WorkflowPage.objects.filter(page=self.sites.cipc_home.pk).update(workflow=legal_review)
        ensure_all_teams()
        self.assertEqual(self.workflow_of(self.sites.cipc_site).name, "Legal review")

    def test_a_new_coalition_gets_moderation_when_its_site_is_added(self):
        home = Page.get_first_root_node().add_child(instance=CoalitionHomePage(title="Coalition Two", slug="two"))
        with self.captureOnCommitCallbacks(execute=True):
            site = Site.objects.create(hostname="two.localhost", port=80, root_page=home, site_name="Coalition Two")
        workflow = self.workflow_of(site)
        self.assertEqual(workflow.name, "Coalition Two moderation")
        task = workflow.tasks.get().specific
        self.assertEqual([group.name for group in task.groups.all()], ["Coalition Two moderators"])


class ApprovalMessageTests(TeamsTestCase):
    def test_approving_from_the_dashboard_confirms_what_happened(self):
        self.client.force_login(self.users["iceout-editor"])
        data = story_form_data(
            category=self.sites.statement, spokesperson=self.person, signatories=self.sites.members, action="submit"
        )
        self.client.post(f"/admin/pages/add/press/storypage/{self.sites.coalition_press.pk}/", data)
        story = StoryPage.objects.get(slug="statement-on-the-emergency-declaration")

        self.client.force_login(self.users["iceout-moderator"])
        dashboard = self.client.get("/admin/")
        task_state = story.current_workflow_task_state
        action = f"/admin/pages/workflow/action/{story.pk}/approve/{task_state.pk}/"
        self.assertContains(dashboard, action)
        # The dashboard's button posts in the background and then reloads the dashboard.
        response = self.client.post(
            action, {"comment": "", "next": "/admin/"}, headers={"x-requested-with": "XMLHttpRequest"}
        )
        self.assertEqual(response.json()["step"], "success")
        dashboard = self.client.get("/admin/")
        self.assertContains(dashboard, "“Statement on the emergency declaration” approved and published.")
        self.assertTrue(Page.objects.get(pk=story.pk).live)

    def test_requesting_changes_is_confirmed_too(self):
        self.client.force_login(self.users["iceout-editor"])
        data = story_form_data(category=self.sites.statement, spokesperson=self.person, action="submit")
        self.client.post(f"/admin/pages/add/press/storypage/{self.sites.coalition_press.pk}/", data)
        story = StoryPage.objects.get(slug="statement-on-the-emergency-declaration")
        self.client.force_login(self.users["iceout-moderator"])
        task_state = story.current_workflow_task_state
        response = self.client.post(
            f"/admin/pages/workflow/action/{story.pk}/reject/{task_state.pk}/",
            {"comment": "Cite the ruling."},
            follow=True,
        )
        self.assertContains(response, "Changes requested on “Statement on the emergency declaration”")
