"""A new story is stored when its editor saves it: the create form does not autosave (an
abandoned form leaves no silent draft in the room), an autosave request creates nothing, the
first save says "created", and a title whose address is taken is an error at the title, where
the editor is typing, with everything they typed kept. A saved story autosaves as before."""

from press.models import StoryPage
from tests.editors import TeamsTestCase, story_form_data
from tests.factories import make_story

JSON = {"Accept": "application/json"}


class NewPageNotAutosavedTests(TeamsTestCase):
    def setUp(self):
        self.client.force_login(self.users["iceout-editor"])
        self.add_url = f"/admin/pages/add/press/storypage/{self.sites.coalition_press.pk}/"

    def form(self, **overrides):
        return story_form_data(category=self.sites.statement, spokesperson=self.person, **overrides)

    def stories_titled(self, title):
        return StoryPage.objects.filter(title=title).count()

    def test_the_new_story_form_does_not_autosave_but_a_saved_story_does(self):
        new = self.client.get(self.add_url)
        self.assertEqual(new.status_code, 200)
        self.assertNotContains(new, "data-w-autosave-interval-value")
        self.assertContains(new, 'data-w-unsaved-confirmation-value="true"')  # leaving still asks
        story = make_story(self.sites.coalition_press, "Coalition statement on detention")
        self.assertContains(self.client.get(f"/admin/pages/{story.pk}/edit/"), 'data-w-autosave-interval-value="500"')

    def test_an_autosave_of_a_new_story_creates_nothing(self):
        response = self.client.post(self.add_url, self.form(title="Abandoned draft", slug=""), headers=JSON)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["error_message"], "A new page is stored when you save it.")
        self.assertEqual(self.stories_titled("Abandoned draft"), 0)

    def test_the_first_save_says_created(self):
        response = self.client.post(self.add_url, self.form(title="Coalition statement on courts"), follow=True)
        self.assertContains(response, "Page &#x27;Coalition statement on courts&#x27; created.")
        self.assertNotContains(response, "updated")
        self.assertEqual(self.stories_titled("Coalition statement on courts"), 1)

    def test_a_title_whose_address_is_taken_is_an_error_at_the_title_and_keeps_what_was_typed(self):
        make_story(self.sites.coalition_press, "Coalition statement on policing")
        data = self.form(
            title="Coalition statement on policing",
            slug="coalition-statement-on-policing",
            summary="Words the editor typed and must not lose.",
        )
        response = self.client.post(self.add_url, data)
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertIn(
            "Another page here already has the address 'coalition-statement-on-policing', which this title "
            "makes. Change the title, or the slug on the Promote tab.",
            form.errors["title"],
        )
        self.assertIn("slug", form.errors)  # still marked on the Promote tab too
        self.assertContains(response, "Words the editor typed and must not lose.")
        self.assertEqual(self.stories_titled("Coalition statement on policing"), 1)
