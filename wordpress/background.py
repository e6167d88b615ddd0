"""Runs the admin's imports: a dry run, then the import, each through the same importer as
the command line. Small exports are checked inside the upload's request; the rest, and every
import, wait in the queue for ``run_wordpress_imports`` (the scheduler calls it each minute)."""

import datetime
import logging
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from wordpress.importer import WordPressImporter
from wordpress.run_models import ImportRun, ImportRunChunk
from wordpress.stored_files import MediaZipError, StoredFile, forget, unpacked_media
from wordpress.termmap import TermMap, TermMapError
from wordpress.wxr import CountingReader, WXRError

logger = logging.getLogger(__name__)
Status = ImportRun.Status
# At most one progress write per this many seconds: the page asks every few seconds anyway.
PROGRESS_EVERY = 1.0
# A run whose progress has not moved for this long lost its process (a restart, a kill): its
# transaction was rolled back, so nothing of it was imported.
STALLED_AFTER = datetime.timedelta(minutes=15)


def report_data(report):
    """The importer's report as JSON: its rows and grouped warnings, and the lists it keeps."""
    data = {"rows": [[label, n] for label, n in report.rows()], "warnings": list(report.warning_lines())}
    edited = getattr(report, "edited_in_wagtail", None)
    if edited:
        data["edited_in_wagtail"] = list(edited)
    unmatched = getattr(report, "unmatched_names", None)
    if unmatched:
        data["unmatched_names"] = [[name, n] for name, n in unmatched.most_common()]
    return data


def importer_options(options):
    """The run's stored options as the importer takes them: the map's text read into a TermMap."""
    options = dict(options)
    if options.get("term_map"):
        options["term_map"] = TermMap.from_text(options["term_map"])
    return options


class ProgressWriter:
    """The importer's ``progress`` callback: writes how far the run is to its row through a
    database connection of its own, since the import's transaction (which holds everything
    else until it commits) would hide it from the page that shows it."""

    def __init__(self, run, reader):
        self.run_id, self.reader = run.pk, reader
        self.last = time.monotonic()
        self.connection = connections.create_connection(DEFAULT_DB_ALIAS)

    def __call__(self, report):
        now = time.monotonic()
        if now - self.last < PROGRESS_EVERY:
            return
        self.last = now
        self.write(report.posts_read)

    def write(self, posts_read):
        table = self.connection.ops.quote_name(ImportRun._meta.db_table)
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET posts_read = %s, bytes_read = %s, progress_at = %s WHERE id = %s",  # noqa: S608 (our own table's name)
                [posts_read, self.reader.position, timezone.now(), self.run_id],
            )

    def close(self):
        self.connection.close()


def perform(run, in_background=True):
    """Do the run's dry run (status CHECKING) or import (IMPORTING) and keep its report.
    Never raises for bad input: a failure is kept on the run, with the reason."""
    dry_run = run.status == Status.CHECKING
    reader = CountingReader(StoredFile(run, ImportRunChunk.Kind.EXPORT))
    progress = ProgressWriter(run, reader) if in_background else None
    try:
        with unpacked_media(run) as media_dir:
            importer = WordPressImporter(
                run.site, media_dir=media_dir, dry_run=dry_run, progress=progress, **importer_options(run.options)
            )
            report = importer.run(reader)
    except (WXRError, MediaZipError) as error:
        return fail(run, f"{error}. Nothing was imported.")
    except TermMapError as error:
        # Checked at upload; a category or topic it names was deleted since.
        return fail(run, f"The category and tag map no longer fits this site: {error}. Nothing was imported.")
    except Exception as error:
        logger.exception("WordPress import run %s failed", run.pk)
        return fail(run, f"The import stopped on an unexpected error ({type(error).__name__}). Nothing was imported.")
    finally:
        if progress is not None:
            progress.close()
    run.posts_read, run.bytes_read = report.posts_read, reader.position
    run.finished_at = timezone.now()
    if dry_run:
        run.status, run.dry_run_report = Status.CHECKED, report_data(report)
    else:
        run.status, run.report = Status.IMPORTED, report_data(report)
        forget(run)
    run.save(update_fields=["status", "dry_run_report", "report", "posts_read", "bytes_read", "finished_at"])
    return run


def fail(run, message):
    run.status, run.error, run.finished_at = Status.FAILED, message, timezone.now()
    run.save(update_fields=["status", "error", "finished_at"])
    forget(run)
    return run


def claim_next():
    """The oldest queued run, now marked running; None when the queue is empty. Two runners
    never take the same run (SKIP LOCKED)."""
    with transaction.atomic():
        run = (
            ImportRun.objects.select_for_update(skip_locked=True)
            .filter(status__in=ImportRun.QUEUED)
            .order_by("pk")
            .first()
        )
        if run is None:
            return None
        run.status = Status.CHECKING if run.status == Status.CHECK_QUEUED else Status.IMPORTING
        run.started_at = run.progress_at = timezone.now()
        run.posts_read = run.bytes_read = 0
        run.save(update_fields=["status", "started_at", "progress_at", "posts_read", "bytes_read"])
    return run


def tidy():
    """Fail the runs whose process died, and drop the files of dry runs nobody imported."""
    now = timezone.now()
    for run in ImportRun.objects.filter(status__in=ImportRun.RUNNING, progress_at__lt=now - STALLED_AFTER):
        fail(run, "The import's process stopped before it finished (a restart?). Nothing was imported.")
    kept = datetime.timedelta(days=settings.WORDPRESS_IMPORT_KEEP_DAYS)
    for run in ImportRun.objects.filter(status=Status.CHECKED, finished_at__lt=now - kept):
        fail(run, f"Not imported within {kept.days} days of its dry run: the uploaded files were deleted.")


def run_queued():
    """Run every queued run, oldest first; returns how many ran."""
    tidy()
    done = 0
    while (run := claim_next()) is not None:
        perform(run)
        done += 1
    return done
