"""A media advisory's event (When, Where, Visuals, Interviews), one at most per story, and the
journalists' RSVPs and credential requests for it."""

import datetime
import zoneinfo
from urllib.parse import quote_plus

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

# The zones a California press room holds events in; the first is the default.
TIME_ZONES = [
    ("America/Los_Angeles", "Pacific Time (Los Angeles)"),
    ("America/Denver", "Mountain Time (Denver)"),
    ("America/Phoenix", "Arizona (Phoenix)"),
    ("America/Chicago", "Central Time (Chicago)"),
    ("America/New_York", "Eastern Time (New York, Washington)"),
    ("America/Mexico_City", "Mexico City"),
    ("America/Tijuana", "Tijuana"),
    ("UTC", "UTC"),
]
DEFAULT_TIME_ZONE = TIME_ZONES[0][0]


class AdvisoryEventQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """Events that have not ended, soonest first."""
        return self.filter(ends_at__gt=now or timezone.now()).order_by("starts_at", "pk")


class AdvisoryEvent(models.Model):
    """When and where a media advisory's event is, what cameras will see and who speaks to the
    press. The editor types the wall-clock times of the place (``time_zone``); ``starts_at``
    and ``ends_at`` are the same moments in UTC, worked out on every save, for the listings."""

    story = ParentalKey("press.StoryPage", on_delete=models.CASCADE, related_name="advisory_events")
    date = models.DateField("date", help_text="The day the event takes place.")
    start_time = models.TimeField("starts at", help_text="Local time at the event, e.g. 10:00.")
    end_time = models.TimeField("ends at", help_text="Local time at the event. The RSVP form closes then.")
    end_date = models.DateField(
        "ends on", null=True, blank=True, help_text="Only for an event that ends on a later day."
    )
    time_zone = models.CharField(
        max_length=64,
        choices=TIME_ZONES,
        default=DEFAULT_TIME_ZONE,
        help_text="The times above are in this zone, and the page shows them in it.",
    )
    venue = models.CharField(max_length=255, blank=True, help_text="E.g. 'West steps, State Capitol'.")
    address = models.CharField(max_length=255, blank=True, help_text="Street address; the page links it to a map.")
    online_url = models.URLField(
        "online link", blank=True, help_text="For an online briefing: where journalists join (or watch)."
    )
    visuals = models.TextField(
        blank=True, max_length=1000, help_text="What cameras will see, e.g. 'Families holding photos, banners'."
    )
    interviews = models.TextField(
        "interview availability",
        blank=True,
        max_length=1000,
        help_text="Who is available to the press, in which languages, and when.",
    )
    rsvp_open = models.BooleanField(
        "take RSVPs", default=True, help_text="Journalists can ask to attend (name, outlet, email) until it ends."
    )
    # Worked out from the fields above on every save (see ``save``); not edited.
    starts_at = models.DateTimeField(editable=False, db_index=True)
    ends_at = models.DateTimeField(editable=False, db_index=True)

    objects = AdvisoryEventQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("time_zone")]),
            ],
            heading="When",
        ),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("address"), FieldPanel("online_url")], heading="Where"),
        FieldPanel("visuals"),
        FieldPanel("interviews"),
        FieldPanel("rsvp_open"),
    ]

    class Meta:
        verbose_name = "media advisory"
        constraints = [models.UniqueConstraint(fields=["story"], name="advisories_one_event_per_story")]

    def __str__(self):
        return f"{self.venue or self.online_url} {self.date:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        moments = self.moments()
        if moments:
            self.starts_at, self.ends_at = (moment.astimezone(datetime.UTC) for moment in moments)
        return super().save(*args, **kwargs)

    @property
    def zone(self):
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)

    def moments(self):
        """(start, end) as aware datetimes in the event's zone, or None while a time is missing."""
        if not (self.date and self.start_time and self.end_time):
            return None
        start = datetime.datetime.combine(self.date, self.start_time, tzinfo=self.zone)
        end = datetime.datetime.combine(self.end_date or self.date, self.end_time, tzinfo=self.zone)
        return start, end

    def clean(self):
        super().clean()
        errors = {}
        moments = self.moments()
        if moments and moments[1] <= moments[0]:
            errors["end_time"] = "The event must end after it starts (set 'ends on' if it ends on a later day)."
        if not (self.venue or self.address or self.online_url):
            errors["venue"] = "Say where: a venue or address, or an online link."
        if errors:
            raise ValidationError(errors)

    # What the page shows.

    # From the wall-clock fields, not starts_at/ends_at: a preview's unsaved event has only those.

    @property
    def starts_local(self):
        return self.moments()[0]

    @property
    def ends_local(self):
        return self.moments()[1]

    @property
    def same_day(self):
        return self.starts_local.date() == self.ends_local.date()

    def has_ended(self, now=None):
        return (self.ends_at or self.ends_local) <= (now or timezone.now())

    def takes_rsvps(self, now=None):
        return self.rsvp_open and not self.has_ended(now)

    @property
    def map_url(self):
        """A map search for the address (Google Maps' documented search link, which phones open
        in their maps app), or None."""
        place = self.address or ""
        if not place:
            return None
        return f"https://www.google.com/maps/search/?api=1&query={quote_plus(place)}"

    @property
    def location_text(self):
        """The place as one line (the calendar's LOCATION): venue and address, else the link."""
        return ", ".join(part for part in (self.venue, self.address) if part) or self.online_url


class EndOfEventPurge(models.Model):
    """That the pages showing an advisory were purged when its event ended
    (``purge_ended_advisories``), so each end is purged once. Keyed by the end time: an event
    moved later ends (and is purged) again."""

    story = models.ForeignKey("press.StoryPage", on_delete=models.CASCADE, related_name="+")
    ends_at = models.DateTimeField()
    purged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["story", "ends_at"], name="advisories_one_purge_per_end")]

    def __str__(self):
        return f"story {self.story_id} purged at its end {self.ends_at:%Y-%m-%d %H:%M}"


class RSVP(models.Model):
    """A journalist's request to attend an advisory's event (and for a press credential),
    stored per story: the story's site team sees and exports them."""

    story = models.ForeignKey("press.StoryPage", on_delete=models.CASCADE, related_name="rsvps")
    name = models.CharField(max_length=200)
    outlet = models.CharField(max_length=200)
    email = models.EmailField(max_length=254)
    language = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "RSVP"
        constraints = [models.UniqueConstraint(fields=["story", "email"], name="advisories_one_rsvp_per_email")]
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.name} ({self.outlet})"
