from django.core.management.base import BaseCommand
from wagtail.contrib.frontend_cache.utils import get_backends

from frontcache.keys import ALL
from frontcache.purge import purge_keys


class Command(BaseCommand):
    help = (
        "Empty Varnish (every FRONTEND_CACHE_URLS) and the app's own cached answers and "
        "fragments: for changes made behind the app's back, such as SQL run by hand or a "
        "QuerySet.update(), which send no purge."
    )

    def handle(self, *args, **options):
        backends = get_backends()
        if not backends:
            self.stdout.write("FRONTEND_CACHE_URLS is empty: nothing to purge.")
            return
        purge_keys({ALL})
        self.stdout.write(f"Purged everything from {len(backends)} cache(s).")
