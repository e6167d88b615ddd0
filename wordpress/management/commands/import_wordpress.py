"""python manage.py import_wordpress EXPORT.xml --site HOSTNAME [--media-dir DIR] [--fetch-media] [--dry-run]
[--password-protected skip|restrict] [--map FILE]"""

import os
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from wordpress.importer import MAX_TOPICS, RESTRICT_PROTECTED, SKIP_PROTECTED, WordPressImporter
from wordpress.termmap import MAX_BYTES as MAX_MAP_BYTES
from wordpress.termmap import TermMap, TermMapError
from wordpress.wxr import CountingReader, WXRError


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.1/1.2) into a site's press room: published posts become "
        "live stories, and their old WordPress addresses redirect to them. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The WXR file from WordPress's Tools → Export.")
        parser.add_argument("--site", required=True, help="Hostname of the Wagtail site, e.g. localhost.")
        parser.add_argument("--media-dir", help="A copy of wp-content/uploads, to import images from.")
        parser.add_argument(
            "--fetch-media",
            action="store_true",
            help="Download images and files not in --media-dir from the old site's addresses "
            "(public addresses only; size, type and time limited).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Read and check everything, write nothing.")
        parser.add_argument(
            "--password-protected",
            choices=[SKIP_PROTECTED, RESTRICT_PROTECTED],
            default=SKIP_PROTECTED,
            help="Password-protected posts: skip them (the default; counted in the report), or import "
            "them behind a Wagtail password restriction with the same password, kept out of listings, "
            "search, feeds, sitemaps and alerts.",
        )
        parser.add_argument(
            "--map",
            dest="map_file",
            metavar="FILE",
            help="A CSV file: per line a WordPress category or tag (slug or name), then category:<slug>, "
            "topic:<slug> or skip. Without one, categories and tags become categories and topics of the "
            f"same name, at most {MAX_TOPICS} topics a story.",
        )

    def handle(self, export, site, media_dir=None, dry_run=False, map_file=None, fetch_media=False, **options):
        path = Path(export)
        sites = Site.objects.filter(hostname=site).order_by("-is_default_site", "port")
        if not sites:
            known = ", ".join(Site.objects.order_by("hostname").values_list("hostname", flat=True)) or "none"
            raise CommandError(f"no site with hostname {site!r} (sites: {known})")
        if media_dir and not (os.path.isdir(media_dir) and os.access(media_dir, os.R_OK | os.X_OK)):
            raise CommandError(f"--media-dir {media_dir} is not a readable directory")
        term_map = self._term_map(map_file) if map_file else None
        try:
            raw = path.open("rb")
        except OSError as error:
            raise CommandError(f"{export}: cannot be read ({error.strerror})") from None
        size = max(path.stat().st_size, 1)
        reader = CountingReader(raw)
        started = time.monotonic()
        show = self._progress_bar(reader, size) if self.stdout.isatty() else self._progress_lines
        try:
            with raw:
                importer = WordPressImporter(
                    sites[0],
                    media_dir=media_dir,
                    dry_run=dry_run,
                    progress=show,
                    password_protected=options["password_protected"],
                    term_map=term_map,
                    fetch_media=fetch_media,
                )
                report = importer.run(reader)
        except WXRError as error:
            if self.stdout.isatty():
                self.stdout.write("")
            raise CommandError(f"{export}: {error}. Nothing was imported.") from None
        if self.stdout.isatty():
            self.stdout.write("")
        self._summary(report, time.monotonic() - started, dry_run)

    @staticmethod
    def _term_map(map_file):
        try:
            with open(map_file, "rb") as f:
                data = f.read(MAX_MAP_BYTES + 1)
        except OSError as error:
            raise CommandError(f"--map {map_file}: cannot be read ({error.strerror})") from None
        if len(data) > MAX_MAP_BYTES:
            raise CommandError(f"--map {map_file}: over {MAX_MAP_BYTES:,} bytes; is it the right file?")
        try:
            return TermMap.from_text(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise CommandError(f"--map {map_file}: not UTF-8 text") from None
        except TermMapError as error:
            raise CommandError(f"--map {map_file}: nothing was imported.\n{error}") from None

    def _progress_bar(self, reader, size):
        def show(report):
            if report.posts_read % 10:
                return
            done = min(reader.position / size, 1)
            bar = "#" * int(done * 30)
            self.stdout.write(f"\r[{bar:<30}] {done:4.0%} {report.posts_read} posts read", ending="")
            self.stdout.flush()

        return show

    def _progress_lines(self, report):
        if report.posts_read % 500 == 0:
            self.stdout.write(f"{report.posts_read} posts read…")

    def _summary(self, report, seconds, dry_run):
        write = self.stdout.write
        if dry_run:
            write("Dry run: nothing was written. This is what the import would do.")
        width = max(len(label) for label, _n in report.rows())
        write(f"{'':-<{width + 10}}")
        for label, n in report.rows():
            write(f"{label:<{width}}  {n:>8}")
        write(f"{'':-<{width + 10}}")
        if report.edited_in_wagtail:
            write("Changed in WordPress but edited in Wagtail since the last import (not overwritten):")
            for name in report.edited_in_wagtail:
                write(f"  {name}")
        if report.unmatched_names:
            write("Statements whose spokesperson is not a Spokesperson snippet (left as paragraphs):")
            for name, n in report.unmatched_names.most_common():
                write(f"  {name} ({n})")
        warnings = list(report.warning_lines())
        if warnings:
            write("Warnings:")
            for warning in warnings:
                write(f"  {warning}")
        write(f"Finished in {seconds:.1f} s.")
        sys.stdout.flush()
