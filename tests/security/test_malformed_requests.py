"""Bad input never makes a server error: a sweep of malformed requests over every public view
and every admin listing the editors use, anonymous and signed in.

The requests are generated from tables: ``TARGETS`` (a view and the query keys it reads) ×
``BAD_VALUES`` (what a bot, a fuzzer or a broken client sends), plus hosts, methods, cookies,
paths, embargo tokens and sign-in bodies. Adding a view or a value to a table extends the
sweep. Each target's clean address is checked first (it must answer 200), so a mistyped URL
cannot pass as "no server error". Every 5xx is reported with its method, URL and exception,
and the count by status is printed as a table whether or not pytest captures output.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, TestCase, override_settings
from wagtail.documents.models import Document
from wagtail.images.tests.utils import get_test_image_file

from embargo.models import EmbargoLink
from images.models import CreditedImage as Image
from medialists.models import MediaContact, MediaList
from releases_out.clicks import click_token
from releases_out.models import Send, SendLink
from releases_out.queueing import record_send
from releases_out.tokens import unsubscribe_token
from teams.models import SiteTeam
from tests.advisories.data import make_advisory
from tests.editors import team_members
from tests.factories import SpokespersonFactory, TopicFactory, block, make_story, statement
from tests.security.malformed_bodies import (
    ADVISORY_IDS,
    INTERVIEW_BODIES,
    LOGIN_BODIES,
    LOGIN_RAW,
    RSVP_BODIES,
    SIGNUP_BODIES,
)
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites, translate, translate_press_sites

# --- what is sent ------------------------------------------------------------------------

# Raw query-string fragments, already %-encoded as they arrive on the wire; ``{k}`` is the key.
BAD_VALUES = {
    "empty": "{k}=",
    "no equals sign": "{k}",
    "NUL": "{k}=%00",
    "NUL inside": "{k}=ab%00cd",
    "byte FF": "{k}=%FF",
    "overlong slash (2 bytes)": "{k}=%C0%AF",
    "overlong slash (3 bytes)": "{k}=%E0%80%AF",
    "lone surrogate": "{k}=%ED%A0%80",
    "superscript two ²": "{k}=%C2%B2",
    "Arabic-Indic ١٢": "{k}=%D9%A1%D9%A2",
    "math bold 𝟙": "{k}=%F0%9D%9F%99",
    "control characters": "{k}=%0D%0A%09%1B%7F",
    "broken escapes": "{k}=%E2%80+%+%ZZ",
    "negative": "{k}=-1",
    "40 digits": "{k}=" + "9" * 40,
    "SQL": "{k}=1%27+OR+%271%27%3D%271%22%3B--",
    "markup": "{k}=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "10,000 characters": "{k}=" + "word+" * 2_000,
    "100,000 characters": "{k}=" + "x" * 100_000,
    "repeated key": "{k}=1&{k}=2&{k}=%00&{k}=",
    "array syntax": "{k}[]=1&{k}[0]=%FF&{k}[a][b]=2",
    "NUL in the key": "{k}%00=1",
}

# Every target also gets a key that no view reads.
JUNK_KEY = "zz%FF%C0%AF"

STORY_KEYS = ["q", "page"]
PRESS_KEYS = ["year", "month", "category", "topic", "spokesperson", "organization", "organisation", "q", "page"]
LISTING_KEYS = ["q", "p", "ordering"]


@dataclass(frozen=True)
class Target:
    """A view and the query keys it reads. Public views get each bad value on each key, one
    request each; admin views (heavier) get each bad value on all their keys at once."""

    path: str  # may name objects from setUpTestData: {story}, {cipc_press}, {embargo_token}
    keys: list
    user: str | None = None  # None: anonymous; else a key of ``people``
    host: str = CIPC_HOST
    status: int = 200  # what the clean address answers (a redirect's is 302)

    def urls(self):
        keys = [*self.keys, JUNK_KEY]
        for value in BAD_VALUES.values():
            if self.user is None:
                yield from (f"{self.path}?{value.format(k=key)}" for key in keys)
            else:
                yield f"{self.path}?" + "&".join(value.format(k=key) for key in keys)


TARGETS = [
    # Public views, on both sites.
    Target("/", ["q", "page"]),
    Target("/press/", PRESS_KEYS),
    Target("/press/", PRESS_KEYS, host=COALITION_HOST),
    Target("/press/{story_slug}/", STORY_KEYS),
    Target("/search/", ["q", "page"]),
    Target("/press/feed/", PRESS_KEYS),
    Target("/press/contacts/", ["q", "page"]),
    Target("/press/feed/json/", PRESS_KEYS),
    Target("/press/widget/", [*PRESS_KEYS, "count"], host=COALITION_HOST),
    # A story's take-aways (storymedia): its release PDF, share card and a picture's original.
    Target("/press/{story_slug}/release.pdf", []),
    Target("/press/{story_slug}/card.png", []),
    Target("/press/{story_slug}/media/images/{story_image}/", []),
    Target("/people/", ["q", "page"]),
    Target("/people/sample-spokesperson/", ["page", "q"]),
    Target("/sitemap.xml", ["p", "page"]),
    Target("/robots.txt", ["q"]),
    # The same in Spanish.
    Target("/es/", ["q", "page"]),
    Target("/es/press/", PRESS_KEYS),
    Target("/es/press/", PRESS_KEYS, host=COALITION_HOST),
    Target("/es/press/{spanish_story_slug}/", STORY_KEYS),
    Target("/es/search/", ["q", "page"]),
    Target("/es/press/feed/", PRESS_KEYS),
    Target("/es/press/contacts/", ["q", "page"]),
    Target("/es/press/widget/", [*PRESS_KEYS, "count"], host=COALITION_HOST),
    Target("/es/press/{spanish_story_slug}/release.pdf", []),
    Target("/es/people/", ["q", "page"]),
    Target("/es/people/sample-spokesperson/", ["page", "q"]),
    Target("/embargoed/{embargo_token}/", ["q"]),
    Target("/alerts/", ["email", "category", "topic"]),
    Target("/interview/", ["story", "q"]),
    Target("/es/interview/", ["story", "q"], host=COALITION_HOST),
    Target("/releases/unsubscribe/{release_unsubscribe_token}/", ["q"]),
    Target("/es/releases/unsubscribe/{release_unsubscribe_token}/", ["q"]),
    Target("/releases/click/{release_click_token}/", ["q"], status=302),  # a send's counted link
    # A media advisory: its story, calendar file and RSVP form (GET shows the form).
    Target("/press/{advisory_slug}/", STORY_KEYS),
    Target("/advisories/{advisory}/event.ics", ["q"]),
    Target("/advisories/{advisory}/rsvp/", ["name", "outlet", "email", "website"]),
    Target("/es/advisories/{spanish_advisory}/rsvp/", ["name", "outlet", "email"]),
    # The admin, as a CIPC editor.
    Target("/admin/", ["q"], user="editor"),
    Target("/admin/stories/", ["q", "o", "p", "site", "category", "year", "status", "export"], user="editor"),
    Target("/admin/pages/search/", ["q", "p", "ordering", "content_type", "page_type"], user="editor"),
    Target("/admin/pages/{cipc_press}/", ["ordering", "p", "q", "content_type", "locale"], user="editor"),
    Target("/admin/choose-page/", ["q", "p", "page_type", "user_perms", "can_choose_root"], user="editor"),
    Target("/admin/choose-page/{cipc_press}/", ["q", "p", "page_type"], user="editor"),
    Target("/admin/choose-page/search/", ["q", "p", "page_type"], user="editor"),
    Target("/admin/images/", [*LISTING_KEYS, "collection_id", "tag", "entries_per_page"], user="editor"),
    Target("/admin/images/chooser/", [*LISTING_KEYS, "collection_id", "tag"], user="editor"),
    Target("/admin/documents/", [*LISTING_KEYS, "collection_id", "entries_per_page"], user="editor"),
    Target("/admin/documents/chooser/", [*LISTING_KEYS, "collection_id"], user="editor"),
    Target("/admin/snippets/core/spokesperson/", [*LISTING_KEYS, "organization", "active"], user="editor"),
    Target("/admin/snippets/core/organization/", LISTING_KEYS, user="editor"),
    Target("/admin/snippets/core/category/", LISTING_KEYS, user="editor"),
    Target("/admin/snippets/core/topic/", LISTING_KEYS, user="editor"),
    Target("/admin/snippets/choose/core/spokesperson/", ["q", "p", "locale"], user="editor"),
    Target("/admin/snippets/choose/core/organization/", ["q", "p"], user="editor"),
    Target("/admin/images/chooser/chosen-multiple/", ["id"], user="editor"),
    Target("/admin/documents/chooser/chosen-multiple/", ["id"], user="editor"),
    Target("/admin/snippets/choose/core/topic/chosen-multiple/", ["id"], user="editor"),
    Target("/admin/choose-page/chosen-multiple/", ["id"], user="editor"),
    Target("/admin/reports/locked/", ["p", "ordering", "locked_at_from", "locked_by"], user="moderator"),
    Target("/admin/reports/workflow/", ["p", "workflow", "status", "requested_at"], user="moderator"),
    Target("/admin/reports/workflow_tasks/", ["p", "task", "status", "started_at"], user="moderator"),
    Target("/admin/reports/site-history/", ["p", "action", "user", "timestamp_from", "object_type"], user="editor"),
    Target(
        "/admin/api/main/pages/",
        ["search", "child_of", "descendant_of", "limit", "offset", "type", "fields", "order", "search_operator"],
        user="editor",
    ),
    Target("/admin/api/main/pages/{story}/", ["fields"], user="editor"),
    Target("/admin/media-lists/", ["q"], user="editor"),
    Target("/admin/media-lists/contacts/", ["q", "p", "list", "suppressed", "export"], user="editor"),
    Target("/admin/media-lists/import/", ["q"], user="editor"),
    Target("/admin/releases/stories/{story}/", ["q"], user="moderator"),
    Target("/admin/releases/sends/{release_send}/", ["state", "p"], user="moderator"),
]

# The public targets the Spanish parts of the sweep take (the English parts take the rest).
SPANISH_AND_LINKS = ("/es/", "/embargoed/", "/alerts/", "/interview/", "/releases/")


def public_targets(*, spanish, in_press_room):
    """The anonymous targets of one part of the public sweep: English or Spanish (with the
    links from emails), and under the press room's address or not."""
    room = "/es/press/" if spanish else "/press/"
    return [
        target
        for target in TARGETS
        if target.user is None
        and target.path.startswith(SPANISH_AND_LINKS) == spanish
        and target.path.startswith(room) == in_press_room
    ]


# An editor searches a listing, then sorts it by a column (or an address asks for any order).
SORTED_SEARCH_PATHS = [
    "/admin/snippets/core/spokesperson/",
    "/admin/snippets/core/organization/",
    "/admin/snippets/core/category/",
    "/admin/snippets/core/topic/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/pages/search/",
    "/admin/pages/{cipc_press}/",
]
ORDERINGS = ["name", "-name", "title", "-title", "organization", "active", "live", "_updated_at", "-_updated_at"]
ORDERINGS += ["short_name", "slug", "created_at", "-latest_revision_created_at", "status", "type", "%FF"]

HOSTS = [
    "evil.example",
    "localhost:99999999999",
    "localhost:abc",
    "localhost:",
    "[::1",
    "localhost\x00",
    "",
    "a" * 300 + ".localhost",
    "LOCALHOST",
    "localhost.",
    "xn--80ak6aa92e.localhost",
    "iceout.localhost:0",
    "localhost@evil.example",
]
HOST_PATHS = ["/", "/press/", "/search/?q=court", "/robots.txt", "/sitemap.xml", "/admin/login/"]

METHODS = ["put", "delete", "patch", "options", "PROPFIND", "TRACE", "BREW"]
METHOD_PATHS = [
    "/",
    "/press/",
    "/press/{story_slug}/",
    "/search/",
    "/press/feed/",
    "/press/contacts/",
    "/press/{story_slug}/release.pdf",
    "/press/{story_slug}/card.png",
    "/press/{story_slug}/media/images/{story_image}/",
    "/interview/",
    "/interview/send/",
    "/releases/click/{release_click_token}/",
    "/people/sample-spokesperson/",
    "/sitemap.xml",
    "/robots.txt",
]

BAD_PATHS = [
    "/press/%00/",
    "/%FF/",
    "/press/%C0%AF/",
    "/press/%E0%80%AF%E0%80%AF/",
    "/press/%ED%A0%80/",
    "/press/%C2%B2/",
    "/" + "a/" * 2_000,
    "/press/" + "x" * 10_000 + "/",
    "/press/../admin/",
    "/press/%2e%2e/%2e%2e/etc/passwd",
    "/..%2F..%2Fetc%2Fpasswd",
    "//",
    "/press//feed/",
    "/press/feed/%00/",
    "/search/%00/",
    "/press/%00/release.pdf",
    "/press/{story_slug}/%FF/card.png",
    "/press/{story_slug}/media/images/99999999999999999999/",
    "/press/{story_slug}/media/images/%00/",
    "/press/{story_slug}/media/images/{story_image}/%C0%AF/",
    "/people/%00/",
    "/people/%C2%B2/",
    "/people/" + "x" * 10_000 + "/",
    "/people/sample-spokesperson/%00/",
    "/releases/click/%00/",
    "/es/people/%ED%A0%80/",
    "/documents/99999999999999999999/x.pdf",
    "/documents/1/%00.pdf",
    "/admin/pages/99999999999999999999/",
    "/admin/pages/%00/",
    "/admin/%FF/",
    "/admin/images/chooser/chosen/%00/",
    "/admin/images/chooser/chosen/%C2%B2/",
    "/admin/documents/chooser/chosen/" + "9" * 40 + "/",
    "/admin/snippets/choose/core/topic/chosen/%FF/",
    "/admin/snippets/choose/core/spokesperson/chosen/-1/",
    "/admin/snippets/core/topic/edit/%C2%B2/",
    "/admin/snippets/core/topic/delete/abc/",
    "/admin/snippets/core/spokesperson/history/%00/",
    "/_util/login/?next=%00",
]

TOKENS = ["%00", "%FF", "%C0%AF", "%ED%A0%80", "%C2%B2", "..", "a" * 10_000, "%20", "-1", "{embargo_token}%00"]

COOKIES = {
    "sessionid": ["garbage", "\x00", "a" * 4_000, "%FF%FE", '"quoted"', "1:2:3", "..%2F"],
    "csrftoken": ["garbage", "\x00", "a" * 4_000, "x" * 64, "%FF"],
}
COOKIE_PATHS = ["/", "/press/", "/admin/", "/admin/pages/", "/admin/login/"]


# --- the sweep ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    group: str
    method: str
    url: str
    host: str
    user: str | None
    status: int | str
    error: str


class MalformedRequestSweep(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = sites = build_press_sites()
        translate_press_sites(sites)
        users = team_members(sites)
        cls.people = {"editor": users["cipc-editor"], "moderator": users["cipc-moderator"]}
        # With a bio: /people/sample-spokesperson/ is swept too.
        person = SpokespersonFactory(
            name="Sample Spokesperson",
            slug="sample-spokesperson",
            organization=sites.sample_org,
            bio="<p>A fictional sample spokesperson.</p>",
        )
        topic = TopicFactory(name="Sample topic", slug="sample-topic")
        story = make_story(
            sites.cipc_press,
            "Sample story for the sweep",
            topics=[topic],
            signatories=[sites.cipc_org],
            body=[statement(person, "<p>Sample text.</p>"), block("paragraph", "<p>More sample text.</p>")],
        )
        spanish_story = translate(story, title="Historia de muestra", slug="historia-de-muestra")
        make_story(sites.coalition_press, "Sample coalition story", signatories=sites.members, category=sites.statement)
        draft = make_story(sites.cipc_press, "Sample embargoed story")
        draft.unpublish()
        link = EmbargoLink.objects.create(page=draft, created_by=cls.people["editor"])
        reporters = MediaList.objects.create(site=sites.cipc_site, name="Sample reporters")
        reporters.contacts.add(
            MediaContact.objects.create(site=sites.cipc_site, name="Sample Reporter", email="reporter@example.org")
        )
        release_send = record_send(
            story, sites.cipc_site, [reporters], Send.When.NOW, cls.people["moderator"], count_clicks=True
        )
        release_link = SendLink.objects.create(send=release_send, kind="story", url=story.get_full_url())
        collection = SiteTeam.objects.get(site=sites.cipc_site).collection
        image = Image.objects.create(title="Sample image", file=get_test_image_file(), collection=collection)
        story.listing_image = image  # so the story's media section offers a picture's original
        story.save_revision().publish()
        Document.objects.create(
            title="Sample document", file=ContentFile(b"%PDF-1.4 sample", name="sample.pdf"), collection=collection
        )
        advisory = make_advisory(sites.cipc_press, "Sample advisory for the sweep")
        spanish_advisory = translate(advisory, title="Aviso de muestra", slug="aviso-de-muestra")
        cls.names = {
            "advisory": advisory.pk,
            "advisory_slug": advisory.slug,
            "spanish_advisory": spanish_advisory.pk,
            "story": story.pk,
            "story_slug": story.slug,
            "story_image": image.pk,
            "spanish_story_slug": spanish_story.slug,
            "cipc_press": sites.cipc_press.pk,
            "cipc_home": sites.cipc_home.pk,
            "embargo_token": link.token,
            "release_send": release_send.pk,
            "release_unsubscribe_token": unsubscribe_token(release_send.deliveries.get()),
            "release_click_token": click_token(release_link),
        }

    @pytest.fixture(autouse=True)
    def _capsys(self, capsys):
        self.capsys = capsys

    def setUp(self):
        self.sent = []
        self.clients = {None: Client(raise_request_exception=False)}
        for name, user in self.people.items():
            self.clients[name] = Client(raise_request_exception=False)
            self.clients[name].force_login(user)

    # --- sending -------------------------------------------------------------------------

    def send(self, group, method, url, *, host=CIPC_HOST, user=None, client=None, **extra):
        """One request, in a savepoint that is always rolled back: a request that breaks the
        transaction (or writes) cannot affect the next."""
        client = client or self.clients[user]
        url = url.format(**self.names)
        sid = transaction.savepoint()
        try:
            if method.lower() in ("get", "post", "put", "delete", "patch", "options", "head", "trace"):
                response = getattr(client, method.lower())(url, HTTP_HOST=host, **extra)
            else:
                response = client.generic(method, url, HTTP_HOST=host, **extra)
        finally:
            transaction.savepoint_rollback(sid)
        error = ""
        if response.exc_info:
            error = f"{response.exc_info[0].__name__}: {response.exc_info[1]}"[:300]
        self.sent.append(Sent(group, method.upper(), url, host, user, response.status_code, error))
        return response

    def sweep_queries(self, targets):
        for target in targets:
            # The clean address must work, or the sweep would only be testing a 404 page.
            response = self.send("baseline", "get", target.path, host=target.host, user=target.user)
            self.assertEqual(
                response.status_code, target.status, f"{target.path} on {target.host} as {target.user or 'anonymous'}"
            )
            for url in target.urls():
                self.send("public query" if target.user is None else "admin query", "get", url, **self._at(target))

    def sweep_sorted_searches(self):
        for path in SORTED_SEARCH_PATHS:
            for ordering in ORDERINGS:
                self.send("sorted search", "get", f"{path}?q=sample&ordering={ordering}", user="editor")

    def sweep_requests(self):
        """Everything but the query strings: hosts, methods, paths, tokens, cookies, bodies."""
        for host in HOSTS:
            for path in HOST_PATHS:
                self.send("host", "get", path, host=host)
        for method in METHODS:
            for path in METHOD_PATHS:
                self.send("method", method, path)
                self.send("method", method, path, host=COALITION_HOST)
        for path in BAD_PATHS:
            self.send("path", "get", path)
            self.send("path", "get", path, user="editor")
        for token in TOKENS:
            self.send("embargo", "get", f"/embargoed/{token}/")
            self.send("embargo", "get", f"/embargoed/{token}/", host=COALITION_HOST)
        strict = Client(enforce_csrf_checks=True, raise_request_exception=False)
        for name, values in COOKIES.items():
            for value in values:
                strict.cookies.clear()
                strict.cookies[name] = value
                for path in COOKIE_PATHS:
                    self.send("cookie", "get", path, client=strict)
                self.send(
                    "cookie",
                    "post",
                    "/admin/login/",
                    client=strict,
                    data="username=a&password=b&csrfmiddlewaretoken=garbage",
                    content_type="application/x-www-form-urlencoded",
                )
        for token in TOKENS:
            for kind in ("confirm", "unsubscribe"):
                self.send("alerts link", "get", f"/alerts/{kind}/{token}/")
                self.send("alerts link", "post", f"/alerts/{kind}/{token}/", data={"List-Unsubscribe": "One-Click"})
        for body in SIGNUP_BODIES:
            self.send("alerts sign-up", "post", "/alerts/", data=body, content_type="application/x-www-form-urlencoded")
            self.send(
                "alerts sign-up",
                "post",
                "/alerts/",
                host=COALITION_HOST,
                data=body,
                content_type="application/x-www-form-urlencoded",
            )
        # Past the flood limits every body would get the same 429: each one reaches the form here.
        with override_settings(INTERVIEWS_LIMIT_PER_ADDRESS=1_000, INTERVIEWS_LIMIT_PER_EMAIL=1_000):
            for body in INTERVIEW_BODIES:
                for host, path in [(CIPC_HOST, "/interview/send/"), (COALITION_HOST, "/es/interview/send/")]:
                    self.send(
                        "interview request",
                        "post",
                        path,
                        host=host,
                        data=body,
                        content_type="application/x-www-form-urlencoded",
                    )
        for body in RSVP_BODIES:
            self.send(
                "advisory rsvp",
                "post",
                "/advisories/{advisory}/rsvp/",
                data=body,
                content_type="application/x-www-form-urlencoded",
            )
        for story_id in ADVISORY_IDS:
            self.send("advisory id", "get", f"/advisories/{story_id}/event.ics")
            self.send("advisory id", "post", f"/advisories/{story_id}/rsvp/", data={"name": "a"})
        for body in LOGIN_BODIES.values():
            self.send("sign-in", "post", "/admin/login/", data=body, content_type="application/x-www-form-urlencoded")
        for content_type, body in LOGIN_RAW.values():
            self.send("sign-in", "post", "/admin/login/", data=body, content_type=content_type)

    @staticmethod
    def _at(target):
        return {"host": target.host, "user": target.user}

    # --- reporting -----------------------------------------------------------------------

    def print_table(self, part):
        groups = defaultdict(Counter)
        for sent in self.sent:
            groups[sent.group][sent.status] += 1
        groups["total"] = sum(groups.values(), Counter())
        statuses = sorted(groups["total"], key=str)
        width = max(len(group) for group in groups) + 2
        lines = [
            "",
            f"Malformed-request sweep, {part}: {self.sent_count()} requests, count by status",
            "group".ljust(width) + "".join(f"{status:>8}" for status in statuses) + f"{'all':>8}",
        ]
        for group, counts in groups.items():
            row = "".join(f"{counts.get(status, 0):>8}" for status in statuses)
            lines.append(group.ljust(width) + row + f"{sum(counts.values()):>8}")
        with self.capsys.disabled():
            print("\n".join(lines))

    def sent_count(self):
        return len(self.sent)

    def assert_no_server_error(self, part, at_least):
        """Print the part's table, check it sent what its tables make (not an emptied table),
        and fail with every 5xx it met."""
        self.print_table(part)
        self.assertGreaterEqual(self.sent_count(), at_least)
        errors = [sent for sent in self.sent if isinstance(sent.status, int) and sent.status >= 500]
        if errors:
            report = "\n".join(
                f"{sent.status} {sent.method} {sent.url[:120]} host={sent.host[:40]!r} "
                f"user={sent.user or 'anonymous'}: {sent.error}"
                for sent in errors
            )
            self.fail(f"{len(errors)} server errors:\n{report}")

    # The sweep in six parts (the public pages in four of a similar size, the admin, and all
    # but the query strings), so that pytest-xdist's two workers can share it; together they
    # send every request the tables make (about 3,100; at least 600).

    def test_no_malformed_query_on_an_english_press_room_address_gets_a_server_error(self):
        self.sweep_queries(public_targets(spanish=False, in_press_room=True))
        self.assert_no_server_error("English press room addresses", 200)

    def test_no_malformed_query_on_another_english_public_page_gets_a_server_error(self):
        self.sweep_queries(public_targets(spanish=False, in_press_room=False))
        self.assert_no_server_error("other English public pages", 200)

    def test_no_malformed_query_on_a_spanish_press_room_address_gets_a_server_error(self):
        self.sweep_queries(public_targets(spanish=True, in_press_room=True))
        self.assert_no_server_error("Spanish press room addresses", 200)

    def test_no_malformed_query_on_another_spanish_public_page_or_a_link_gets_a_server_error(self):
        self.sweep_queries(public_targets(spanish=True, in_press_room=False))
        self.assert_no_server_error("other Spanish public pages and links", 200)

    def test_no_malformed_query_or_sort_on_an_admin_listing_gets_a_server_error(self):
        self.sweep_queries([t for t in TARGETS if t.user is not None])
        self.sweep_sorted_searches()
        self.assert_no_server_error("admin listings", 150)

    def test_no_malformed_host_method_path_cookie_or_body_gets_a_server_error(self):
        self.sweep_requests()
        self.assert_no_server_error("hosts, methods, paths, cookies, bodies", 50)

    # --- what the fixes look like to the people who hit them -------------------------------

    def test_the_admin_api_answers_a_nul_search_or_a_huge_offset_with_a_400_that_says_why(self):
        client = self.clients["editor"]
        response = client.get("/admin/api/main/pages/?search=court%00ruling", HTTP_HOST=CIPC_HOST)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json(), {"message": "null characters are not allowed in search"})
        response = client.get("/admin/api/main/pages/?offset=" + "9" * 40, HTTP_HOST=CIPC_HOST)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json(), {"message": "offset must be lower than 1000000000"})
        response = client.get("/admin/api/main/pages/?search=sample", HTTP_HOST=CIPC_HOST)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Sample story for the sweep", {item["title"] for item in response.json()["items"]})

    def test_a_pasted_paragraph_searches_by_its_first_words(self):
        words = "sample story sweep " * 700  # 2,100 words: one nested expression each was a 500
        response = self.clients["editor"].get("/admin/pages/search/", {"q": words}, HTTP_HOST=CIPC_HOST)
        self.assertContains(response, "Sample story for the sweep")

    def test_an_editor_can_search_spokespeople_and_sort_by_organisation(self):
        response = self.clients["editor"].get(
            "/admin/snippets/core/spokesperson/?q=sample&ordering=organization", HTTP_HOST=CIPC_HOST
        )
        self.assertContains(response, "Sample Spokesperson")

    def test_a_chooser_asked_for_an_id_that_cannot_exist_says_not_found(self):
        for url in ["/admin/images/chooser/chosen/%C2%B2/", "/admin/choose-page/chosen-multiple/?id=1"]:
            response = self.clients["editor"].get(url, HTTP_HOST=CIPC_HOST)
            self.assertEqual(response.status_code, 404, url)
