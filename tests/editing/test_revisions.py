"""Nothing an editor saves is lost: revisions are kept, compared and reverted; the editor
autosaves; two people on one story see each other and cannot silently overwrite each other."""

from wagtail.admin.models import EditingSession

from press.models import StoryPage
from tests.editors import TeamsTestCase, story_form_data
from tests.factories import make_story

JSON = {"Accept": "application/json"}


class RevisionTests(TeamsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.story = make_story(
            cls.sites.coalition_press,
            "Statement on the emergency declaration",
            summary="First summary.",
            category=cls.sites.statement,
        )

    def setUp(self):
        self.client.force_login(self.users["iceout-editor"])
        self.edit_url = f"/admin/pages/{self.story.pk}/edit/"

    def edit(self, summary, headers=None, **extra):
        data = story_form_data(category=self.sites.statement, spokesperson=self.person, summary=summary)
        data.update(extra)
        return self.client.post(self.edit_url, data, headers=headers or {})

    def loaded(self, revision):
        """What the editor form sends about the revision it was opened on."""
        return {"loaded_revision_id": str(revision.pk), "loaded_revision_created_at": revision.created_at.isoformat()}

    def revision_ids(self):
        return list(self.story.revisions.order_by("created_at", "pk").values_list("pk", flat=True))

    def test_every_save_is_kept_and_can_be_compared(self):
        self.edit("Second summary.")
        self.edit("Third summary.")
        first, _, third = self.revision_ids()

        history = self.client.get(f"/admin/pages/{self.story.pk}/history/")
        self.assertEqual(history.status_code, 200)
        self.assertContains(history, f"/admin/pages/{self.story.pk}/revisions/compare/")

        compare = self.client.get(f"/admin/pages/{self.story.pk}/revisions/compare/{first}...{third}/")
        self.assertContains(compare, '<span class="deletion">First</span><span class="addition">Third</span> summary.')
        # The live story is untouched by drafts.
        self.assertContains(
            self.client.get("/press/statement-on-the-emergency-declaration/", HTTP_HOST="iceout.localhost"),
            "First summary.",
        )

    def test_reverting_brings_an_old_version_back_as_a_new_draft_and_keeps_the_others(self):
        self.edit("Second summary.")
        first, _ = self.revision_ids()

        revert = self.client.get(f"/admin/pages/{self.story.pk}/revisions/{first}/revert/")
        self.assertContains(revert, "First summary.")
        self.assertContains(revert, "You are viewing a previous version of this page")

        self.edit("First summary.", revision=str(first))
        self.assertEqual(len(self.revision_ids()), 3)
        latest = StoryPage.objects.get(pk=self.story.pk).get_latest_revision_as_object()
        self.assertEqual(latest.summary, "First summary.")

    def test_the_editor_autosaves_into_one_draft_revision(self):
        editor = self.client.get(self.edit_url)
        self.assertContains(editor, 'data-w-autosave-interval-value="500"')
        loaded = self.story.get_latest_revision()

        first = self.edit("Typing…", headers=JSON, **self.loaded(loaded))
        self.assertEqual(first.status_code, 200)
        self.assertTrue(first.json()["success"])
        autosaved = first.json()["revision_id"]

        second = self.edit("Typing more…", headers=JSON, overwrite_revision_id=str(autosaved))
        self.assertEqual(second.json()["revision_id"], autosaved)
        self.assertEqual(self.revision_ids(), [loaded.pk, autosaved])
        self.assertEqual(self.story.revisions.get(pk=autosaved).content["summary"], "Typing more…")

    def test_two_people_on_one_story_see_each_other_and_neither_overwrites_the_other(self):
        moderator = self.users["iceout-moderator"]
        self.client.get(self.edit_url)
        loaded = self.story.get_latest_revision()
        self.client.force_login(moderator)
        self.client.get(self.edit_url)
        self.edit("The moderator's summary.")

        self.client.force_login(self.users["iceout-editor"])
        session = EditingSession.objects.get(user=self.users["iceout-editor"], object_id=str(self.story.pk))
        ping = self.client.post(
            f"/admin/editing-sessions/ping/wagtailcore/page/{self.story.pk}/{session.pk}/",
            {"revision_id": loaded.pk},
        )
        self.assertEqual([other["user"] for other in ping.json()["other_sessions"]], ["iceout-moderator"])
        self.assertIn("iceout-moderator saved a new version", ping.json()["html"])

        # The editor's autosave of the older version is refused, not written over the newer one.
        stale = self.edit("The editor's summary.", headers=JSON, **self.loaded(loaded))
        self.assertEqual(stale.status_code, 400)
        self.assertEqual(stale.json()["error_message"], "Saving will overwrite a newer version.")
        latest = StoryPage.objects.get(pk=self.story.pk).get_latest_revision_as_object()
        self.assertEqual(latest.summary, "The moderator's summary.")
