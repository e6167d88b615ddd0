"""One site's team cannot touch another site's pages, media or settings, on any admin path.

Wagtail's security advisories of recent years were mostly about secondary endpoints (revision
views, compare, workflow actions, choosers, the admin API, bulk actions), so every one of
them is tried here, in both directions. Each refusal is checked twice: the response is a
redirect away, a 403 or a 404; and nothing in the database changed. Each endpoint is also
tried by the site's own team first (rolled back), and every one, the actions no team may take
included, by a superuser, so a wrong URL cannot pass as a refusal.
"""

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import TestCase
from wagtail.documents.models import Document
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    GroupApprovalTask,
    Locale,
    Page,
    PageViewRestriction,
    Revision,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from alerts.models import AlertHold
from core.models import SiteBranding
from embargo.models import EmbargoLink
from images.models import CreditedImage as Image
from teams.setup import ensure_all_teams
from tests.factories import make_story
from tests.sites import build_press_sites, translate_press_sites
from tests.teams import site_rows
from wordpress.models import ImportRun

User = get_user_model()
REFUSED = {302, 403, 404, 405}
MEDIA_BULK_ACTIONS = ("delete", "add_to_collection", "add_tags")


def visible_text(response):
    """What a person gets from a response: the page, or the cells of a CSV or XLSX export."""
    if not response.streaming:
        return response.content.decode()
    body = b"".join(response.streaming_content)
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        from io import BytesIO

        from openpyxl import load_workbook

        sheet = load_workbook(BytesIO(body)).active
        return "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row)
    return body.decode()


def make_user(username, *groups):
    user = User.objects.create_user(username=username, password="pw", email=f"{username}@example.org")
    user.groups.add(*groups)
    return user


class CrossSiteRefusalMixin:
    """Subclasses set ``victim`` ("cipc" or "coalition"): whose pages are attacked, and
    ``language``: in which of the site's trees ("es": its Spanish pages under /es/)."""

    victim = None
    language = "en"

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        if cls.language != "en":
            # The attacked pages are the Spanish tree's: the roots and rooms are translations.
            spanish = translate_press_sites(cls.sites)
            cls.sites.cipc_home, cls.sites.coalition_home = spanish.cipc_home, spanish.coalition_home
            cls.sites.cipc_press, cls.sites.coalition_press = spanish.cipc_press, spanish.coalition_press
        teams = {team.site.pk: team for team in ensure_all_teams()}
        cipc_team = teams[cls.sites.cipc_site.pk]
        coalition_team = teams[cls.sites.coalition_site.pk]
        if cls.victim == "cipc":
            own, other = cipc_team, coalition_team
            cls.press, cls.root, cls.site = cls.sites.cipc_press, cls.sites.cipc_home, cls.sites.cipc_site
            cls.other_press = cls.sites.coalition_press
        else:
            own, other = coalition_team, cipc_team
            cls.press, cls.root, cls.site = (
                cls.sites.coalition_press,
                cls.sites.coalition_home,
                cls.sites.coalition_site,
            )
            cls.other_press = cls.sites.cipc_press
        cls.owner_editor = make_user("owner-editor", own.editors)
        cls.owner_moderator = make_user("owner-moderator", own.moderators)
        cls.intruder = make_user("intruder-editor", other.editors)
        cls.intruder_moderator = make_user("intruder-moderator", other.moderators)

        cls.story = make_story(cls.press, "Victim live story")
        cls.story.title = "Victim live story, second draft"
        cls.story.save_revision(user=cls.owner_editor)
        cls.first_revision = cls.story.revisions.order_by("created_at", "pk").first()
        cls.latest_revision = cls.story.revisions.order_by("-created_at", "-pk").first()
        cls.draft = make_story(cls.press, "Victim draft story")
        cls.draft.unpublish()

        workflow = Workflow.objects.create(name="Approval")
        task = GroupApprovalTask.objects.create(name="Moderators approve")
        task.groups.set([own.moderators])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.update_or_create(page=cls.root, defaults={"workflow": workflow})
        cls.in_moderation = make_story(cls.press, "Victim story in moderation")
        cls.in_moderation.unpublish()
        cls.in_moderation.save_revision(user=cls.owner_editor)
        workflow_state = workflow.start(cls.in_moderation, cls.owner_editor)
        cls.workflow_state = workflow_state
        cls.task_state = workflow_state.current_task_state
        cls.task = task

        cls.image = Image.objects.create(title="Victim image", file=get_test_image_file(), collection=own.collection)
        cls.document = Document.objects.create(
            title="Victim document",
            file=ContentFile(b"%PDF-1.4 victim", name="victim.pdf"),
            collection=own.collection,
        )
        cls.collection, cls.other_collection = own.collection, other.collection
        cls.embargo_link = EmbargoLink.objects.create(page=cls.draft, created_by=cls.owner_editor)
        cls.import_run = ImportRun.objects.create(
            site=cls.site,
            export_name="Victim archive.xml",
            status=ImportRun.Status.CHECKED,
            dry_run_report={"rows": [["Posts read", 1]], "warnings": []},
        )
        site_rows.make_site_rows(cls)

    # --- what must not change ---------------------------------------------------------

    def snapshot(self):
        pages = Page.objects.filter(path__startswith=self.root.path).order_by("path")
        return {
            "pages": list(
                pages.values_list(
                    "pk", "title", "draft_title", "live", "path", "locked", "latest_revision_id", "alias_of_id"
                )
            ),
            "page_count": Page.objects.count(),
            "revisions": Revision.objects.count(),
            "workflow_states": list(WorkflowState.objects.order_by("pk").values_list("pk", "status")),
            "restrictions": PageViewRestriction.objects.count(),
            "embargo_links": list(EmbargoLink.objects.order_by("pk").values_list("pk", "revoked_at")),
            "alert_holds": list(AlertHold.objects.values_list("story_id", flat=True)),
            "images": list(Image.objects.order_by("pk").values_list("pk", "title", "collection_id")),
            "documents": list(Document.objects.order_by("pk").values_list("pk", "title", "collection_id")),
            "branding": list(SiteBranding.objects.order_by("pk").values_list("site_id", "name", "primary_colour")),
            "collection": (self.collection.name, self.collection.path),
            "wordpress_imports": list(ImportRun.objects.order_by("pk").values_list("pk", "site_id", "status")),
            **site_rows.site_rows_snapshot(),
        }

    # --- the endpoints ---------------------------------------------------------------

    def endpoints(self):
        """(label, method, url, data, rightful role) for every admin path that acts on a page,
        its revisions, its workflow, its media or its site."""
        story, draft, rev1, rev2 = self.story, self.draft, self.first_revision, self.latest_revision
        # A whole edit form (empty body and inlines): a leak would save, not fail on the form.
        edit_data = nested_form_data(
            {
                "title": "Hacked",
                "slug": story.slug,
                "date": "2019-01-01",
                "summary": "x",
                "body": streamfield([]),
                "signatories": inline_formset([]),
                "corrections": inline_formset([]),
                "advisory_events": inline_formset([]),
            }
        )
        publish_data = {**edit_data, "action-publish": "action-publish"}
        return [
            ("edit form", "get", f"/admin/pages/{story.pk}/edit/", None, "editor"),
            ("edit save", "post", f"/admin/pages/{story.pk}/edit/", edit_data, None),
            ("edit publish", "post", f"/admin/pages/{story.pk}/edit/", publish_data, None),
            ("preview post", "post", f"/admin/pages/{story.pk}/edit/preview/", edit_data, None),
            ("preview get", "get", f"/admin/pages/{story.pk}/edit/preview/", None, "editor"),
            ("view draft", "get", f"/admin/pages/{draft.pk}/view_draft/", None, "editor"),
            ("unpublish form", "get", f"/admin/pages/{story.pk}/unpublish/", None, "moderator"),
            ("unpublish", "post", f"/admin/pages/{story.pk}/unpublish/", {}, "moderator"),
            ("delete form", "get", f"/admin/pages/{story.pk}/delete/", None, "moderator"),
            ("delete", "post", f"/admin/pages/{story.pk}/delete/", {}, "moderator"),
            ("move chooser", "get", f"/admin/pages/{story.pk}/move/", None, "moderator"),
            (
                "move confirm",
                "post",
                f"/admin/pages/{story.pk}/move/{self.other_press.pk}/confirm/",
                {},
                None,
            ),
            ("set position", "post", f"/admin/pages/{story.pk}/set_position/?position=0", {}, "moderator"),
            ("copy form", "get", f"/admin/pages/{story.pk}/copy/", None, "editor"),
            (
                "copy to other site",
                "post",
                f"/admin/pages/{story.pk}/copy/",
                {
                    "new_title": "Stolen",
                    "new_slug": "stolen",
                    "new_parent_page": self.other_press.pk,
                    "copy_subpages": "false",
                    "publish_copies": "false",
                    "alias": "false",
                },
                None,
            ),
            ("add subpage", "get", f"/admin/pages/{self.press.pk}/add_subpage/", None, "editor"),
            ("create form", "get", f"/admin/pages/add/press/storypage/{self.press.pk}/", None, "editor"),
            ("privacy form", "get", f"/admin/pages/{story.pk}/privacy/", None, "moderator"),
            ("privacy set", "post", f"/admin/pages/{story.pk}/privacy/", {"restriction_type": "login"}, "moderator"),
            ("lock", "post", f"/admin/pages/{story.pk}/lock/", {}, "moderator"),
            ("unlock", "post", f"/admin/pages/{story.pk}/unlock/", {}, "moderator"),
            ("revisions", "get", f"/admin/pages/{story.pk}/revisions/", None, "editor"),
            ("revision view", "get", f"/admin/pages/{story.pk}/revisions/{rev1.pk}/view/", None, "editor"),
            (
                "revision compare",
                "get",
                f"/admin/pages/{story.pk}/revisions/compare/{rev1.pk}...{rev2.pk}/",
                None,
                "editor",
            ),
            ("revision revert", "get", f"/admin/pages/{story.pk}/revisions/{rev1.pk}/revert/", None, "editor"),
            ("revision unschedule", "post", f"/admin/pages/{story.pk}/revisions/{rev2.pk}/unschedule/", {}, None),
            ("history", "get", f"/admin/pages/{story.pk}/history/", None, "editor"),
            ("history results", "get", f"/admin/pages/{story.pk}/history/results/", None, "editor"),
            ("usage", "get", f"/admin/pages/{story.pk}/usage/", None, "editor"),
            ("workflow history", "get", f"/admin/pages/{self.in_moderation.pk}/workflow_history/", None, "editor"),
            (
                "workflow history detail",
                "get",
                f"/admin/pages/{self.in_moderation.pk}/workflow_history/detail/{self.workflow_state.pk}/",
                None,
                "editor",
            ),
            (
                "workflow approve",
                "post",
                f"/admin/pages/workflow/action/{self.in_moderation.pk}/approve/{self.task_state.pk}/",
                {"comment": ""},
                "moderator",
            ),
            (
                "workflow reject",
                "post",
                f"/admin/pages/workflow/action/{self.in_moderation.pk}/reject/{self.task_state.pk}/",
                {"comment": ""},
                "moderator",
            ),
            (
                "workflow collect data",
                "get",
                f"/admin/pages/workflow/collect_action_data/{self.in_moderation.pk}/approve/{self.task_state.pk}/",
                None,
                "moderator",
            ),
            (
                "workflow cancel confirm",
                "get",
                f"/admin/pages/workflow/confirm_cancellation/{self.in_moderation.pk}/",
                None,
                "editor",
            ),
            (
                "workflow preview",
                "get",
                f"/admin/pages/workflow/preview/{self.in_moderation.pk}/{self.task.pk}/",
                None,
                "moderator",
            ),
            ("bulk publish", "post", f"/admin/bulk/wagtailcore/page/publish/?id={draft.pk}", {}, None),
            ("bulk unpublish", "post", f"/admin/bulk/wagtailcore/page/unpublish/?id={story.pk}", {}, None),
            ("bulk delete", "post", f"/admin/bulk/wagtailcore/page/delete/?id={story.pk}", {}, None),
            (
                "bulk move",
                "post",
                f"/admin/bulk/wagtailcore/page/move/?id={story.pk}",
                {"chooser": self.other_press.pk},
                None,
            ),
            (
                "editing session ping",
                "post",
                f"/admin/editing-sessions/ping/wagtailcore/page/{story.pk}/0/",
                {},
                None,
            ),
            ("embargo links", "get", f"/admin/embargo/pages/{draft.pk}/", None, "editor"),
            ("embargo link create", "post", f"/admin/embargo/pages/{draft.pk}/", {}, "editor"),
            ("embargo link revoke", "post", f"/admin/embargo/links/{self.embargo_link.pk}/revoke/", {}, "editor"),
            ("email alerts hold page", "get", f"/admin/alerts/stories/{story.pk}/hold/", None, "moderator"),
            ("email alerts hold", "post", f"/admin/alerts/stories/{story.pk}/hold/", {"action": "hold"}, "moderator"),
            ("email subscribers export", "get", f"/admin/alerts/rooms/{self.press.pk}/subscribers.csv", None, "editor"),
            ("wordpress import form", "get", f"/admin/wordpress/sites/{self.site.pk}/upload/", None, "moderator"),
            ("wordpress import upload", "post", f"/admin/wordpress/sites/{self.site.pk}/upload/", {}, "moderator"),
            ("wordpress import report", "get", f"/admin/wordpress/runs/{self.import_run.pk}/", None, "moderator"),
            ("wordpress import start", "post", f"/admin/wordpress/runs/{self.import_run.pk}/import/", {}, "moderator"),
            (
                "wordpress import discard",
                "post",
                f"/admin/wordpress/runs/{self.import_run.pk}/discard/",
                {},
                "moderator",
            ),
            (
                "wordpress import progress",
                "get",
                f"/admin/wordpress/runs/{self.import_run.pk}/progress/",
                None,
                "moderator",
            ),
            *site_rows.site_row_endpoints(self),
            ("desk edit", "get", f"/admin/stories/edit/{story.pk}/", None, "editor"),
            ("desk delete", "get", f"/admin/stories/delete/{story.pk}/", None, "moderator"),
            ("site branding", "get", f"/admin/settings/core/sitebranding/{self.site.pk}/", None, "moderator"),
            (
                "site branding save",
                "post",
                f"/admin/settings/core/sitebranding/{self.site.pk}/",
                {"name": "Hacked", "primary_colour": "#000000", "accent_colour": "#000000", "social_links-count": 0},
                None,
            ),
            ("collection edit", "get", f"/admin/collections/{self.collection.pk}/", None, None),
            ("collection delete", "post", f"/admin/collections/{self.collection.pk}/delete/", {}, None),
            ("image edit", "get", f"/admin/images/{self.image.pk}/", None, "editor"),
            ("image save", "post", f"/admin/images/{self.image.pk}/", {"title": "Hacked"}, None),
            ("image delete", "post", f"/admin/images/{self.image.pk}/delete/", {}, None),
            ("document edit", "get", f"/admin/documents/edit/{self.document.pk}/", None, "editor"),
            ("document save", "post", f"/admin/documents/edit/{self.document.pk}/", {"title": "Hacked"}, None),
            ("document delete", "post", f"/admin/documents/delete/{self.document.pk}/", {}, None),
            ("translate form", "get", f"/admin/translation/submit/page/{story.pk}/", None, "editor"),
            (
                "translate",
                "post",
                f"/admin/translation/submit/page/{story.pk}/",
                {"locales": [locale.pk for locale in Locale.objects.exclude(pk=story.locale_id)]},
                None,
            ),
        ]

    def query_string_endpoints(self):
        """(label, url, rightful role, whether that role sees the victim's title there) for the
        admin views that take page ids in the query string, and the report that names pages."""
        story, draft, press = self.story, self.draft, self.press
        return [
            ("bulk delete", f"/admin/bulk/wagtailcore/page/delete/?id={story.pk}", "moderator", True),
            ("bulk publish", f"/admin/bulk/wagtailcore/page/publish/?id={draft.pk}", "moderator", True),
            ("bulk unpublish", f"/admin/bulk/wagtailcore/page/unpublish/?id={story.pk}", "moderator", True),
            ("bulk move", f"/admin/bulk/wagtailcore/page/move/?id={story.pk}", "moderator", True),
            ("bulk delete, editor", f"/admin/bulk/wagtailcore/page/delete/?id={draft.pk}", "editor", True),
            ("bulk several", f"/admin/bulk/wagtailcore/page/delete/?id={story.pk}&id={draft.pk}", "moderator", True),
            ("bulk all children", f"/admin/bulk/wagtailcore/page/delete/?id=all&childOf={press.pk}", "moderator", True),
            (
                "bulk all, searching",
                f"/admin/bulk/wagtailcore/page/publish/?id=all&childOf={press.pk}&q=Victim",
                "moderator",
                True,
            ),
            # Select-all in search results names no parent: every page of every site. Refused
            # to all but superusers (the owners select the rows they see instead).
            ("bulk all pages", "/admin/bulk/wagtailcore/page/delete/?id=all&q=Victim", None, False),
            ("bulk all pages, no search", "/admin/bulk/wagtailcore/page/unpublish/?id=all", None, False),
            ("bulk all under root", "/admin/bulk/wagtailcore/page/delete/?id=all&childOf=1", None, False),
            ("page chosen", f"/admin/choose-page/chosen-multiple/?id={draft.pk}", "editor", True),
            ("pages chosen", f"/admin/choose-page/chosen-multiple/?id={story.pk}&id={draft.pk}", "editor", True),
            ("chooser target", f"/admin/choose-page/?target_pages[]={story.pk}", "editor", False),
            ("chooser child target", f"/admin/choose-page/{press.pk}/?target_pages[]={draft.pk}", "editor", True),
            ("chooser link parent", f"/admin/choose-external-link/?parent_page_id={press.pk}", "editor", False),
            ("chooser anchor parent", f"/admin/choose-anchor-link/?parent_page_id={press.pk}", "editor", False),
            ("page types report", "/admin/reports/page-types-usage/", "editor", True),
            ("page types report results", "/admin/reports/page-types-usage/results/", "editor", True),
            ("page types report, site", f"/admin/reports/page-types-usage/?site={self.root.path}", "editor", True),
        ]

    def media_id_endpoints(self):
        """(label, url) of the admin paths that take an image's or a document's id (bulk actions,
        choosers, usage, the admin API): the owners get the object, named; anyone else a 404."""
        image, document = self.image.pk, self.document.pk
        images = f"/admin/bulk/{Image._meta.app_label}/{Image._meta.model_name}"
        return [
            *[(f"images bulk {action}", f"{images}/{action}/?id={image}") for action in MEDIA_BULK_ACTIONS],
            *[
                (f"documents bulk {action}", f"/admin/bulk/wagtaildocs/document/{action}/?id={document}")
                for action in MEDIA_BULK_ACTIONS
            ],
            ("image chosen", f"/admin/images/chooser/chosen/{image}/"),
            ("images chosen", f"/admin/images/chooser/chosen-multiple/?id={image}"),
            ("image format", f"/admin/images/chooser/{image}/select_format/"),
            ("image usage", f"/admin/images/usage/{image}/"),
            ("image api", f"/admin/api/main/images/{image}/"),
            ("document chosen", f"/admin/documents/chooser/chosen/{document}/"),
            ("documents chosen", f"/admin/documents/chooser/chosen-multiple/?id={document}"),
            ("document usage", f"/admin/documents/usage/{document}/"),
            ("document api", f"/admin/api/main/documents/{document}/"),
        ]

    def test_the_other_sites_media_ids_are_not_found_and_not_named(self):
        own = Image.objects.create(title="Own image", file=get_test_image_file(), collection=self.other_collection)
        images = f"/admin/bulk/{Image._meta.app_label}/{Image._meta.model_name}"
        mixed = [
            (f"own and victim's {action}", f"{images}/{action}/?id={own.pk}&id={self.image.pk}")
            for action in MEDIA_BULK_ACTIONS
        ]
        before = self.snapshot()
        for intruder in (self.intruder, self.intruder_moderator):
            self.client.force_login(intruder)
            for label, url in [*self.media_id_endpoints(), *mixed]:
                with self.subTest(endpoint=label, intruder=intruder.username):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 404, f"{label}: {url}")
                    self.assertNotIn("Victim", visible_text(response), f"{label}: {url} names the victim's media")
            with self.subTest(own_image=intruder.username):
                self.assertEqual(self.client.get(f"{images}/delete/?id={own.pk}").status_code, 200)
        self.assertEqual(self.snapshot(), before)

    def test_the_sites_own_team_gets_its_media_at_those_paths(self):
        self.client.force_login(self.owner_editor)
        for label, url in self.media_id_endpoints():
            with self.subTest(endpoint=label):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200, f"{label}: {url}")
                self.assertIn("Victim", visible_text(response), f"{label}: {url}")

    def test_query_string_page_ids_do_not_name_the_other_sites_pages(self):
        before = self.snapshot()
        for intruder in (self.intruder, self.intruder_moderator):
            self.client.force_login(intruder)
            for label, url, _role, _shown in self.query_string_endpoints():
                with self.subTest(endpoint=label, intruder=intruder.username):
                    response = self.client.get(url, follow=True)
                    self.assertIn(response.status_code, {200, 400, 403, 404}, f"{label}: {url}")
                    self.assertNotIn("Victim", visible_text(response), f"{label}: {url} names the victim's page")
        self.assertEqual(self.snapshot(), before)

    def test_the_sites_own_team_still_uses_those_endpoints(self):
        for label, url, role, shown in self.query_string_endpoints():
            if role is None:
                continue
            with self.subTest(endpoint=label):
                self.client.force_login(self.owner_moderator if role == "moderator" else self.owner_editor)
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200, f"{label}: {url}")
                self.assertEqual("Victim" in visible_text(response), shown, f"{label}: {url}")

    def test_bad_page_ids_in_the_query_string_are_not_found(self):
        self.client.force_login(self.owner_moderator)
        for url in (
            "/admin/bulk/wagtailcore/page/delete/?id=x",
            "/admin/bulk/wagtailcore/page/delete/?id=²",
            "/admin/bulk/wagtailcore/page/delete/?id=99999999999999999999999",
            "/admin/choose-page/chosen-multiple/?id=1,2",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def request(self, user, method, url, data):
        self.client.force_login(user)
        return getattr(self.client, method)(url, data) if data is not None else getattr(self.client, method)(url)

    def test_the_sites_own_team_can_reach_each_endpoint(self):
        """Control: the URLs are real. The rightful role gets a page (200) or a successful
        redirect; every change is rolled back."""
        for label, method, url, data, role in self.endpoints():
            if role is None:
                continue
            user = self.owner_moderator if role == "moderator" else self.owner_editor
            with self.subTest(endpoint=label), transaction.atomic():
                response = self.request(user, method, url, data)
                self.assertIn(response.status_code, {200, 302}, f"{label}: {url}")
                if response.status_code == 302:
                    self.assertNotEqual(response.url, "/admin/", f"{label}: the owner was refused")
                transaction.set_rollback(True)

    def test_every_endpoint_exists_for_a_superuser(self):
        """Control for every address the sweeps try, the actions no team may take included: a
        superuser is not told "not found" (404) or "no such method" (405) there, so a renamed
        Wagtail URL cannot make an intruder's 404 pass as a refusal. Every change is rolled back."""
        superuser = User.objects.create_superuser(username="control-superuser", password="pw")
        requests = [(label, method, url, data) for label, method, url, data, _role in self.endpoints()]
        requests += [(label, "get", url, None) for label, url, _role, _shown in self.query_string_endpoints()]
        requests += [(label, "get", url, None) for label, url in self.media_id_endpoints()]
        for label, method, url, data in requests:
            with self.subTest(endpoint=label), transaction.atomic():
                response = self.request(superuser, method, url, data)
                self.assertNotIn(response.status_code, {404, 405}, f"{label}: {url}")
                transaction.set_rollback(True)

    def test_the_other_sites_editor_and_moderator_are_refused_everywhere(self):
        before = self.snapshot()
        for intruder in (self.intruder, self.intruder_moderator):
            for label, method, url, data, _role in self.endpoints():
                with self.subTest(endpoint=label, intruder=intruder.username):
                    response = self.request(intruder, method, url, data)
                    self.assertIn(response.status_code, REFUSED, f"{label}: {url}")
                    if response.status_code == 302:
                        self.assertTrue(
                            response.url.startswith(("/admin/", "/admin/login/")),
                            f"{label} redirected to {response.url}",
                        )
                        if f"/{self.story.pk}/" in response.url:
                            # Sent on to another view of the same page: that one refuses too.
                            onward = self.client.get(response.url)
                            self.assertIn(onward.status_code, REFUSED, f"{label} → {response.url}")
        self.assertEqual(self.snapshot(), before)

    def test_listings_and_choosers_do_not_show_the_other_sites_pages_or_media(self):
        self.client.force_login(self.intruder)
        listings = [
            "/admin/pages/",
            f"/admin/pages/{self.root.pk}/",
            f"/admin/pages/{self.press.pk}/",
            "/admin/pages/search/?q=story",
            "/admin/pages/usage/press/storypage/",
            "/admin/choose-page/",
            f"/admin/choose-page/{self.root.pk}/",
            f"/admin/choose-page/{self.press.pk}/",
            "/admin/choose-page/search/?q=story",
            "/admin/api/main/pages/?search=story",
            f"/admin/api/main/pages/?child_of={self.press.pk}",
            f"/admin/api/main/pages/{self.story.pk}/",
            "/admin/reports/locked/",
            "/admin/reports/site-history/",
            "/admin/reports/workflow/",
            "/admin/reports/workflow_tasks/",
            "/admin/reports/aging-pages/",
            "/admin/reports/page-types-usage/",
            "/admin/reports/page-types-usage/results/",
            f"/admin/pages/{self.root.pk}/?q=Victim&search_all=1",
            f"/admin/api/main/pages/?id={self.story.pk}",
            "/admin/images/",
            "/admin/images/chooser/",
            "/admin/documents/",
            "/admin/documents/chooser/",
            "/admin/api/main/images/",
            "/admin/api/main/documents/",
            "/admin/stories/",
            "/admin/stories/?q=story",
            "/admin/stories/?export=csv",
            "/admin/stories/?export=xlsx",
            "/admin/wordpress/",
            *site_rows.SITE_ROW_LISTINGS,
            "/admin/",
        ]
        for url in listings:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertIn(response.status_code, {200, 302, 400, 403, 404}, url)
                self.assertFalse("Victim" in visible_text(response), f"{url} shows the other site's content")

    def test_the_own_team_does_see_its_pages_and_media_in_those_listings(self):
        """Control for the listing test: the word it looks for does show up for the owners."""
        self.client.force_login(self.owner_moderator)
        for url in (
            f"/admin/pages/{self.press.pk}/",
            "/admin/pages/search/?q=story",
            f"/admin/choose-page/{self.press.pk}/",
            "/admin/images/",
            "/admin/documents/",
            "/admin/api/main/images/",
            "/admin/api/main/documents/",
            "/admin/stories/",
            "/admin/stories/?export=csv",
            "/admin/stories/?export=xlsx",
            "/admin/wordpress/",
            *site_rows.OWN_SITE_ROW_LISTINGS,
            f"/admin/advisories/stories/{self.story.pk}/rsvps/",
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200, url)
                self.assertTrue("Victim" in visible_text(response), f"{url} does not show the team's own content")


class CoalitionTeamCannotTouchCIPCTests(CrossSiteRefusalMixin, TestCase):
    victim = "cipc"


class CIPCTeamCannotTouchCoalitionTests(CrossSiteRefusalMixin, TestCase):
    victim = "coalition"


class CoalitionTeamCannotTouchCIPCSpanishPagesTests(CrossSiteRefusalMixin, TestCase):
    victim = "cipc"
    language = "es"


class CIPCTeamCannotTouchCoalitionSpanishPagesTests(CrossSiteRefusalMixin, TestCase):
    victim = "coalition"
    language = "es"
