"""A release sent to media lists: the send (who asked, which lists, when) and one delivery per
recipient, both recorded before anything goes out; the scheduler then sends the deliveries
through the outbox (core/outbox.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone


class Send(models.Model):
    class When(models.TextChoices):
        NOW = "now", "now (the story is live)"
        GO_LIVE = "go_live", "when the story goes live"
        EMBARGO = "embargo", "now, under embargo until the story goes live"

    class State(models.TextChoices):
        SCHEDULED = "scheduled", "scheduled"
        CANCELLED = "cancelled", "cancelled"

    story = models.ForeignKey("press.StoryPage", on_delete=models.CASCADE, related_name="release_sends")
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    lists = models.ManyToManyField("medialists.MediaList", related_name="sends")
    when = models.CharField(max_length=10, choices=When.choices)
    embargoed_until = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.SCHEDULED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Off by default: when on, the email's links go through /releases/click/ (releases_out/clicks.py).
    count_clicks = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"send of story {self.story_id} ({self.get_when_display()})"

    def counts(self):
        """What the send's page shows: recipients, sent, waiting, failed, bounced, unsubscribed…"""
        D = Delivery
        return self.deliveries.aggregate(
            recipients=Count("pk"),
            sent=Count("pk", filter=Q(state__in=[D.State.SENT])),
            waiting=Count("pk", filter=Q(state__in=[D.State.DUE, D.State.CLAIMED, D.State.SENDING])),
            failed=Count("pk", filter=Q(state=D.State.FAILED)),
            skipped=Count("pk", filter=Q(state=D.State.SKIPPED)),
            cancelled=Count("pk", filter=Q(state=D.State.CANCELLED)),
            bounced=Count("pk", filter=Q(feedback=D.Feedback.BOUNCED)),
            complained=Count("pk", filter=Q(feedback=D.Feedback.COMPLAINED)),
            unsubscribed=Count("pk", filter=Q(feedback=D.Feedback.UNSUBSCRIBED)),
        )

    @property
    def can_cancel(self):
        return self.state == self.State.SCHEDULED and self.deliveries.filter(state=Delivery.State.DUE).exists()


class DeliveryQuerySet(models.QuerySet):
    def sendable(self):
        """Due deliveries of scheduled sends whose time has come: a "now" or embargoed send at
        once, a "go live" send once its story is live."""
        return self.filter(state=Delivery.State.DUE, send__state=Send.State.SCHEDULED).filter(
            ~Q(send__when=Send.When.GO_LIVE) | Q(send__story__live=True)
        )


class Delivery(models.Model):
    """One release to one contact. The states are the outbox's (core/outbox.py), and
    *cancelled*; ``feedback`` is what came back later: a bounce, a complaint, an unsubscribe."""

    class State(models.TextChoices):
        DUE = "due", "waiting"
        CLAIMED = "claimed", "being sent"
        SENDING = "sending", "being sent"
        SENT = "sent", "sent"
        SKIPPED = "skipped", "not sent (not emailed)"
        FAILED = "failed", "failed"
        CANCELLED = "cancelled", "cancelled"

    class Feedback(models.TextChoices):
        NONE = "", "—"
        BOUNCED = "bounced", "bounced"
        COMPLAINED = "complained", "marked as spam"
        UNSUBSCRIBED = "unsubscribed", "unsubscribed"

    send = models.ForeignKey(Send, on_delete=models.CASCADE, related_name="deliveries")
    contact = models.ForeignKey(
        "medialists.MediaContact", null=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    email = models.CharField(max_length=254)
    language = models.CharField(max_length=10, blank=True)
    embargo_link = models.ForeignKey(
        "embargo.EmbargoLink", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.DUE)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempted_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=255, blank=True)
    feedback = models.CharField(max_length=12, choices=Feedback.choices, blank=True, default="")
    feedback_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["send", "contact"], name="releases_out_one_delivery_per_contact")
        ]
        indexes = [models.Index(fields=["state", "id"], name="releases_out_state_id")]
        verbose_name_plural = "deliveries"

    def __str__(self):
        return f"{self.send_id} → {self.email} ({self.state})"


class SendLink(models.Model):
    """One link of a send's emails that counts its clicks (when the send counts clicks): the
    story or its PDF, in one language. Clicks are counted per send and link, never per reader."""

    class Kind(models.TextChoices):
        STORY = "story", "the story"
        PDF = "pdf", "the release as a PDF"

    send = models.ForeignKey(Send, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    url = models.URLField(max_length=500)
    clicks = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["send", "url"], name="releases_out_one_link_per_url")]
        ordering = ["send", "kind", "url"]

    def __str__(self):
        return f"{self.send_id}: {self.url} ({self.clicks})"
