"""Secret links that let a journalist without an account read a story before it is published."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


def new_token():
    # 256 bits from the OS's CSPRNG: unguessable, and URL-safe as it is.
    return secrets.token_urlsafe(32)


class EmbargoLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class EmbargoLink(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="embargo_links")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = EmbargoLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "embargoed preview link"

    def __str__(self):
        return f"Embargoed preview of {self.page.title}"

    def get_absolute_url(self):
        return reverse("embargo:preview", args=[self.token])

    @property
    def is_active(self):
        return self.revoked_at is None

    def get_full_url(self):
        """The link to send: on the story's own site, so it shows that site's branding."""
        url_parts = self.page.get_url_parts()
        root = url_parts[1] if url_parts else settings.WAGTAILADMIN_BASE_URL
        return root + self.get_absolute_url()

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
