"""Press-release conventions a journalist expects: a release line, the story's summary as its
standfirst, the closing "###", and dated update and correction notes that also reach the feed
and search engines (JSON-LD dateModified)."""

import datetime
import json
import re

from django.test import TestCase

from press.models import StoryCorrection
from tests.factories import SpokespersonFactory, block, make_story
from tests.sites import COALITION_HOST, build_press_sites

NOTED = datetime.datetime(2019, 3, 4, 18, 30, tzinfo=datetime.UTC)


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


class ReleaseConventionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()

    def get(self, story):
        response = self.client.get(story.url_path.removeprefix("/iceout"), HTTP_HOST=COALITION_HOST)
        self.assertEqual(response.status_code, 200)
        return response

    def test_a_release_line_sits_above_the_title(self):
        immediate = make_story(self.sites.coalition_press, "Coalition sues", release="immediate")
        self.assertContains(self.get(immediate), '<p class="story__release">For immediate release</p>', html=True)

        lifts = datetime.datetime(2019, 1, 2, 17, 0, tzinfo=datetime.UTC)  # 9 a.m. in California
        embargoed = make_story(
            self.sites.coalition_press, "Coalition responds", release="embargoed", embargoed_until=lifts
        )
        html = self.get(embargoed).content.decode()
        self.assertIn("Embargoed until", html)
        self.assertIn("Wednesday, January 2, 2019, 9:00 AM PST", html)

        plain = make_story(self.sites.coalition_press, "Coalition reacts")
        self.assertNotContains(self.get(plain), "story__release")

    def test_an_embargo_line_needs_a_time(self):
        story = make_story(self.sites.coalition_press, "Coalition waits")
        story.release = "embargoed"
        with self.assertRaisesMessage(Exception, "Say when the embargo lifts"):
            story.full_clean()

    def test_the_summary_is_the_standfirst_and_the_story_ends_with_the_end_mark(self):
        story = make_story(
            self.sites.coalition_press, "Coalition statement", summary="Sheriffs must not act as agents."
        )
        response = self.get(story)
        self.assertContains(response, '<p class="story__standfirst">Sheriffs must not act as agents.</p>', html=True)
        self.assertContains(
            response,
            '<p class="story__end"><span aria-hidden="true">###</span>'
            '<span class="visually-hidden">End of release</span></p>',
            html=True,
        )
        html = response.content.decode()
        self.assertLess(html.index("Body text."), html.index("###"))

    def test_a_summary_that_repeats_the_opening_lines_is_not_shown_twice(self):
        story = make_story(
            self.sites.coalition_press,
            "Coalition statement on policing",
            summary="Today, the coalition's steering committee issued the following statement: […]",
            body=[
                block(
                    "paragraph",
                    "<p>Today, the coalition’s steering committee issued the following statement: "
                    "sheriffs must not act as agents.</p>",
                )
            ],
        )
        html = self.get(story).content.decode()
        self.assertNotIn("story__standfirst", html)
        main = html[html.index("<main") : html.index("</main>")]
        self.assertEqual(main.count("issued the following statement"), 1)

    def test_a_summary_that_repeats_a_statement_and_its_lead_in_is_not_shown_twice(self):
        # As CIPC's demo stories 1 and 6: the summary opens with a few words of its own ("Today,"),
        # then the lead-in the page writes and the statement's first words, cut short.
        speaker = SpokespersonFactory(name="Rowan Example", organization=self.sites.sample_org)
        lead_in = (
            "Rowan Example, Executive Director of the Example Immigrant Rights Network, issued the following statement:"
        )
        story = make_story(
            self.sites.coalition_press,
            "Example network praises the ruling",
            summary=f"In response to today’s ruling, {lead_in} Today’s decision marks yet another win […]",
            body=[
                block(
                    "statement",
                    {
                        "spokesperson": speaker.pk,
                        "text": "<p>Today’s decision marks yet another win for families in this state.</p>",
                    },
                )
            ],
        )
        html = self.get(story).content.decode()
        self.assertNotIn("story__standfirst", html)
        main = html[html.index("<main") : html.index("</main>")]
        self.assertEqual(main.count("marks yet another win"), 1)
        self.assertEqual(main.count("issued the following statement"), 1)

    def test_a_summary_that_repeats_the_signatories_statement_is_not_shown_twice(self):
        network = self.sites.sample_org
        story = make_story(
            self.sites.coalition_press,
            "Coalition statement on courthouses",
            summary="Today, Example Immigrant Rights Network issued the following statement: "
            "courthouses must be safe for everyone who […]",
            signatories=[network],
            body=[
                block("signatories_statement", {"text": "<p>Courthouses must be safe for everyone who needs them.</p>"})
            ],
        )
        html = self.get(story).content.decode()
        self.assertNotIn("story__standfirst", html)
        main = html[html.index("<main") : html.index("</main>")]
        self.assertEqual(main.count("must be safe for everyone"), 1)

    def test_a_summary_of_its_own_beside_a_statement_is_the_standfirst(self):
        speaker = SpokespersonFactory(name="Rowan Example")
        story = make_story(
            self.sites.coalition_press,
            "Example network answers the governor",
            summary="The network asks the governor to sign the bill before the end of the session.",
            body=[block("statement", {"spokesperson": speaker.pk, "text": "<p>We ask the governor to act now.</p>"})],
        )
        self.assertContains(
            self.get(story),
            '<p class="story__standfirst">The network asks the governor to sign the bill before the end of the '
            "session.</p>",
            html=True,
        )

    def test_update_and_correction_notes_show_at_the_top_newest_first(self):
        story = make_story(self.sites.coalition_press, "Coalition statement on SB 54")
        story.corrections = [
            StoryCorrection(kind="update", noted_at=NOTED - datetime.timedelta(days=2), note="Adds the court's reply."),
            StoryCorrection(kind="correction", noted_at=NOTED, note="An earlier version misstated the date."),
        ]
        story.save_revision().publish()
        html = self.get(story).content.decode()
        self.assertIn("<strong>Corrected <time", html)
        self.assertIn("March 4, 2019</time>:</strong> An earlier version misstated the date.", html)
        self.assertIn("March 2, 2019</time>:</strong> Adds the court&#x27;s reply.", html)
        self.assertLess(html.index("misstated the date"), html.index("court&#x27;s reply"))
        self.assertLess(html.index("misstated the date"), html.index("Body text."))

        data = json_ld(html)
        self.assertEqual(datetime.datetime.fromisoformat(data["dateModified"]), NOTED)
        self.assertEqual(data["correction"][0]["text"], "An earlier version misstated the date.")

        feed = self.client.get("/press/feed/", HTTP_HOST=COALITION_HOST).content.decode()
        self.assertIn("Corrected March 4, 2019: An earlier version misstated the date.", feed)
        self.assertIn("Updated March 2, 2019: Adds the court's reply.", feed)

    def test_a_late_evening_correction_is_dated_on_the_sites_day_everywhere(self):
        # 22:50 in California on 6 December is 7 December in UTC: the page, the feed and the
        # JSON-LD all say 6 December, the day the press officer made it.
        late = datetime.datetime(2026, 12, 7, 6, 50, tzinfo=datetime.UTC)
        story = make_story(self.sites.coalition_press, "Coalition statement on courthouses")
        story.corrections = [StoryCorrection(kind="correction", noted_at=late, note="The hearing is on Tuesday.")]
        story.save_revision().publish()
        html = self.get(story).content.decode()
        self.assertIn('<time datetime="2026-12-06T22:50:00-08:00">December 6, 2026</time>', html)
        self.assertNotIn("December 7", html)
        data = json_ld(html)
        self.assertEqual(data["dateModified"], "2026-12-06T22:50:00-08:00")
        self.assertEqual(data["correction"][0]["datePublished"], "2026-12-06T22:50:00-08:00")
        feed = self.client.get("/press/feed/", HTTP_HOST=COALITION_HOST).content.decode()
        self.assertIn("Corrected December 6, 2026: The hearing is on Tuesday.", feed)
        self.assertIn("<lastBuildDate>Sun, 06 Dec 2026 22:50:00 -0800</lastBuildDate>", feed)

    def test_without_notes_date_modified_is_the_last_publication(self):
        story = make_story(self.sites.coalition_press, "Coalition statement on detention")
        data = json_ld(self.get(story).content.decode())
        self.assertEqual(datetime.datetime.fromisoformat(data["dateModified"]), story.last_published_at)
        self.assertNotIn("correction", data)
