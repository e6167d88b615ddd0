"""Stories going live (by hand, by a moderator's approval, by the scheduler: Wagtail sends
``page_published`` for each) record their alerts. Sending happens later, in ``send_alerts``."""

from wagtail.signals import page_published

from alerts.announce import announce
from press.models import StoryPage


def record_alerts(sender, instance, **kwargs):
    # A password-protected or members-only story is not news to email about.
    if isinstance(instance, StoryPage) and instance.live and not instance.get_view_restrictions().exists():
        announce(instance)


page_published.connect(record_alerts, sender=StoryPage, dispatch_uid="alerts.record_alerts")
