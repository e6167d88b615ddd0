"""Journalists' interview requests, kept per press room, and the emails they cause (an outbox:
each email is a row, sent by the scheduler, so a mail server that is down loses nothing)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Length limits, also the form's: a field past them is a form error, never a database error.
NAME_LENGTH = 120
OUTLET_LENGTH = 160
PHONE_LENGTH = 40
TOPIC_LENGTH = 200
MESSAGE_LENGTH = 4000


class InterviewLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    EITHER = "either", _("English or Spanish")


class InterviewRequest(models.Model):
    """One request from a journalist, stored before any email is sent."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        ANSWERED = "answered", "Answered"
        CLOSED = "closed", "Closed"

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    press_room = models.ForeignKey("press.PressIndexPage", on_delete=models.CASCADE, related_name="interview_requests")
    name = models.CharField(max_length=NAME_LENGTH)
    outlet = models.CharField("Outlet", max_length=OUTLET_LENGTH)
    email = models.EmailField(max_length=254)
    phone = models.CharField(max_length=PHONE_LENGTH, blank=True)
    deadline = models.DateTimeField(help_text="The journalist's deadline.")
    language = models.CharField(
        "Interview language", max_length=10, choices=InterviewLanguage.choices, default=InterviewLanguage.ENGLISH
    )
    story = models.ForeignKey(
        "press.StoryPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The story the request is about, if the journalist chose one.",
    )
    topic = models.CharField("Topic", max_length=TOPIC_LENGTH, blank=True)
    message = models.TextField(max_length=MESSAGE_LENGTH, blank=True)
    page_language = models.CharField(
        max_length=10, default=settings.LANGUAGE_CODE, help_text="The language of the form the journalist used."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW, db_index=True)
    notes = models.TextField(blank=True, help_text="For the press team only: who answered, what was agreed.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "interview request"

    def __str__(self):
        return f"{self.name} ({self.outlet})"

    @property
    def about(self):
        """What the interview is about, as the press team reads it: the story's title, the topic, or both."""
        parts = [self.story.title if self.story_id and self.story else "", self.topic]
        return " — ".join(part for part in parts if part)


class InterviewEmail(models.Model):
    """One email a request causes, waiting in the outbox until the scheduler sends it."""

    class Kind(models.TextChoices):
        ON_CALL = "on_call", "To the on-call press contact"
        ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement to the journalist"

    class State(models.TextChoices):
        DUE = "due", "Due"
        CLAIMED = "claimed", "Claimed"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    request = models.ForeignKey(InterviewRequest, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    to = models.EmailField(max_length=254)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DUE, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempted_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["request", "kind"], name="one_interview_email_of_each_kind")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.get_state_display()}"
