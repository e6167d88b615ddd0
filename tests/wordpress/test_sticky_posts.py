"""WordPress's sticky posts: the newest sticky post that is public here is pinned in the room it
is imported into, so it leads the room and the home page as it led the WordPress site; the
report says which post was pinned and which were not."""

from press.models import PressIndexPage
from tests.wordpress.test_archive_safety import BRIEFING, ORDINARY, SafetyCase, with_fields
from tests.wordpress.wxr_fixtures import item, wxr

NEWER = item(309, "Coalition answers the fictional audit", "<p>The audit is wrong.</p>", slug="answers-audit")


class StickyPostTests(SafetyCase):
    def test_the_newest_public_sticky_post_is_pinned_and_the_report_says_so(self):
        output = self.run_import(
            wxr(
                with_fields(ORDINARY, is_sticky="1"),
                with_fields(NEWER.replace("2018-07-09", "2018-08-01"), is_sticky="1"),
                # Newest of all, but behind a password: never pinned.
                with_fields(BRIEFING.replace("2018-07-09", "2018-09-01"), is_sticky="1", post_password="s3cret"),
            ),
            password_protected="restrict",
        )
        room = PressIndexPage.objects.get(pk=self.sites.cipc_press.pk)
        self.assertEqual(room.pinned_story.title, "Coalition answers the fictional audit")
        self.assertFalse(room.pinned_breaking)
        self.assertIn("sticky in WordPress: pinned in the press room: post 309", output)
        self.assertIn("sticky in WordPress: not pinned, a newer sticky post is: post 301", output)
        for path in ("/", "/press/"):
            html = self.get(path).content.decode()
            self.assertIn('<p class="pinned__banner" id="pinned-heading">Pinned</p>', html)
            self.assertIn('<a href="/press/answers-audit/">Coalition answers the fictional audit</a>', html)
        self.assertNotIn("Board briefing", self.public_places())

    def test_a_dry_run_pins_nothing(self):
        output = self.run_import(wxr(with_fields(ORDINARY, is_sticky="1")), dry_run=True)
        self.assertIn("sticky in WordPress: pinned in the press room: post 301", output)
        self.assertIsNone(PressIndexPage.objects.get(pk=self.sites.cipc_press.pk).pinned_story)
        self.assertNotIn("pinned__banner", self.get("/press/").content.decode())
