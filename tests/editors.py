"""What tests need to act as the people in the admin: team members and the story editor's form."""

from django.contrib.auth import get_user_model
from django.test import TestCase
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from teams.setup import ensure_all_teams
from tests.factories import SpokespersonFactory, refuse_real_speaker
from tests.sites import build_press_sites


def team_members(sites):
    """The demo cast for ``build_press_sites``: an editor and two moderators for the coalition,
    an editor and a moderator for CIPC. Returns {username: user}."""
    teams = {team.site_id: team for team in ensure_all_teams()}
    coalition, cipc = teams[sites.coalition_site.pk], teams[sites.cipc_site.pk]
    cast = {
        "iceout-editor": coalition.editors,
        "iceout-moderator": coalition.moderators,
        "iceout-moderator-2": coalition.moderators,
        "cipc-editor": cipc.editors,
        "cipc-moderator": cipc.moderators,
    }
    users = {}
    for username, group in cast.items():
        user = get_user_model().objects.create_user(
            username=username, email=f"{username}@example.org", password="a long test password"
        )
        user.groups.add(group)
        users[username] = user
    return users


def story_form_data(*, category, spokesperson, signatories=(), action=None, **overrides):
    """POST data for the story editor, as a browser sends it; ``action`` is e.g. "publish" or "submit"."""
    refuse_real_speaker(spokesperson.pk)  # its statement's words are made up
    data = {
        "title": "Statement on the emergency declaration",
        "slug": "statement-on-the-emergency-declaration",
        "subtitle": "Compassion will win out",
        "date": "2019-02-15",
        "category": str(category.pk) if category else "",
        "dateline": "Los Angeles, CA",
        "summary": "CIPC responds to the declaration.",
        "body": streamfield(
            [("statement", {"spokesperson": spokesperson.pk, "text": rich_text("<p>We reject this.</p>")})]
        ),
        "signatories_heading": "",
        "signatories": inline_formset([{"organization": str(org.pk)} for org in signatories]),
        "corrections": inline_formset([]),
        "advisory_events": inline_formset([]),  # the Media advisory panel, left empty
        "comments": inline_formset([]),
    }
    data.update(overrides)
    form = nested_form_data(data)
    if action:
        form[f"action-{action}"] = action
    return form


class TeamsTestCase(TestCase):
    """Both sites, their teams' members and a shared spokesperson, built once per test class."""

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.users = team_members(cls.sites)
        cls.person = SpokespersonFactory(name="Casey Placeholder", organization=cls.sites.sample_org)


class SuperuserEditorTestCase(WagtailTestUtils, TestCase):
    """Both sites and a shared spokesperson, built once per test class; each test signed in to
    the admin as a superuser (WagtailTestUtils.login)."""

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.person = SpokespersonFactory(name="Casey Placeholder", organization=cls.sites.sample_org)

    def setUp(self):
        super().setUp()
        self.login()
