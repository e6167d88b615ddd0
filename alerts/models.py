"""Who asked for email alerts from which press room, and each alert due or sent to them."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import get_language


def current_language():
    return (get_language() or settings.LANGUAGE_CODE)[:10]


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        """Addresses that clicked their confirmation link and have not unsubscribed since:
        the only ones that are ever sent an alert."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)

    def pending(self):
        return self.filter(confirmed_at__isnull=True, unsubscribed_at__isnull=True)

    def wanting(self, story):
        """Confirmed subscriptions whose filters match ``story``: no category chosen or the
        story's among them, and no topic chosen or one of the story's among them."""
        categories = Subscription.categories.through.objects.filter(subscription_id=OuterRef("pk"))
        topics = Subscription.topics.through.objects.filter(subscription_id=OuterRef("pk"))
        topic_ids = list(story.topics.values_list("pk", flat=True))
        subscriptions = self.confirmed().filter(
            ~Exists(categories) | Exists(categories.filter(category_id=story.category_id)),
            ~Exists(topics) | Exists(topics.filter(topic_id__in=topic_ids)),
        )
        if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            # Stories are written per language (Wagtail locales): each reader gets their own.
            language = story.locale.language_code.split("-")[0]
            subscriptions = subscriptions.filter(Q(language=language) | Q(language__startswith=f"{language}-"))
        return subscriptions


class Subscription(models.Model):
    """One address subscribed to one press room (so once per site: a site has one room).

    Nothing is sent to it until ``confirmed_at`` is set by the signed link in the confirmation
    email. Unsubscribing keeps the row (so a repeat sign-up is recognised and rate-limited) but
    ends every alert at once."""

    press_room = models.ForeignKey("press.PressIndexPage", on_delete=models.CASCADE, related_name="subscriptions")
    email = models.EmailField(max_length=254)
    language = models.CharField(max_length=10, default=current_language, help_text="Language of the emails.")
    categories = models.ManyToManyField(
        "core.Category", blank=True, related_name="+", help_text="Only stories of these categories (none: all)."
    )
    topics = models.ManyToManyField(
        "core.Topic", blank=True, related_name="+", help_text="Only stories about one of these topics (none: all)."
    )
    created_at = models.DateTimeField(default=timezone.now)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["press_room", "email"], name="alerts_one_subscription_per_room_and_email")
        ]

    def __str__(self):
        return f"{self.email} → {self.press_room_id}"

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None


class AnnouncedStory(models.Model):
    """A story whose alerts have been worked out, the first time it went live. Republishing or
    editing it later finds this record and alerts nobody again, not even people who
    subscribed since."""

    story = models.OneToOneField("press.StoryPage", on_delete=models.CASCADE, related_name="+")
    announced_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"story {self.story_id} announced {self.announced_at:%Y-%m-%d %H:%M}"


class AlertHold(models.Model):
    """A moderator's "do not send" on a story's alerts (a correction, a story published by
    mistake): its alerts wait, recorded but unsent, until the hold is released (deleted)."""

    story = models.OneToOneField("press.StoryPage", on_delete=models.CASCADE, related_name="alert_hold")
    held_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    held_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"alerts of story {self.story_id} held"


class AlertQuerySet(models.QuerySet):
    def sendable(self):
        """Due, not held, and recorded at least ALERTS_SEND_DELAY seconds ago (a moderator's
        window to hold a story published by mistake)."""
        held = AlertHold.objects.filter(story_id=OuterRef("story_id"))
        ready = timezone.now() - timedelta(seconds=settings.ALERTS_SEND_DELAY)
        return self.filter(state=Alert.State.DUE, created_at__lte=ready).exclude(Exists(held))


class Alert(models.Model):
    """One email about one story to one subscription: recorded when the story goes live,
    then claimed, sent and marked by ``send_alerts``. The unique constraint means a story can
    never be due twice to the same subscription, however often it is published."""

    class State(models.TextChoices):
        DUE = "due", "due"
        CLAIMED = "claimed", "claimed by a sender"  # in a sender's batch, not yet tried
        SENDING = "sending", "being sent"  # set (and committed) just before the SMTP call
        SENT = "sent", "sent"
        SKIPPED = "skipped", "not sent (unsubscribed first)"
        FAILED = "failed", "failed"

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="alerts")
    story = models.ForeignKey("press.StoryPage", on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.DUE, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempted_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=255, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "story"], name="alerts_one_alert_per_story_and_subscription"
            )
        ]
        indexes = [models.Index(fields=["state", "id"], name="alerts_state_id")]

    def __str__(self):
        return f"{self.story_id} → {self.subscription_id} ({self.state})"
