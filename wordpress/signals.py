"""What an import tells the rest of the project. Bulk-written stories send none of Wagtail's
per-page signals (``page_published``), so apps that react to new stories listen here instead."""

from django.dispatch import Signal

# Sent once per batch with ``stories``: the StoryPages an import has just created, live.
stories_imported = Signal()
