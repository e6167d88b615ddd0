"""Time site search, one visitor at a time, on the database you point it at.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressroom_bench_10k \\
        DJANGO_SETTINGS_MODULE=config.settings.dev manage.py bench_search

Reads only (nothing is written). Every timed request is the first search for its words
since the last publish: the site's answers get a new generation before each one (as a publish
gives them), so the search runs in the database every time, while the site's frame, routes
and directory stay cached as they do in production between publishes. An untimed search for
other words comes between, as on a live site: what all searches share (the room's stories,
newest first) is worked out once per publish, by whichever search comes first. In-process (Django's test client): no
HTTP or gunicorn in the figures, which are the app's own cost. Prints, for each search, the
stories it matches, the queries the page costs and the median, 95th percentile and slowest
time; then the same over every search together."""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment
from wagtail.models import Site

from core import generations
from demo.management.commands.bench_press import percentile
from press.models import StoryPage

SEARCHES = [
    ("", "court"),  # in many generated titles and texts
    ("", "court ruling"),
    ("", "detention"),
    ("", "immigrant families"),
    ("", "xylophone"),  # matches nothing
    ("es", "historia"),  # every Spanish story
    ("es", "sobre"),
]


class Command(BaseCommand):
    help = "Time site search with one visitor at a time (first search after a publish), and print a table."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=40, help="timed requests per search (default 40)")
        parser.add_argument("--host", default="localhost", help="the site to search (default CIPC's, localhost)")

    def handle(self, *args, runs, host, **options):
        setup_test_environment(debug=False)
        try:
            # Answers cached in this process, as Redis keeps them for the app servers.
            with override_settings(
                CACHE_PUBLISHED_ANSWERS=True,
                CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
            ):
                self.run(runs, host)
        finally:
            teardown_test_environment()

    def run(self, runs, host):
        site = Site.objects.get(hostname=host)
        stories = StoryPage.objects.live().count()
        self.stdout.write(f"Site search, {stories:,} live stories in all, {runs} runs per search, one at a time\n")
        client = Client()
        header = f"{'search':<28} {'matches':>8} {'queries':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        every = []
        for language, words in SEARCHES:
            path = f"/{language}/search/" if language else "/search/"
            client.get(path, {"q": words}, HTTP_HOST=host)  # renditions made, frame cached
            timings = []
            for _ in range(runs):
                generations.bump({f"site-{site.pk}"})  # as a publish does: the search is not cached
                # Another search first, untimed: what every search shares (the room's stories,
                # newest first) is worked out once per publish, by whichever search comes first.
                client.get(path, {"q": "warmup"}, HTTP_HOST=host)
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(path, {"q": words}, HTTP_HOST=host)
                    timings.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{path}?q={words} answered {response.status_code}")
            every.extend(timings)
            paginator = response.context["paginator"]  # the count the page shows
            matches = paginator.count if paginator is not None else 0
            label = f"{language + ': ' if language else ''}{words}"
            self.stdout.write(
                f"{label:<28} {matches:>8,} {len(queries):>8} {statistics.median(timings):>8.1f}"
                f" {percentile(timings, 0.95):>8.1f} {max(timings):>8.1f}"
            )
        self.stdout.write("-" * len(header))
        self.stdout.write(
            f"{'all searches':<28} {'':>8} {'':>8} {statistics.median(every):>8.1f}"
            f" {percentile(every, 0.95):>8.1f} {max(every):>8.1f}"
        )
