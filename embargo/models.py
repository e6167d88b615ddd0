"""Secret links that let a journalist without an account read a story before it is published."""

import re
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

TOKEN_BYTES = 32
# What secrets.token_urlsafe(32) makes: 43 characters of the URL-safe base64 alphabet.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")


def new_token():
    # 256 bits from the OS's CSPRNG: unguessable, and URL-safe as it is.
    return secrets.token_urlsafe(TOKEN_BYTES)


def could_be_token(value):
    """Whether ``value`` has the shape of a token we issue: anything else needs no lookup."""
    return TOKEN_PATTERN.fullmatch(value) is not None


class EmbargoLinkQuerySet(models.QuerySet):
    def active(self):
        """Links that still show the story: not revoked, not expired, and the story not
        published since the link was made (publishing ends the embargo; unpublishing later
        does not bring old links back)."""
        now = timezone.now()
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            Q(page__last_published_at__isnull=True) | Q(page__last_published_at__lt=F("created_at")),
            revoked_at__isnull=True,
        )


class EmbargoLink(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="embargo_links")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(
        "expires",
        null=True,
        blank=True,
        help_text=(
            "Optional. After this date and time the link leads nowhere, even if the story is still "
            "unpublished. Leave blank to keep it working until the story is published or you revoke it."
        ),
    )

    # Set on the personal links a release send makes, one per journalist (releases_out): the
    # story's links page counts them instead of listing thousands.
    sent_to = models.CharField(max_length=254, blank=True, editable=False)

    objects = EmbargoLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "embargoed preview link"

    def __str__(self):
        return f"Embargoed preview of {self.page.title}"

    def get_absolute_url(self):
        return reverse("embargo:preview", args=[self.token])

    @property
    def ended_by_publication(self):
        published = self.page.last_published_at
        return published is not None and published >= self.created_at

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_active(self):
        return not (self.is_revoked or self.is_expired or self.ended_by_publication)

    def get_full_url(self):
        """The link to send: on the story's own site, so it shows that site's branding."""
        url_parts = self.page.get_url_parts()
        root = url_parts[1] if url_parts else settings.WAGTAILADMIN_BASE_URL
        return root + self.get_absolute_url()

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
