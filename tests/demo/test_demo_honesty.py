"""The demo puts words in no real person's or organisation's mouth.

Every statement, quote and paragraph of a demo story, and its title, subtitle and summary,
is attributed to a real organisation (the story's) or a real spokesperson, unless the content
file marks its speaker fictional. Each must be the seed's own text: the press listing the
demo is built from, read from ``../shared/seed/`` beside the repository (CI keeps it there;
``SEED_DIR`` points elsewhere). A missing seed is a failure, not a skip.
"""

import os
import re
from html import unescape
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase
from django.utils.html import strip_tags
from wagtail.models import Locale

from core.models import Spokesperson
from demo.loader import DemoLoader
from press.models import PressRoomContact, StoryPage

EXAMPLE_HOST = "example.localhost"
EXAMPLE_ROOT = "/example"  # the sample site's root pages: /example/ and /example-es/
SEED_FILE = Path(os.environ.get("SEED_DIR") or settings.BASE_DIR.parent / "shared" / "seed") / "press-room.txt"
CUT = "[…]"


def normalise(text):
    """Plain text, one space between words, straight quotes and hyphens for dashes."""
    text = unescape(strip_tags(text))
    for curly, straight in {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}.items():
        text = text.replace(curly, straight)
    return re.sub(r"\s+", " ", text).strip()


def seed_text():
    assert SEED_FILE.exists(), f"The seed {SEED_FILE} is missing: put it at ../shared/seed/ or set SEED_DIR"
    return normalise(SEED_FILE.read_text(encoding="utf-8"))


def load_output():
    out = StringIO()
    call_command("load_demo", cipc_hostname="localhost", coalition_hostname="iceout.localhost", port=80, stdout=out)
    return out.getvalue()


class DemoHonestyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_output()
        content = DemoLoader().content
        cls.fictional_people = {p["slug"] for p in content["spokesperson"] if p.get("fictional")}
        cls.fictional_orgs = {o["name"] for o in content["organization"] if o.get("fictional")}

    def setUp(self):
        self.seed = seed_text()

    def assertSeedText(self, text, where):
        words = normalise(text)
        if words.endswith(CUT):
            words = words.removesuffix(CUT).rstrip()
        self.assertNotIn(CUT, words, f"{where}: text goes on after a cut")
        # assertTrue, not assertIn: the message names the text, without the whole seed.
        self.assertTrue(words in self.seed, f"{where} is not the seed's own text: {words!r}")

    def speaker_is_fictional(self, pk):
        return Spokesperson.objects.get(pk=pk).slug in self.fictional_people

    def test_words_of_real_people_and_organisations_are_the_seeds_own(self):
        checked = 0
        # The real organisations' sites; the fictional sample site has its own test (below).
        stories = StoryPage.objects.filter(locale__language_code="en").exclude(url_path__startswith=EXAMPLE_ROOT)
        for story in stories.order_by("path"):
            for field in ("title", "subtitle", "summary"):
                if getattr(story, field):
                    self.assertSeedText(getattr(story, field), f"{story.slug} {field}")
                    checked += 1
            for block in story.body.raw_data:
                kind, value, where = block["type"], block["value"], f"{story.slug} {block['type']} block"
                if kind == "paragraph":  # the story's organisation speaking
                    self.assertSeedText(value, where)
                elif kind in ("statement", "quote") and value.get("spokesperson"):
                    if not self.speaker_is_fictional(value["spokesperson"]):
                        self.assertSeedText(value["text"], where)
                elif kind == "quote":  # typed attribution: real unless a fictional organisation
                    if value.get("attribution") not in self.fictional_orgs:
                        self.assertSeedText(value["text"], where)
                elif kind == "signatories_statement":
                    self.assertSeedText(value["text"], where)
                else:
                    continue
                checked += 1
        self.assertGreater(checked, 40)  # 13 titles, 13 summaries, every lead

    def test_a_real_spokespersons_statement_is_cut_where_the_seed_cuts_it(self):
        story = StoryPage.objects.get(slug="cipc-praises-ca-legal-action-urges-congress-to-defundhate")
        response = self.client.get(story.url_path.removeprefix("/cipc"), HTTP_HOST="localhost")
        self.assertContains(
            response,
            "Cynthia Buiza, Executive Director of the California Immigrant Policy Center, issued the following "
            "statement:",
        )
        self.assertContains(
            response, "President Trump’s declaration must be unequivocally called out for what it is: a […]"
        )
        self.assertNotContains(response, "authoritarian move that")

    def test_sample_quotes_bios_and_contacts_are_fictional(self):
        real_speakers = set()
        for story in StoryPage.objects.all():  # both languages
            for block in story.body.raw_data:
                if block["type"] in ("quote", "spokesperson_bio") and block["value"].get("spokesperson"):
                    self.assertTrue(self.speaker_is_fictional(block["value"]["spokesperson"]), story.slug)
                if block["type"] in ("statement", "quote"):
                    pk = block["value"].get("spokesperson")
                    if pk and not self.speaker_is_fictional(pk):
                        real_speakers.add(Spokesperson.objects.get(pk=pk).name)
        self.assertEqual(real_speakers, {"Cynthia Buiza"})
        sample = Spokesperson.objects.get(slug="alex-sample", locale__language_code="en")
        self.assertTrue(sample.press_email.endswith("@example.org"))
        self.assertIn("555-01", sample.press_phone)
        for person in Spokesperson.objects.exclude(slug__in=self.fictional_people):  # both languages
            self.assertEqual((person.bio, person.press_email, person.press_phone), ("", "", ""), person.name)
        # Hours on the media contacts page are given for the sample people only.
        with_hours = PressRoomContact.objects.exclude(hours="").values_list("spokesperson__slug", flat=True)
        self.assertTrue(with_hours)
        self.assertLessEqual(set(with_hours), set(self.fictional_people))

    def test_only_the_fictional_spokespeople_get_pages(self):
        """A page shows a bio, so only people the demo marks fictional have one: a real person,
        whom the seed gives no bio, has none on either site or in either language."""
        shown = set()
        for person in Spokesperson.objects.filter(locale__language_code="en"):
            for host in ("localhost", "iceout.localhost", EXAMPLE_HOST):
                for prefix in ("", "/es"):
                    status = self.client.get(f"{prefix}/people/{person.slug}/", HTTP_HOST=host).status_code
                    if person.slug not in self.fictional_people:
                        self.assertEqual(status, 404, (person.name, host, prefix))
                    elif status == 200:
                        shown.add((person.slug, host, prefix))
        self.assertIn(("jordan-placeholder", "localhost", ""), shown)  # the quote in a CIPC story
        self.assertIn(("jordan-placeholder", "localhost", "/es"), shown)
        self.assertIn(("robin-example", EXAMPLE_HOST, ""), shown)  # the sample site's own
        for host in ("localhost", "iceout.localhost", EXAMPLE_HOST):
            listed = self.client.get("/people/", HTTP_HOST=host).content.decode()
            sitemap = self.client.get("/sitemap.xml", HTTP_HOST=host).content.decode()
            for person in Spokesperson.objects.exclude(slug__in=self.fictional_people):
                self.assertNotIn(f"/people/{person.slug}/", listed + sitemap, host)

    def test_signatories_are_only_those_the_seed_or_its_notes_name(self):
        signed = {
            story.slug: [s.organization.short_name for s in story.signatories.all()]
            for story in StoryPage.objects.filter(signatories__isnull=False, locale__language_code="en").distinct()
        }
        self.assertEqual(
            signed,
            {
                "ice-should-not-politicize-tragedy-in-tulare-county": [
                    "Advancing Justice – ALC",
                    "ACLU of California",
                    "CIPC",
                    "CIYJA",
                    "ILRC",
                    "NDLON",
                    "PICO California",
                ],
                "ices-abuses-have-no-place-in-california": ["Advancing Justice – ALC"],
            },
        )

    def test_the_seeds_lead_comes_before_what_follows_it(self):
        story = StoryPage.objects.get(slug="cipc-calls-upon-new-lapd-chief-to-defend-sanctuary-for-all")
        self.assertEqual(story.body[0].block_type, "paragraph")
        self.assertIn("Yesterday, Los Angeles Mayor Eric Garcetti", story.body[0].value.source)

    def test_each_spanish_story_is_a_marked_translation_of_a_seed_story(self):
        """A Spanish story translates its English original and says so: the same date, speakers,
        signatories and blocks, each text cut where the English one is cut, and nothing added
        but the note that it is a translation."""
        spanish = StoryPage.objects.filter(locale__language_code="es")
        self.assertGreaterEqual(spanish.filter(url_path__startswith="/cipc-es/").count(), 3)
        self.assertGreaterEqual(spanish.filter(url_path__startswith="/iceout-es/").count(), 3)
        for story in spanish:
            with self.subTest(story=story.slug):
                original = story.get_translation(Locale.objects.get(language_code="en"))
                self.assertEqual((story.date, story.category_id), (original.date, original.category_id))
                self.assertEqual(
                    [s.organization_id for s in story.signatories.all()],
                    [s.organization_id for s in original.signatories.all()],
                )
                note, *blocks = story.body.raw_data
                self.assertIn("Traducción al español del comunicado original en inglés", note["value"])
                self.assertEqual(len(blocks), len(original.body.raw_data))
                for block, english in zip(blocks, original.body.raw_data, strict=True):
                    self.assertEqual(block["type"], english["type"])
                    if block["type"] in ("statement", "quote", "spokesperson_bio"):
                        self.assertEqual(block["value"]["spokesperson"], english["value"]["spokesperson"])
                    text = block["value"] if block["type"] == "paragraph" else block["value"].get("text")
                    english_text = english["value"] if english["type"] == "paragraph" else english["value"].get("text")
                    if text and english_text:
                        self.assertEqual(normalise(text).endswith(CUT), normalise(english_text).endswith(CUT))
                for field in ("summary",):
                    self.assertEqual(getattr(story, field).endswith(CUT), getattr(original, field).endswith(CUT))

    def test_a_spanish_statement_names_its_speaker_in_spanish_and_keeps_the_cut(self):
        response = self.client.get("/es/press/cipc-elogia-fallo-santuario-del-noveno-circuito/", HTTP_HOST="localhost")
        self.assertContains(
            response,
            "Cynthia Buiza, directora ejecutiva del California Immigrant Policy Center, emitió la siguiente "
            "declaración:",
        )
        self.assertContains(response, "La decisión de hoy es otra victoria más […]")
        self.assertContains(response, "Traducción al español del comunicado original en inglés.")

    def test_kits_and_home_pages_give_real_people_the_seeds_titles_and_quote_only_the_seed(self):
        # In either language: a kit names a real person with the title the seed gives them, and
        # what a real organisation is described as is the seed notes' own words, quoted as theirs.
        notes = normalise((SEED_FILE.parent / "NOTES.md").read_text(encoding="utf-8"))
        real = Spokesperson.objects.filter(locale__language_code="en").exclude(slug__in=self.fictional_people)
        named = quoted = 0
        for host in ("localhost", "iceout.localhost"):
            for path in ("/", "/es/", "/press-kit/", "/es/press-kit/"):
                response = self.client.get(path, HTTP_HOST=host)
                self.assertEqual(response.status_code, 200, f"{host}{path}")
                html = response.content.decode()
                main = html[html.index("<main") : html.index("</main>")]
                text = normalise(main)
                for person in real if "press-kit" in path else ():  # the stories are marked translations
                    if person.name in text:
                        self.assertIn(f"{person.name}, {person.title}", text, f"{host}{path}")
                        named += 1
                # The notes' words are quoted as the notes', never as the organisation's own.
                self.assertNotIn("se describe a sí misma", text, f"{host}{path}")
                for words in re.findall(r"“([^”]{20,})”", unescape(strip_tags(main))):
                    words = normalise(words)
                    self.assertTrue(words in notes, f"{host}{path} quotes {words!r}, which the seed does not say")
                    quoted += 1
        self.assertGreaterEqual(named, 8)  # CIPC's four people, in both kits
        self.assertGreaterEqual(quoted, 2)  # the coalition's own description, in Spanish

    def test_the_fictional_sample_site_names_no_real_person_or_organisation(self):
        """Everything on example.localhost is made up: every spokesperson and organisation on it
        is marked fictional in press.toml, and no name the seed holds appears in its pages."""
        content = DemoLoader().content
        fictional_org_slugs = {o["slug"] for o in content["organization"] if o.get("fictional")}
        stories = StoryPage.objects.filter(url_path__startswith=EXAMPLE_ROOT)  # both languages
        self.assertEqual(stories.count(), 7)
        speakers = set()
        for story in stories:
            self.assertFalse(story.signatories.exists(), story.slug)
            for block in story.body.raw_data:
                value = block["value"]
                if block["type"] == "media_contacts":
                    speakers.update(item["value"] for item in value["contacts"])
                elif isinstance(value, dict) and value.get("spokesperson"):
                    speakers.add(value["spokesperson"])
                if block["type"] == "quote":
                    self.assertIn(value.get("attribution") or "", {"", *self.fictional_orgs}, story.slug)
        people = Spokesperson.objects.filter(pk__in=speakers).select_related("organization")
        self.assertEqual(
            {p.slug for p in people if p.locale.language_code == "en"},
            {"alex-sample", "jordan-placeholder", "robin-example"},
        )
        for person in people:
            self.assertIn(person.slug, self.fictional_people)
            self.assertIn(person.organization.slug, fictional_org_slugs, person.name)
        for contact in PressRoomContact.objects.filter(page__url_path__startswith=EXAMPLE_ROOT):
            self.assertIn(contact.spokesperson.slug, self.fictional_people)

        # The seed's names: its people and organisations, and the public figures and places
        # its excerpts name. None may appear on any page of the sample site.
        from tests.factories import real_organizations, real_people

        seed_names = {name.casefold() for name in real_people()} | set(real_organizations())
        seed_names |= {"trump", "sessions", "garcetti", "michel moore", "charlie beck", "mendez", "tulare"}
        seed_names |= {"orange county", "huntington beach", "los angeles", "caimmigrant"}
        paths = ["/", "/press/", "/press/contacts/", "/people/", "/es/", "/es/press/", "/es/people/", "/sitemap.xml"]
        for story in stories:  # /example/press/<slug>/ is /press/<slug>/, /example-es/… is /es/…
            root, rest = story.url_path.strip("/").split("/", 1)
            paths.append(f"{'/es' if root.endswith('-es') else ''}/{rest}/")
        paths += [f"{prefix}/people/{slug}/" for slug in sorted(self.fictional_people) for prefix in ("", "/es")]
        for path in paths:
            response = self.client.get(path, HTTP_HOST=EXAMPLE_HOST)
            self.assertEqual(response.status_code, 200, path)
            text = normalise(response.content.decode()).casefold()
            for name in seed_names:
                self.assertNotIn(name, text, f"{path} names {name!r}")
        self.assertEqual(len(paths), 8 + 7 + 6)


class DemoUpgradeTests(TestCase):
    """A database loaded by an older demo loses its invented text on the next `make run`,
    unless an editor has since saved the story."""

    def test_an_older_demos_invented_quote_is_replaced_and_an_editors_story_kept(self):
        from django.contrib.auth import get_user_model

        load_output()
        invented = {"type": "quote", "value": {"text": "Invented words.", "spokesperson": None, "attribution": ""}}
        person = Spokesperson.objects.get(slug="jennie-pasquarella", locale__language_code="en")
        person.bio = "<p>An invented biography.</p>"
        person.save()
        person.save_revision().publish()
        stories = {}
        for slug in ("ices-abuses-have-no-place-in-california", "cruel-baseless-lawsuit-is-abuse-of-power"):
            story = StoryPage.objects.get(slug=slug)
            invented["value"]["spokesperson"] = person.pk
            story.body = [*story.body.raw_data, invented]
            story.save()
            stories[slug] = story
        stories["ices-abuses-have-no-place-in-california"].save_revision().publish()  # the old loader
        editor = get_user_model().objects.create_user("editor")
        stories["cruel-baseless-lawsuit-is-abuse-of-power"].save_revision(user=editor).publish()

        self.assertIn("Brought up to date: 1 spokespeople updated, 1 stories updated", load_output())
        person.refresh_from_db()
        self.assertEqual(person.bio, "")
        replaced = StoryPage.objects.get(slug="ices-abuses-have-no-place-in-california")
        self.assertNotIn("Invented words.", str(replaced.body.raw_data))
        page = self.client.get("/press/ices-abuses-have-no-place-in-california/", HTTP_HOST="iceout.localhost")
        self.assertNotContains(page, "Invented words.")
        self.assertNotContains(page, "Jennie Pasquarella")
        kept = StoryPage.objects.get(slug="cruel-baseless-lawsuit-is-abuse-of-power")
        self.assertIn("Invented words.", str(kept.body.raw_data))

        self.assertEqual(load_output().strip(), "Demo content already loaded: nothing created.")
