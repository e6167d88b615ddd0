from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Site

from teams.setup import ensure_site_team


@receiver(post_save, sender=Site)
def give_every_site_a_team(sender, instance, raw=False, **kwargs):
    """Adding a coalition's Site in the admin also creates its editors and moderators."""
    if raw:
        return
    transaction.on_commit(lambda: ensure_site_team(instance))
