"""When an advisory's event ends, the pages showing it change: the story closes its RSVP form,
and the Upcoming lists of its rooms and home pages drop it. Those pages are purged once per
end (``EndOfEventPurge``), at once (nobody may get the old copy from Varnish's grace)."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from advisories.models import AdvisoryEvent, EndOfEventPurge
from frontcache.purge import purge_page

# Ends older than this are not purged any more: a page cached before then has expired anyway
# (FRONTEND_CACHE_S_MAXAGE), and a new install does not purge every past event.
LOOK_BACK = timedelta(days=2)


def purge_ended(now=None):
    """Purge the pages of every live advisory whose event ended since the last run; returns
    their stories."""
    now = now or timezone.now()
    recent = {"ends_at__lte": now, "ends_at__gt": now - LOOK_BACK}
    done = set(EndOfEventPurge.objects.filter(**recent).values_list("story_id", "ends_at"))
    events = AdvisoryEvent.objects.filter(story__live=True, **recent)
    stories = []
    for event in events.select_related("story"):
        if (event.story_id, event.ends_at) in done:
            continue
        try:
            with transaction.atomic():
                EndOfEventPurge.objects.create(story_id=event.story_id, ends_at=event.ends_at)
                purge_page(event.story, soft=False)
        except IntegrityError:  # another scheduler got there first
            continue
        stories.append(event.story)
    return stories
