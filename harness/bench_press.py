"""Benchmark the public pages on N generated stories, in a throwaway database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressroom python -m harness.bench_press --stories 2000 10000

Creates a test database beside the configured one (never touches your data), loads the demo
sites, generates the stories, then requests each page kind ``--runs`` times and prints the
queries per request and the median and 95th-percentile time to render it: "cold" clears
Django's cache before every request (the first visitor after a publish, or a Redis outage),
"warm" keeps it (every later visitor whose address the proxy has not cached). With several
``--stories`` sizes, stories are added between the tables, so the growth shows in one run.
Every ``--spanish-every``-th story is also in Spanish (default 4), so the Spanish rows (``es``,
under /es/) measure rooms holding a realistic share beside the English ones."""

import argparse
import logging
import statistics
import sys
import time

import harness.django_setup  # noqa: F401 (first: the imports below need Django set up)

# isort: split
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment
from wagtail.models import Page, Site

from demo.loader import DemoLoader
from harness.stories import generate_stories
from harness.vocabulary import search_words
from press.models import StoryPage

CIPC, COALITION = "localhost", "iceout.localhost"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def parse(argv=None):
    parser = argparse.ArgumentParser(
        description="Generate N stories in a throwaway database and time the public pages (queries, median, p95)."
    )
    parser.add_argument("--stories", type=int, nargs="+", default=[2000], help="stories to make, a table per size")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per page and mode (default 30)")
    parser.add_argument(
        "--spanish-every",
        type=int,
        default=4,
        help="also publish every Nth generated story in Spanish (default 4; 0: none)",
    )
    return parser.parse_args(argv)


def main(argv=None, stdout=sys.stdout, stderr=sys.stderr):
    options = parse(argv)
    BenchPress(stdout, stderr).handle(options.stories, options.runs, options.spanish_every)


class BenchPress:
    def __init__(self, stdout, stderr):
        self.stdout, self.stderr = stdout, stderr

    def write(self, text):
        print(text, file=self.stdout, flush=True)

    def handle(self, stories, runs, spanish_every):
        setup_test_environment(debug=False)
        logging.getLogger("django.request").setLevel(logging.ERROR)  # no "Not Found" per 404 run
        old_name = connection.settings_dict["NAME"]
        print(f"Creating a throwaway database beside {old_name}…", file=self.stderr)
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            DemoLoader(cipc_hostname=CIPC, coalition_hostname=COALITION, port=80).load()
            generated = 0
            for size in sorted(stories):
                started = time.perf_counter()
                generate_stories(size - generated, seed=2026 + generated, spanish_every=spanish_every)
                generated = size
                spanish = StoryPage.objects.filter(locale__language_code="es").count()
                print(
                    f"Generated {size} stories in all, {spanish} in Spanish ({time.perf_counter() - started:.0f} s).",
                    file=self.stderr,
                )
                self.check_tree()
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")  # as autovacuum would, before anyone measures
                self.print_table(self.measure(self.scenarios(), runs), size, runs)
        finally:
            cache.clear()
            connection.creation.destroy_test_db(old_name, verbosity=0)
            teardown_test_environment()

    def check_tree(self):
        """The bulk-built translations leave the page tree as Wagtail's own moves would."""
        problems = [found for found in Page.find_problems() if found]
        if problems:
            print(f"Page tree problems: {problems}", file=self.stderr)

    def scenarios(self):
        room_stories = StoryPage.objects.live().filter(url_path__startswith="/cipc/")
        sample = room_stories.filter(spokespeople__isnull=False).order_by("pk").first()
        person = sample.spokespeople.first().slug
        story = StoryPage.objects.live().filter(url_path__startswith="/iceout/", listing_image__isnull=False)
        story = story.exclude(topics=None).order_by("-pk").first()
        english = search_words("en")
        return [
            ("home", CIPC, "/"),
            ("press room", CIPC, "/press/"),
            ("press room, year", CIPC, f"/press/?year={sample.date.year}"),
            ("press room, year + spokesperson", CIPC, f"/press/?year={sample.date.year}&spokesperson={person}"),
            ("press room, page 50", CIPC, "/press/?page=50"),
            ("coalition press room", COALITION, "/press/"),
            ("search, common words", CIPC, f"/search/?q={english['common'][0]}+{english['common'][1]}"),
            ("search, rare word", CIPC, f"/search/?q={english['rare'][0]}"),
            ("story page", COALITION, story.url_path.removeprefix("/iceout")),
            ("feed", CIPC, "/press/feed/"),
            *self.spanish_scenarios(),
        ]

    def spanish_scenarios(self):
        """The same kinds of page in Spanish, under /es/; none if no story is in Spanish."""
        historias = StoryPage.objects.live().filter(locale__language_code="es")
        sample = historias.filter(url_path__startswith="/cipc").order_by("pk").first()
        story = historias.filter(listing_image__isnull=False).exclude(topics=None).order_by("-pk").first()
        if sample is None or story is None:
            return []
        site_id, _, story_path = story.get_url_parts()  # /es/press/historia-…/ on its own site
        host = Site.objects.get(pk=site_id).hostname
        spanish = search_words("es")
        return [
            ("es home", CIPC, "/es/"),
            ("es press room", CIPC, "/es/press/"),
            ("es press room, year", CIPC, f"/es/press/?year={sample.date.year}"),
            ("es coalition press room", COALITION, "/es/press/"),
            ("es search, common words", CIPC, f"/es/search/?q={spanish['common'][0]}+{spanish['common'][1]}"),
            ("es search, rare word", CIPC, f"/es/search/?q={spanish['rare'][0]}"),
            ("es story page", host, story_path),
        ]

    def measure(self, scenarios, runs):
        client = Client()
        rows = []
        for name, host, path in scenarios:
            client.get(path, HTTP_HOST=host)  # first request makes the image renditions
            for mode in ("cold", "warm"):
                timings = []
                for _ in range(runs):
                    if mode == "cold":
                        cache.clear()
                    with CaptureQueriesContext(connection) as queries:
                        started = time.perf_counter()
                        response = client.get(path, HTTP_HOST=host)
                        timings.append((time.perf_counter() - started) * 1000)
                rows.append((name, mode, response.status_code, len(queries), timings, f"{host}{path}"))
        return rows

    def print_table(self, rows, stories, runs):
        self.write(f"\n{stories} generated stories (plus the demo's 13), {runs} requests per page and mode")
        header = f"{'page':<34}{'cache':>6}{'status':>7}{'queries':>9}{'median ms':>11}{'p95 ms':>9}  url"
        self.write(header)
        self.write("-" * len(header))
        for name, mode, status, queries, timings, url in rows:
            self.write(
                f"{name:<34}{mode:>6}{status:>7}{queries:>9}{statistics.median(timings):>11.1f}"
                f"{percentile(timings, 0.95):>9.1f}  {url}"
            )


if __name__ == "__main__":
    main()
