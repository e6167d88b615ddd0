"""Imports started from the Wagtail admin: each upload is a run, kept with its report."""

from django.conf import settings
from django.db import models
from wagtail.models import Site


class ImportRun(models.Model):
    """One uploaded export (and optional zip of uploads/): its dry run, then its import.

    The uploaded files are kept in the database (``ImportRunChunk``), never in the media
    storage: an export holds drafts and password-protected posts, and the media bucket is
    public. They are deleted once the run is imported or has failed; the report stays."""

    class Status(models.TextChoices):
        CHECK_QUEUED = "check_queued", "Waiting for its dry run"
        CHECKING = "checking", "Dry run in progress"
        CHECKED = "checked", "Dry run done: ready to import"
        IMPORT_QUEUED = "import_queued", "Waiting to import"
        IMPORTING = "importing", "Importing"
        IMPORTED = "imported", "Imported"
        FAILED = "failed", "Failed"

    QUEUED = (Status.CHECK_QUEUED, Status.IMPORT_QUEUED)
    RUNNING = (Status.CHECKING, Status.IMPORTING)
    FINISHED = (Status.CHECKED, Status.IMPORTED, Status.FAILED)

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CHECK_QUEUED)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    export_name = models.CharField(max_length=255)
    export_size = models.PositiveBigIntegerField(default=0)
    media_name = models.CharField(max_length=255, blank=True)
    media_size = models.PositiveBigIntegerField(default=0)
    # Keyword options for the importer (WordPressImporter(**options)), as the form chose them.
    options = models.JSONField(default=dict, blank=True)
    # Where the run is, written by the background runner while it works.
    started_at = models.DateTimeField(null=True, blank=True)
    progress_at = models.DateTimeField(null=True, blank=True)
    posts_read = models.PositiveIntegerField(default=0)
    bytes_read = models.PositiveBigIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    # {"rows": [[label, n]], "warnings": [line], ...}: what the dry run found, what the import did.
    dry_run_report = models.JSONField(null=True, blank=True)
    report = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = "WordPress import"

    def __str__(self):
        return f"WordPress import of {self.export_name} into {self.site.hostname}"

    @property
    def is_waiting(self):
        """Queued or running: the page shows progress and keeps asking."""
        return self.status in (*self.QUEUED, *self.RUNNING)

    @property
    def percent_read(self):
        return min(100, round(100 * self.bytes_read / self.export_size)) if self.export_size else 0


class ImportRunChunk(models.Model):
    """A piece (up to 1 MiB) of a run's uploaded file, read back in order by the runner."""

    class Kind(models.TextChoices):
        EXPORT = "export", "WordPress export"
        MEDIA = "media", "Zip of uploads"

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="chunks")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    number = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "kind", "number"], name="one_chunk_per_place")]

    def __str__(self):
        return f"{self.get_kind_display()} of import {self.run_id}, piece {self.number}"
