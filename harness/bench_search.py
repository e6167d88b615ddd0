"""Time site search, one visitor at a time, on the database you point it at.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressroom_bench_10k python -m harness.bench_search

Reads the stories only (a publish is stood for by the purge one sends, which writes nothing).
Every timed request is the first search for its words since the last publish: the site is
purged (frontcache.purge.purge_sites) before each one, as a publish purges it, so nothing
cached answers it. An untimed search for other words comes between, as on a live site.
In-process (Django's test client): no HTTP or gunicorn in the figures, which are the app's own
cost. The words come from the generated stories' vocabulary (harness.vocabulary) at several
frequencies, so each matches as many stories as such a word would in a real archive. Prints,
for each search, the stories it matches, the queries the page costs and the median, 95th
percentile and slowest time; then the same over every search together."""

import argparse
import statistics
import sys
import time

import harness.django_setup  # noqa: F401 (first: the imports below need Django set up)

# isort: split
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment
from wagtail.models import Site

from frontcache.purge import purge_sites
from harness.bench_press import percentile
from harness.vocabulary import search_words
from press.models import StoryPage


def searches():
    """(language, words): one word at each frequency, two words, and a word in no story."""
    english, spanish = search_words("en"), search_words("es")
    return [
        *(("", english[band][0]) for band in ("common", "mid", "rare")),
        ("", f"{english['common'][1]} {english['mid'][1]}"),
        ("", "xylophonic"),  # matches nothing
        *(("es", spanish[band][0]) for band in ("common", "mid", "rare")),
        ("es", f"{spanish['common'][1]} {spanish['mid'][1]}"),
    ]


def main(argv=None, stdout=sys.stdout):
    parser = argparse.ArgumentParser(
        description="Time site search with one visitor at a time (first search after a publish), and print a table."
    )
    parser.add_argument("--runs", type=int, default=40, help="timed requests per search (default 40)")
    parser.add_argument("--host", default="localhost", help="the site to search (default CIPC's, localhost)")
    options = parser.parse_args(argv)
    setup_test_environment(debug=False)
    try:
        # An in-process cache, so nothing is read from or written to a shared Redis.
        with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}):
            run(options.runs, options.host, stdout)
    finally:
        teardown_test_environment()


def run(runs, host, stdout):
    def write(text):
        print(text, file=stdout, flush=True)

    site = Site.objects.get(hostname=host)
    stories = StoryPage.objects.live().count()
    write(f"Site search, {stories:,} live stories in all, {runs} runs per search, one at a time\n")
    client = Client()
    header = f"{'search':<28} {'matches':>8} {'queries':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"
    write(header)
    write("-" * len(header))
    every = []
    for language, words in searches():
        path = f"/{language}/search/" if language else "/search/"
        client.get(path, {"q": words}, HTTP_HOST=host)  # renditions made
        timings = []
        for _ in range(runs):
            purge_sites([site.pk])  # as a publish does: nothing cached answers the search
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
        write(
            f"{label:<28} {matches:>8,} {len(queries):>8} {statistics.median(timings):>8.1f}"
            f" {percentile(timings, 0.95):>8.1f} {max(timings):>8.1f}"
        )
    write("-" * len(header))
    write(
        f"{'all searches':<28} {'':>8} {'':>8} {statistics.median(every):>8.1f}"
        f" {percentile(every, 0.95):>8.1f} {max(every):>8.1f}"
    )


if __name__ == "__main__":
    main()
