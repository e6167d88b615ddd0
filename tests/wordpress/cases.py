"""The import tests' common frame: both sites, a folder of their own per test, and the import
run as an operator runs it (``import_wordpress``), read back as a visitor sees the stories."""

import io
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase

from press.models import StoryPage
from tests.sites import CIPC_HOST, build_press_sites
from tests.wordpress.wxr_fixtures import wxr


def run_import(path, host=CIPC_HOST, **options):
    """``import_wordpress`` of the export at ``path`` into ``host``'s press room: what it printed."""
    out = io.StringIO()
    call_command("import_wordpress", str(path), site=host, stdout=out, **options)
    return out.getvalue()


def import_summary(output):
    """{label: number} from the closing table the import prints."""
    rows = {}
    for line in output.splitlines():
        label, _, number = line.rpartition("  ")
        if number.strip().isdigit() and label.strip():
            rows[label.strip()] = int(number)
    return rows


class ImportCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def import_posts(self, *items, **options):
        """``items`` written as one export in this test's folder, then imported into CIPC's room."""
        path = Path(self.tmp.name) / "export.xml"
        path.write_bytes(wxr(*items))
        return run_import(path, **options)

    def story_and_main(self, slug):
        """The story with ``slug`` and the <main> of its page, as a visitor gets it."""
        story = StoryPage.objects.get(slug=slug)
        html = self.client.get(story.url, HTTP_HOST=CIPC_HOST).content.decode()
        return story, html.split("<main", 1)[1].split("</main>", 1)[0]
