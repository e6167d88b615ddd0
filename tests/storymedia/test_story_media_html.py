"""A story whose media section lists photos and a file is valid HTML by the Nu HTML Checker
(the site-wide check, tests/visitors/test_html_validity.py, covers stories without any)."""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.test import TestCase, override_settings

from tests.storymedia.test_story_media import StoryWithMedia

MEDIA = tempfile.mkdtemp(prefix="storymedia-html-test-media-")
VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def tearDownModule():
    shutil.rmtree(MEDIA, ignore_errors=True)


@override_settings(MEDIA_ROOT=MEDIA)
class StoryMediaHtmlTests(StoryWithMedia, TestCase):
    def test_the_story_page_with_its_media_section_is_valid_html(self):
        self.assertTrue(VNU.exists(), f"{VNU} is missing: run `make node-deps`")
        response = self.client.get(self.address, HTTP_HOST="localhost")
        self.assertContains(response, "Download original")
        with tempfile.NamedTemporaryFile(suffix=".html") as page:
            page.write(response.content)
            page.flush()
            result = subprocess.run(
                ["java", "-jar", str(VNU), "--format", "json", "--errors-only", page.name],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        self.assertEqual([message["message"] for message in json.loads(result.stderr)["messages"]], [])
