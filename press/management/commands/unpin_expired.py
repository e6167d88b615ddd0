"""Unpins the stories whose "until" time has passed, purging their rooms' sites at once
(``press.pinning.unpin_expired``); ``run_scheduler`` runs it every minute."""

from django.core.management.base import BaseCommand

from press.pinning import unpin_expired


class Command(BaseCommand):
    help = "Unpin the pinned stories whose end time has passed, and purge the pages that showed them."

    def handle(self, *args, **options):
        for room in unpin_expired():
            self.stdout.write(f"Unpinned the story of {room.title} (its end time has passed).")
