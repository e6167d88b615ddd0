"""Times import_wordpress on generated exports and prints a table.

    DATABASE_URL=postgres://… python -m harness.bench_wordpress [500 5000]

Each import runs in its own process, so the peak memory measured (the child's maximum
resident set size) is that import's alone. A throwaway site, bench.localhost, receives the
stories; it and everything imported into it are deleted at the end."""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import harness.django_setup  # noqa: F401 (first: the imports below need Django set up)

# isort: split
from django.conf import settings
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from core.models import Category, Topic
from core.tree import ensure_wagtail_roots
from harness.wordpress_exports import generated_export
from press.models import PressIndexPage

HOSTNAME = "bench.localhost"
# WordPress's own theme test data (180 items, 49 published posts): timed too, as a real export.
THEME_TEST_DATA = Path(settings.BASE_DIR).parent / "shared" / "wordpress" / "themeunittestdata.wordpress.xml"


def main(argv=None, stdout=sys.stdout):
    parser = argparse.ArgumentParser(
        description="Import generated WordPress exports (default 500 and 5,000 posts); print time and peak memory."
    )
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 5000])
    BenchWordpress(stdout).handle(parser.parse_args(argv).sizes)


class BenchWordpress:
    def __init__(self, stdout):
        self.stdout = stdout

    def write(self, text):
        print(text, file=self.stdout, flush=True)

    def handle(self, sizes):
        columns = [("posts", 6), ("file MB", 8), ("import s", 9), ("posts/s", 8), ("peak MB", 8)]
        columns += [("re-run s", 9), ("peak MB", 8)]
        header = " ".join(f"{name:>{width}}" for name, width in columns)
        self.write(header)
        self.write("-" * len(header))
        try:
            with tempfile.TemporaryDirectory() as tmp:
                for size in sizes:
                    self._fresh_site()
                    export = Path(tmp) / f"export-{size}.xml"
                    with export.open("wb") as out:
                        generated_export(size, out)
                    (t1, m1), (t2, m2) = self._import(export), self._import(export)  # the second: unchanged
                    megabytes = export.stat().st_size / 2**20
                    self.write(
                        f"{size:>6} {megabytes:>8.1f} {t1:>9.1f} {size / t1:>8.1f} {m1:>8.0f} {t2:>9.1f} {m2:>8.0f}"
                    )
            if THEME_TEST_DATA.exists():
                self._fresh_site()
                (t1, m1), (t2, m2) = self._import(THEME_TEST_DATA), self._import(THEME_TEST_DATA)
                self.write(
                    f"{THEME_TEST_DATA.name} (49 published posts): import {t1:.1f} s, peak {m1:.0f} MB; "
                    f"re-run {t2:.1f} s, peak {m2:.0f} MB"
                )
        finally:
            self._remove_site()

    def _import(self, export):
        command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "import_wordpress", str(export)]
        started = time.monotonic()
        with tempfile.TemporaryFile() as log:
            # Our own manage.py, with arguments this command chose: nothing from outside.
            process = subprocess.Popen([*command, "--site", HOSTNAME], stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
            _pid, status, usage = os.wait4(process.pid, 0)
            elapsed = time.monotonic() - started
            if status != 0:
                log.seek(0)
                raise SystemExit(log.read().decode()[-2000:])
        return elapsed, usage.ru_maxrss / 1024  # kilobytes on Linux

    @transaction.atomic
    def _fresh_site(self):
        self._remove_site()
        root = ensure_wagtail_roots()
        home = Page(title="Benchmark", slug="wordpress-bench")  # a bare root: this app needs no site app
        root.add_child(instance=home)
        Site.objects.create(hostname=HOSTNAME, port=80, root_page=home, site_name="Benchmark")
        home.add_child(instance=PressIndexPage(title="Press room", slug="press"))

    @transaction.atomic
    def _remove_site(self):
        site = Site.objects.filter(hostname=HOSTNAME).first()
        if site:
            Redirect.objects.filter(site=site).delete()
            root = site.root_page
            site.delete()
            Page.objects.get(pk=root.pk).delete()
        Page.objects.filter(depth=2, slug="wordpress-bench").delete()
        Category.objects.filter(slug__startswith="category-", stories=None).delete()
        Topic.objects.filter(slug__startswith="topic-", stories=None).delete()


if __name__ == "__main__":
    main()
