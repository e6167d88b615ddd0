"""When a story goes live: record one due alert per matching subscriber of every room that
lists it, the first time only."""

from django.db import transaction
from django.db.models import Q

from alerts.models import Alert, AnnouncedStory, Subscription
from press.models import PressIndexPage, StoryPage


def rooms_listing(story):
    """Live press rooms that list ``story``: its own, those that cross-list what one of its
    signatories signed, and those that also list every story of its room (the same rules as
    ``StoryPageQuerySet.in_room``, read the other way)."""
    home_room = PressIndexPage.objects.parent_of(story).first()
    signed_by = story.signatories.values("organization_id")
    wanted = Q(cross_list_signed_by__in=signed_by)
    if home_room is not None:
        # Every language of the rooms (same translation key): a Spanish sign-up is on the
        # Spanish room, and rooms name the rooms they also list in either language. Which
        # subscribers get the story is then their language's business (``wanting``).
        wanted |= Q(translation_key=home_room.translation_key) | Q(
            also_list_rooms__translation_key=home_room.translation_key
        )
    return PressIndexPage.objects.live().filter(wanted).distinct()


@transaction.atomic
def announce(story):
    """Record the alerts ``story`` is due to send; returns how many. Nothing the second time
    (republished, edited, unpublished and published again): each story is announced once."""
    story = StoryPage.objects.get(pk=story.pk)  # what was just published, topics included
    _announced, first_time = AnnouncedStory.objects.get_or_create(story=story)
    if not first_time:
        return 0
    subscriptions = Subscription.objects.filter(press_room__in=rooms_listing(story)).wanting(story)
    alerts = [Alert(subscription_id=pk, story=story) for pk in subscriptions.values_list("pk", flat=True)]
    # ignore_conflicts: the unique constraint is the last word on "never twice".
    Alert.objects.bulk_create(alerts, ignore_conflicts=True)
    return len(alerts)
