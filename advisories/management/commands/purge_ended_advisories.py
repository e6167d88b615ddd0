"""Purges, at once, the pages that showed an advisory whose event has just ended: its story
(whose RSVP form closes), the rooms and home pages whose Upcoming list named it, their
searches. ``run_scheduler`` runs it every minute, so an ended event leaves the cached pages
within about a minute (and browsers' copies within FRONTEND_CACHE_MAX_AGE more)."""

from django.core.management.base import BaseCommand

from advisories.ending import purge_ended


class Command(BaseCommand):
    help = "Purge the cached pages that still show a media advisory whose event has ended."

    def handle(self, *args, **options):
        for story in purge_ended():
            self.stdout.write(f"Purged the pages showing “{story.title}” (its event has ended).")
