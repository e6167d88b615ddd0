"""A site's media contacts (the reporters its team sends releases to) and its lists of them.

A contact belongs to one site: another site's team never sees it. An address is kept once per
site (lower-cased). A contact who unsubscribed, whose address bounced for good or who marked a
release as spam is kept, with the reason and the date, and is never sent to again."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class Suppression(models.TextChoices):
    UNSUBSCRIBED = "unsubscribed", "unsubscribed"
    HARD_BOUNCE = "hard_bounce", "address bounced (hard bounce)"
    COMPLAINT = "complaint", "marked a release as spam (complaint)"


class MediaContactQuerySet(models.QuerySet):
    def sendable(self):
        return self.filter(suppressed_reason="")

    def of_sites(self, sites):
        return self.filter(site__in=sites)

    def suppress(self, reason, when=None):
        """Mark these contacts as not to be emailed; the first reason recorded stays."""
        return self.filter(suppressed_reason="").update(suppressed_reason=reason, suppressed_at=when or timezone.now())


class MediaContact(models.Model):
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="media_contacts")
    name = models.CharField(max_length=200)
    outlet = models.CharField(max_length=200, blank=True)
    beat = models.CharField(max_length=200, blank=True, help_text="What they cover, e.g. courts, immigration.")
    email = models.EmailField(max_length=254)
    phone = models.CharField(max_length=50, blank=True)
    language = models.CharField(
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text="The language of the releases they get, where a translation exists.",
    )
    notes = models.TextField(blank=True)
    suppressed_reason = models.CharField(
        "not emailed because", max_length=20, choices=Suppression.choices, blank=True, default=""
    )
    suppressed_at = models.DateTimeField("not emailed since", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MediaContactQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(Lower("email"), "site", name="medialists_one_contact_per_site_and_email"),
        ]
        verbose_name = "media contact"

    def __str__(self):
        return f"{self.name} ({self.outlet})" if self.outlet else self.name

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def is_suppressed(self):
        return bool(self.suppressed_reason)

    def suppression_text(self):
        """ "Unsubscribed on 7 Dec 2026", or "" for a contact who is emailed."""
        if not self.suppressed_reason:
            return ""
        text = self.get_suppressed_reason_display().capitalize()
        if self.suppressed_at:
            text += f" on {timezone.localtime(self.suppressed_at):%-d %b %Y}"
        return text


class MediaList(models.Model):
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="media_lists")
    name = models.CharField(max_length=200, help_text="E.g. “LA courts reporters”, “Spanish-language media”.")
    description = models.TextField(blank=True)
    contacts = models.ManyToManyField(MediaContact, blank=True, related_name="lists")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["site", "name"], name="medialists_one_list_name_per_site")]
        verbose_name = "media list"

    def __str__(self):
        return self.name


class ContactImport(models.Model):
    """An uploaded CSV between its preview and its confirmation: the file is kept here (not in
    the session), so the confirm step writes exactly what the preview showed."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    media_list = models.ForeignKey(MediaList, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    file_name = models.CharField(max_length=255, blank=True)
    data = models.BinaryField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    imported_at = models.DateTimeField(null=True, blank=True)
    added = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"import of {self.file_name or 'a CSV file'}"
