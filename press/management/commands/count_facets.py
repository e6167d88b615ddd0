"""Recount every press room's facets: after stories were changed behind Wagtail's back (a
bulk load, a ``QuerySet.update()``, SQL by hand), which sends no publish signal."""

from django.core.management.base import BaseCommand

from press.models import PressIndexPage
from press.models.facet_counts import count_rooms


class Command(BaseCommand):
    help = "Recount every press room's filter counts from its stories (publishing does this by itself)."

    def handle(self, *args, **options):
        rooms = list(PressIndexPage.objects.all())
        count_rooms(rooms)
        self.stdout.write(f"Counted the facets of {len(rooms)} press room(s).")
