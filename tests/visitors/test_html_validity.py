"""Every page kind of both sites is valid HTML according to the Nu HTML Checker (vnu.jar,
from npm's vnu-jar, installed by `make test`)."""

import json
import re
import subprocess
import tempfile
from pathlib import Path

from django.test import TestCase

from press.models import PressIndexPage
from tests.advisories.data import add_checked_advisories
from tests.listing_data import build_spanish_stories, build_stories
from tests.presskit_data import add_press_kits_and_contacts
from tests.sites import brand_like_the_demo, build_press_sites
from tests.visitors.checked_pages import checked_pages

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PINNED_BANNER = re.compile(r'class="pinned__banner" id="pinned-heading">([^<]+)<')
BROKEN = "<!doctype html><html lang=en><title>x</title><p><div>block in p</p></span>"


class HtmlValidityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        stories, people = build_stories(cls.sites)
        build_spanish_stories(cls.sites, stories)
        add_press_kits_and_contacts(cls.sites, people)  # press kits, and contact cards on rooms, homes and stories
        add_checked_advisories(cls.sites)  # a media advisory per site; the Upcoming lists
        brand_like_the_demo(cls.sites)  # SVG logos, banners and typefaces are in every page
        # A pinned and a breaking story lead the rooms and home pages (their lead blocks checked too).
        for room, breaking in [(cls.sites.cipc_press, False), (cls.sites.coalition_press, True)]:
            room = PressIndexPage.objects.get(pk=room.pk)
            room.pinned_story, room.pinned_breaking = room.get_children().live().specific().first(), breaking
            room.save_revision().publish()

    def test_nu_html_checker_finds_no_errors(self):
        self.assertTrue(VNU.exists(), f"{VNU} is missing: run `make node-deps`")
        with tempfile.TemporaryDirectory() as folder:
            files = {}
            banners = set()
            for n, (label, host, path, status) in enumerate(checked_pages(spanish=True)):
                response = self.client.get(path, HTTP_HOST=host)
                self.assertEqual(response.status_code, status, label)
                files[f"page-{n}.html"] = label
                banners |= set(PINNED_BANNER.findall(response.content.decode()))
                (Path(folder) / f"page-{n}.html").write_bytes(response.content)
            self.assertEqual(banners, {"Pinned", "Breaking", "Destacado", "Última hora"})
            # A page known to be broken proves the checker really reports errors.
            (Path(folder) / "broken.html").write_text(BROKEN)
            result = subprocess.run(
                ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *sorted(Path(folder).glob("*.html"))],
                capture_output=True,
                text=True,
                timeout=240,
                check=False,
            )
        messages = json.loads(result.stderr)["messages"]
        errors = {}
        for message in messages:
            name = Path(message["url"].removeprefix("file:")).name
            errors.setdefault(name, []).append(f"line {message.get('lastLine')}: {message['message']}")
        self.assertIn("broken.html", errors, "the checker reported nothing for a broken page")
        found = {files[name]: problems for name, problems in errors.items() if name != "broken.html"}
        self.assertEqual(found, {})
