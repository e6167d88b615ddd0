from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page, Site

from teams.setup import ensure_site_team


@receiver(post_save, sender=Site)
def give_every_site_a_team(sender, instance, raw=False, **kwargs):
    """Adding a coalition's Site in the admin also creates its editors and moderators."""
    if raw:
        return
    transaction.on_commit(lambda: ensure_site_team(instance))


@receiver(post_save)
def give_a_root_translation_the_sites_team(sender, instance, created=False, raw=False, **kwargs):
    """Translating a site's home page (Wagtail's "Translate") makes the root of that language's
    tree: the site's team gets the same permissions and moderation there."""
    if raw or not created or not isinstance(instance, Page) or instance.depth != 2:
        return
    key = instance.translation_key

    def extend_teams():
        for site in Site.objects.filter(root_page__translation_key=key).select_related("root_page"):
            ensure_site_team(site)

    transaction.on_commit(extend_teams)
