"""Editors are helped: every field explains itself, new stories start sensibly filled in (and the
pre-filled signatories can be removed at once), and a refused form keeps everything typed."""

import datetime

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils.html import escape

from press.models import StoryPage
from tests.editors import TeamsTestCase, story_form_data
from tests.factories import SpokespersonFactory

# Wagtail's own commenting controls are not content fields.
NOT_CONTENT = {"comments", "comment_notifications", "ORDER", "DELETE", "id"}


def field_panels(panels):
    """The field panels in ``panels``, those inside panel groups (MultiFieldPanel) included."""
    for panel in panels:
        if hasattr(panel, "children"):
            yield from field_panels(panel.children)
        elif hasattr(panel, "field_name"):
            yield panel


def help_texts(form):
    """(field name, its help text) for every field the editor sees, inline rows included;
    an inline row's help may come from its panel."""
    for name, field in form.fields.items():
        if name not in NOT_CONTENT:
            yield name, field.help_text
    for prefix, formset in getattr(form, "formsets", {}).items():
        if prefix not in NOT_CONTENT:
            panels = field_panels(getattr(formset.model, "panels", []))
            panel_help = {panel.field_name: panel.help_text for panel in panels}
            for name, field in formset.empty_form.fields.items():
                if name not in NOT_CONTENT:
                    yield f"{prefix}.{name}", field.help_text or panel_help.get(name)


class HelpTextTests(TeamsTestCase):
    def test_every_field_of_every_editor_form_says_what_it_is_for(self):
        SpokespersonFactory(organization=self.sites.sample_org)
        admin = get_user_model().objects.create_superuser("help-admin", "help@example.org", "x" * 16)
        self.client.force_login(admin)
        sites = self.sites
        forms = {
            "story": f"/admin/pages/add/press/storypage/{sites.coalition_press.pk}/",
            "press room": f"/admin/pages/{sites.cipc_press.pk}/edit/",
            "organization home page": f"/admin/pages/{sites.cipc_home.pk}/edit/",
            "coalition home page": f"/admin/pages/{sites.coalition_home.pk}/edit/",
            "spokesperson": "/admin/snippets/core/spokesperson/add/",
            "organization": "/admin/snippets/core/organization/add/",
            "category": "/admin/snippets/core/category/add/",
            "topic": "/admin/snippets/core/topic/add/",
            "site branding": f"/admin/settings/core/sitebranding/{sites.coalition_site.pk}/",
            "install defaults": "/admin/settings/core/installdefaults/",
        }
        for form_name, url in forms.items():
            response = self.client.get(url, follow=True)  # a generic setting redirects to its one row
            self.assertEqual(response.status_code, 200, url)
            html = response.content.decode()
            for name, help_text in help_texts(response.context["form"]):
                with self.subTest(form=form_name, field=name):
                    self.assertTrue(help_text, "no help text")
                    self.assertIn(escape(str(help_text)), html)


class NewStoryTests(TeamsTestCase):
    def add_url(self):
        return f"/admin/pages/add/press/storypage/{self.sites.coalition_press.pk}/"

    def test_a_coalition_editors_new_story_starts_dated_today_as_a_statement_signed_by_the_members(self):
        self.client.force_login(self.users["iceout-editor"])
        response = self.client.get(self.add_url())
        today = datetime.date.today().isoformat()
        self.assertContains(response, f'value="{today}"')
        form = response.context["form"]
        self.assertEqual(form["category"].value(), self.sites.statement.pk)
        self.assertContains(response, f'name="category" value="{self.sites.statement.pk}"')
        self.assertEqual(
            [row["organization"].value() for row in form.formsets["signatories"].forms],
            [org.pk for org in self.sites.members],
        )
        self.assertContains(response, 'value="the ICE Out of California Coalition Steering Committee"')

    def test_submitting_an_incomplete_story_shows_the_errors_and_keeps_everything_typed(self):
        self.client.force_login(self.users["iceout-editor"])
        data = story_form_data(
            category=self.sites.statement,
            spokesperson=self.person,
            signatories=self.sites.members,
            action="submit",
            summary="",
            date="not a date",
            signatories_heading="the Steering Committee",
        )
        response = self.client.post(self.add_url(), data)

        self.assertEqual(response.status_code, 200)
        self.assertEqual(set(response.context["form"].errors), {"summary", "date"})
        self.assertContains(response, "This field is required.")
        self.assertContains(response, "Enter a valid date.")
        self.assertContains(response, 'value="not a date"')
        for typed in ("Statement on the emergency declaration", "Compassion will win out", "Los Angeles, CA"):
            self.assertContains(response, f'value="{typed}"')
        self.assertContains(response, 'value="the Steering Committee"')
        self.assertContains(response, "We reject this.")
        signatories = response.context["form"].formsets["signatories"].forms
        self.assertEqual([row["organization"].value() for row in signatories], [str(o.pk) for o in self.sites.members])
        self.assertFalse(StoryPage.objects.filter(title="Statement on the emergency declaration").exists())
        self.assertEqual(mail.outbox, [])


class SignatoriesTests(TeamsTestCase):
    def test_the_signatories_panel_offers_remove_all(self):
        self.client.force_login(self.users["iceout-editor"])
        response = self.client.get(f"/admin/pages/add/press/storypage/{self.sites.coalition_press.pk}/")
        self.assertContains(response, 'data-clear-inline="id_signatories-FORMS"')
        self.assertContains(response, "Remove all signatories")
        self.assertContains(response, "/static/press/js/clear-inline.js")
