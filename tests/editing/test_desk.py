"""The stories desk: one list of every story the user may edit, on every site, with filters,
search and spreadsheet exports."""

import csv
import datetime
import io
import re
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from embargo.models import EmbargoLink
from press.models import StoryPage
from tests.editors import TeamsTestCase
from tests.factories import CategoryFactory, block, make_story, statement
from tests.sites import translate_press_sites

DESK = "/admin/stories/"


def draft_story(press_room, title, **fields):
    story = StoryPage(
        title=title,
        summary="Draft.",
        category=CategoryFactory(),
        body=[block("paragraph", "<p>Draft.</p>")],
        live=False,
        **fields,
    )
    press_room.add_child(instance=story)
    return story, story.save_revision()


class StoriesDeskTests(TeamsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        sites = cls.sites
        release = CategoryFactory(name="Press Release", slug="press-release")
        make_story(sites.cipc_press, "CIPC speaks", date=datetime.date(2019, 2, 15), body=[statement(cls.person)])
        make_story(sites.coalition_press, "Coalition live", date=datetime.date(2018, 10, 17), category=release)
        _, revision = draft_story(
            sites.coalition_press, "Coalition scheduled", go_live_at=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)
        )
        revision.publish()
        moderated, _ = draft_story(sites.coalition_press, "Coalition in moderation")
        moderated.get_workflow().start(moderated, cls.users["iceout-editor"])
        draft_story(sites.coalition_press, "Coalition draft")
        cls.admin = get_user_model().objects.create_superuser("desk-admin", "desk-admin@example.org", "x" * 16)

    def desk(self, user, query=""):
        self.client.force_login(user)
        return self.client.get(DESK + query)

    def titles(self, response):
        return [story.title for story in response.context["object_list"]]

    def test_the_desk_lists_every_story_with_site_category_date_status_and_spokespeople(self):
        response = self.desk(self.admin)
        self.assertEqual(len(self.titles(response)), 5)
        text = response.content.decode()
        for expected in (
            "California Immigrant Policy Center",
            "ICE Out of California",
            "Press Release",
            "Feb. 15, 2019",
            "Casey Placeholder",
            "Scheduled",
            "In moderation",
            "Draft",
        ):
            self.assertIn(expected, text)
        story = StoryPage.objects.get(title="CIPC speaks")
        self.assertContains(response, f'href="/admin/pages/{story.pk}/edit/?next=/admin/stories/"')
        self.assertContains(response, 'href="http://localhost/press/cipc-speaks/"')  # View live

    def test_a_coalition_editor_sees_only_the_coalitions_stories(self):
        response = self.desk(self.users["iceout-editor"])
        self.assertCountEqual(
            self.titles(response),
            ["Coalition live", "Coalition scheduled", "Coalition in moderation", "Coalition draft"],
        )
        self.assertNotContains(response, "CIPC speaks")
        # Nor does its site filter offer CIPC.
        self.assertNotContains(response, "California Immigrant Policy Center")

    def test_a_coalition_editor_cannot_reach_cipc_stories_through_the_desks_own_addresses(self):
        cipc_story = StoryPage.objects.get(title="CIPC speaks")
        self.client.force_login(self.users["iceout-editor"])
        for action in ("edit", "delete"):
            response = self.client.get(f"{DESK}{action}/{cipc_story.pk}/", follow=True)
            self.assertRedirects(response, "/admin/", msg_prefix=action)
            self.assertContains(response, "Sorry, you do not have permission to access this area.")
        self.assertTrue(StoryPage.objects.get(pk=cipc_story.pk).live)

    def test_filters_and_search(self):
        cases = {
            f"?site={self.sites.cipc_site.pk}": ["CIPC speaks"],
            "?category=" + str(StoryPage.objects.get(title="Coalition live").category_id): ["Coalition live"],
            "?year=2019": ["CIPC speaks"],
            "?status=live": ["CIPC speaks", "Coalition live"],
            "?status=scheduled": ["Coalition scheduled"],
            "?status=in-moderation": ["Coalition in moderation"],
            "?status=draft": ["Coalition draft"],
            "?q=speaks": ["CIPC speaks"],
            f"?site={self.sites.coalition_site.pk}&status=live": ["Coalition live"],
        }
        for query, expected in cases.items():
            with self.subTest(query):
                self.assertCountEqual(self.titles(self.desk(self.admin, query)), expected)

    def test_nonsense_filter_values_list_nothing_instead_of_failing(self):
        for query in ("?site=abc", "?year=MMXIX", "?status=published", "?category=-1", "?site=999999"):
            with self.subTest(query):
                response = self.desk(self.admin, query)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(self.titles(response), [])

    def test_csv_export_has_a_row_per_story_the_user_may_see(self):
        response = self.desk(self.users["iceout-editor"], "?export=csv&status=live")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="stories.csv"')
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        self.assertEqual(
            rows[0], ["Title", "Site", "Category", "Publication Date", "Status", "Spokespeople", "Address"]
        )
        self.assertEqual(
            rows[1:],
            [
                [
                    "Coalition live",
                    "ICE Out of California",
                    "Press Release",
                    "2018-10-17",
                    "Live",
                    "-",
                    "http://iceout.localhost/press/coalition-live/",
                ]
            ],
        )

    def test_xlsx_export_keeps_dates_as_dates(self):
        response = self.desk(self.admin, "?export=xlsx&year=2019")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="stories.xlsx"')
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][:4], ("Title", "Site", "Category", "Publication Date"))
        self.assertEqual(
            rows[1][:6],
            (
                "CIPC speaks",
                "California Immigrant Policy Center",
                "Statement",
                datetime.date(2019, 2, 15),
                "Live",
                "Casey Placeholder",
            ),
        )

    def test_a_title_that_looks_like_a_formula_stays_text_in_the_csv(self):
        make_story(self.sites.cipc_press, '=HYPERLINK("http://evil.example","Click")')
        response = self.desk(self.admin, "?export=csv&q=HYPERLINK")
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        self.assertEqual(rows[1][0], '\'=HYPERLINK("http://evil.example","Click")')

    def test_spanish_stories_have_their_site_in_the_listing_the_site_filter_and_the_exports(self):
        spanish = translate_press_sites(self.sites)
        make_story(spanish.coalition_press, "La coalición habla", date=datetime.date(2019, 3, 1))
        make_story(spanish.cipc_press, "CIPC habla", date=datetime.date(2019, 3, 2))
        coalition = self.sites.coalition_site.pk
        self.assertEqual(self.titles(self.desk(self.admin, f"?site={coalition}&language=es")), ["La coalición habla"])
        self.assertEqual(
            self.titles(self.desk(self.admin, f"?site={self.sites.cipc_site.pk}&language=es")), ["CIPC habla"]
        )
        response = self.desk(self.admin, "?language=es")
        self.assertNotContains(response, "—")  # no story without its site
        # The site filter offers each site once, whatever the languages of its stories.
        self.assertEqual(len(re.findall(rf"[?;]site={coalition}\b", response.content.decode())), 1)
        for export in ("csv", "xlsx"):
            with self.subTest(export):
                response = self.desk(self.admin, f"?export={export}&language=es&site={coalition}")
                content = b"".join(response.streaming_content)
                if export == "csv":
                    rows = list(csv.reader(io.StringIO(content.decode())))
                else:
                    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
                self.assertEqual(
                    [tuple(row[:2]) for row in rows[1:]], [("La coalición habla", "ICE Out of California")]
                )

    def test_the_listing_costs_the_same_queries_for_ten_stories_as_for_five(self):
        def count_queries():
            self.client.force_login(self.admin)
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(DESK).status_code, 200)
            return len(queries)

        count_queries()  # warm Wagtail's caches (site root paths)
        before = count_queries()
        for n in range(5):
            make_story(self.sites.coalition_press, f"More news {n}", body=[statement(self.person)])
        after = count_queries()
        self.assertEqual(after, before)
        # 20 when measured: session, user, the two-factor check, permissions, filters, count,
        # rows, spokespeople.
        self.assertLessEqual(after, 20)


# --- the desk honours only its own query parameters ---------------------------------------

TEXT_LOOKUPS = {"startswith": "EY8u", "regex": "^pbkdf2_sha256", "icontains": "draft"}
OTHER_LOOKUPS = {"gt": "0", "isnull": "False"}


def lookups_reachable_from(model, prefix="", depth=3):
    """Query-string keys reaching along every relation from ``model`` (each model reached is
    walked once, ``depth`` relations deep): {key: value}, the values an attacker would try."""
    keys, seen, frontier = {}, {model}, [(prefix, model)]
    for _ in range(depth):
        next_frontier = []
        for path_so_far, current in frontier:
            for field in current._meta.get_fields():
                if isinstance(field, GenericForeignKey):
                    continue  # not a lookup, only an attribute
                path = path_so_far + field.name
                if field.is_relation:
                    keys[f"{path}__isnull"] = "False"
                    if field.related_model not in seen:
                        seen.add(field.related_model)
                        next_frontier.append((f"{path}__", field.related_model))
                elif isinstance(field, (models.CharField, models.TextField, models.JSONField)):
                    keys.update({f"{path}__{lookup}": value for lookup, value in TEXT_LOOKUPS.items()})
                else:
                    keys.update({f"{path}__{lookup}": value for lookup, value in OTHER_LOOKUPS.items()})
        frontier = next_frontier
    return keys


def lookups_an_attacker_tries():
    """From the story itself, and from every page and every story of any site (the story's
    content type leads to all pages, its category to all stories), plus the reported ones."""
    from wagtail.models import Page

    keys = {
        **lookups_reachable_from(StoryPage),
        **lookups_reachable_from(Page, "content_type__pages__"),
        **lookups_reachable_from(StoryPage, "category__stories__", depth=2),
    }
    keys.update(
        {
            "content_type__pages__embargo_links__token__startswith": "EY8u",
            "content_type__pages__embargo_links__token__regex": "^[A-Za-z0-9_-]",
            "category__stories__latest_revision__user__password__regex": "^pbkdf2_sha256",
            "content_type__pages__latest_revision__content__icontains": "CIPC",
            "foo": "1",
            "date": "abc",
            "title__regex": "(a",
            "pk__in": "1,x",
            "e": "1",
            "ot": "asc",
            "o.title": "1",
        }
    )
    return keys


def without_csrf_token(html):
    """The page as a person sees it twice: the CSRF token (64 letters, new each time) masked."""
    return re.sub(r"\b[A-Za-z0-9]{64}\b", "csrf-token", html)


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def xlsx_rows(response):
    return list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True))


class DeskQueryParameterTests(TeamsTestCase):
    """An editor of one site asks the desk about another site's secrets through lookups."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        make_story(cls.sites.coalition_press, "Coalition live", date=datetime.date(2018, 10, 17))
        draft_story(cls.sites.coalition_press, "Coalition draft")
        cipc_draft, _ = draft_story(cls.sites.cipc_press, "CIPC embargoed draft")
        EmbargoLink.objects.create(page=cipc_draft, created_by=cls.users["cipc-editor"])
        cls.editor = cls.users["iceout-editor"]

    def get(self, params):
        self.client.force_login(self.editor)
        return self.client.get(DESK, params)

    def test_no_other_query_parameter_changes_the_listing_or_the_exports(self):
        """Each key is tried in a batch of keys (any key that counted would change the batch's
        answer), and the reported ones on their own."""
        lookups = lookups_an_attacker_tries()
        self.assertGreater(len(lookups), 1500)
        plain = self.get({})
        self.assertEqual(self.titles(plain), ["Coalition draft", "Coalition live"])
        plain_html = without_csrf_token(plain.content.decode())
        plain_csv = b"".join(self.get({"export": "csv"}).streaming_content)
        plain_xlsx = xlsx_rows(self.get({"export": "xlsx"}))
        keys = list(lookups.items())
        reported_paths = ("content_type__pages__embargo_links__", "category__stories__latest_revision__user__")
        reported = [pair for pair in keys if pair[0].startswith(reported_paths)]
        batches = [dict(keys[start : start + 40]) for start in range(0, len(keys), 40)]
        for params in batches + [dict([pair]) for pair in reported]:
            with self.subTest(query=urlencode(params)[:300]):
                response = self.get(params)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(without_csrf_token(response.content.decode()), plain_html)
        for start in range(0, len(keys), 200):
            params = dict(keys[start : start + 200])
            with self.subTest(export_query=urlencode(params)[:300]):
                response = self.get({**params, "export": "csv"})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(b"".join(response.streaming_content), plain_csv)
                response = self.get({**params, "export": "xlsx"})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(xlsx_rows(response), plain_xlsx)

    def titles(self, response):
        return [story.title for story in response.context["object_list"]]

    def test_malformed_values_of_the_desks_own_parameters_never_fail(self):
        plain = ["Coalition draft", "Coalition live"]  # newest first
        nothing = []
        cases = {
            # A filter value the desk does not know lists nothing.
            "?year=99999999999999999999": nothing,
            "?year=0": nothing,
            "?year=²": nothing,
            "?year=٢٠١٨": nothing,  # Arabic-Indic digits: int() would take them
            "?site=²": nothing,
            "?site=99999999999999999999": nothing,
            "?category=²": nothing,
            "?category=99999999999999999999": nothing,
            "?status=%00": nothing,
            # Search, ordering, paging and export values that mean nothing are ignored.
            "?q=%00": plain,
            "?q=%00draft": ["Coalition draft"],
            "?q=" + "x" * 5000: nothing,
            "?o=99": plain,
            "?o=-99.abc.².-0": ["Coalition live", "Coalition draft"],  # title, Z to A
            "?o=": plain,
            "?p=99999999999999999999": plain,
            "?p=-1": plain,
            "?p=²": plain,
            "?p=0": plain,
            "?export=pdf": plain,
        }
        for query, expected in cases.items():
            with self.subTest(query):
                self.client.force_login(self.editor)
                response = self.client.get(DESK + query)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(self.titles(response), expected)
        self.assertEqual(csv_rows(self.get({"export": "csv", "q": "\x00"}))[1][0], "Coalition draft")
