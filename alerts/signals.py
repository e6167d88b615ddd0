"""Stories going live (by hand, by a moderator's approval, by the scheduler: Wagtail sends
``page_published`` for each) record their alerts. Sending happens later, in ``send_alerts``."""

from wagtail.signals import page_published

from alerts.announce import announce
from alerts.models import AnnouncedStory
from press.models import StoryPage
from wordpress.signals import stories_imported


def record_alerts(sender, instance, **kwargs):
    # A password-protected or members-only story is not news to email about.
    if isinstance(instance, StoryPage) and instance.live and not instance.get_view_restrictions().exists():
        announce(instance)


page_published.connect(record_alerts, sender=StoryPage, dispatch_uid="alerts.record_alerts")


def archive_imported_stories(sender, stories, **kwargs):
    # An imported archive is not news: its stories count as announced, so neither the import
    # nor a later update or republish from WordPress emails anyone about them.
    AnnouncedStory.objects.bulk_create([AnnouncedStory(story=story) for story in stories], ignore_conflicts=True)


stories_imported.connect(archive_imported_stories, dispatch_uid="alerts.archive_imported_stories")
