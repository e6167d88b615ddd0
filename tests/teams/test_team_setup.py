"""How teams are made: one per site, the shared press directory, the "All sites" group."""

from django.contrib.auth import get_user_model
from django.test import TestCase
from wagtail.models import Page

from teams.setup import ensure_all_teams
from tests.sites import build_press_sites
from tests.teams.test_team_permissions import REFUSED, make_user

User = get_user_model()


class SharedDirectoryPermissionTests(TestCase):
    """Everyone chooses shared spokespeople and organisations; only the host organisation's
    teams (the default site, CIPC) edit them."""

    @classmethod
    def setUpTestData(cls):
        from tests.factories import SpokespersonFactory

        cls.sites = build_press_sites()
        teams = {team.site.pk: team for team in ensure_all_teams()}
        cls.coalition_editor = make_user("coalition-editor", teams[cls.sites.coalition_site.pk].editors)
        cls.cipc_editor = make_user("cipc-editor", teams[cls.sites.cipc_site.pk].editors)
        cls.person = SpokespersonFactory(name="Casey Placeholder")

    def test_coalition_editor_can_choose_but_not_edit_a_spokesperson(self):
        self.client.force_login(self.coalition_editor)
        chooser = self.client.get("/admin/snippets/choose/core/spokesperson/")
        self.assertContains(chooser, "Casey Placeholder")
        edit = self.client.post(f"/admin/snippets/core/spokesperson/edit/{self.person.pk}/", {"name": "Hacked"})
        self.assertIn(edit.status_code, REFUSED)
        self.person.refresh_from_db()
        self.assertEqual(self.person.name, "Casey Placeholder")
        self.assertIn(self.client.get("/admin/snippets/core/spokesperson/add/").status_code, REFUSED)

    def test_an_admin_user_without_directory_permission_is_not_told_its_names(self):
        from django.contrib.auth.models import Permission

        outsider = make_user("outsider")
        outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
        pk = self.person.pk
        urls = [
            f"/admin/bulk/core/spokesperson/delete/?id={pk}",
            "/admin/bulk/core/spokesperson/delete/?id=all",
            f"/admin/snippets/choose/core/spokesperson/chosen/{pk}/",
            f"/admin/snippets/choose/core/spokesperson/chosen-multiple/?id={pk}",
        ]
        for user, status in ((outsider, 404), (self.coalition_editor, 200)):
            self.client.force_login(user)
            for url in urls:
                with self.subTest(url=url, user=user.username):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, status, url)
                    self.assertEqual("Casey Placeholder" in response.content.decode(), status == 200, url)

    def test_cipc_editor_can_edit_a_spokesperson(self):
        self.client.force_login(self.cipc_editor)
        response = self.client.get(f"/admin/snippets/core/spokesperson/edit/{self.person.pk}/")
        self.assertContains(response, 'value="Casey Placeholder"')


class NewCoalitionGetsATeamTests(TestCase):
    def test_adding_a_site_in_the_admin_creates_its_editors_moderators_and_collection(self):
        from wagtail.models import Site

        from coalition.models import CoalitionHomePage

        sites = build_press_sites()
        home = CoalitionHomePage(title="Second coalition", slug="second")
        Page.get_first_root_node().add_child(instance=home)
        superuser = User.objects.create_superuser("root", "root@example.org", "pw")
        self.client.force_login(superuser)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                "/admin/sites/new/",
                {"hostname": "second.localhost", "port": 80, "site_name": "Second coalition", "root_page": home.pk},
            )
        self.assertEqual(response.status_code, 302)
        site = Site.objects.get(hostname="second.localhost")
        editor = make_user("second-editor", site.team.editors)
        self.assertEqual(site.team.editors.name, "Second coalition editors")
        self.assertEqual(site.team.moderators.name, "Second coalition moderators")

        # Their editor works on their own pages and not on CIPC's.
        self.client.force_login(editor)
        self.assertEqual(self.client.get(f"/admin/pages/{home.pk}/edit/").status_code, 200)
        self.assertEqual(self.client.get(f"/admin/pages/{sites.cipc_home.pk}/edit/").status_code, 302)


class AllSitesGroupTests(TestCase):
    def test_the_all_sites_group_edits_pages_on_every_site(self):
        from django.contrib.auth.models import Group

        sites = build_press_sites()
        ensure_all_teams()
        officer = make_user("press-officer", Group.objects.get(name="All sites"))
        self.client.force_login(officer)
        for press in (sites.cipc_press, sites.coalition_press):
            with self.subTest(site=press.get_site().hostname):
                self.assertEqual(self.client.get(f"/admin/pages/{press.pk}/edit/").status_code, 200)
