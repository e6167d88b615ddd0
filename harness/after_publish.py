"""The first request for each kind of page after a story is published, one visitor, in-process
(Django's test client, so the figures are the app's own cost and its queries can be counted),
for `make bench`; and a profile of the story page's first request.

    DATABASE_URL=… python -m harness.after_publish --rounds 20 [--profile]

Each round publishes another of the site's stories through the ORM, as an editor's publish
does (a revision, then publish: the signals, purges and whatever the app renews), then asks
every page once. Prints one JSON line a page: its address, the times (ms) and the queries of
each round; with --profile, the profile of one more story page after one more publish, the
functions by cumulative time. Writes to the database it is pointed at (the titles of the
stories it publishes get a "[bench …]" mark), as the publish storm does."""

import argparse
import cProfile
import io
import json
import pstats
import sys
import time

import harness.django_setup  # noqa: F401 (first: the imports below need Django set up)

# isort: split
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment

from harness.publisher import MARK
from harness.vocabulary import search_words
from press.models import StoryPage

HOST = "localhost"


def pages(story_path, year):
    word = search_words("en")["mid"][0]
    return [
        ("home", "/"),
        ("press room", "/press/"),
        ("press room, filtered", f"/press/?year={year}"),
        ("press room, page 2", "/press/?page=2"),
        ("story", story_path),
        ("feed", "/press/feed/"),
        ("search", f"/search/?q={word}"),
        ("es press room", "/es/press/"),
    ]


def publish(story, round_):
    page = story.get_latest_revision_as_object()
    page.title = MARK.sub("", page.title) + f" [bench after-{round_}]"
    page.save_revision().publish()


def main(argv=None, stdout=sys.stdout):
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    options = parser.parse_args(argv)
    setup_test_environment(debug=False)  # response.context, as the test client gives it
    try:
        run(options.rounds, options.profile, stdout)
    finally:
        teardown_test_environment()


def run(rounds, profile, stdout):
    stories = StoryPage.objects.live().filter(url_path__startswith="/cipc/press/", locale__language_code="en")
    newest = list(stories.order_by("-date", "-pk")[: rounds + 2])
    shown = newest[-1]  # the story page asked for; the ones published are others of the site
    client = Client()
    addresses = pages(shown.url_path.removeprefix("/cipc"), shown.date.year)
    for _name, path in addresses:
        client.get(path, HTTP_HOST=HOST)  # renditions made, as on a live site
    results = {name: {"path": path, "ms": [], "queries": [], "status": set()} for name, path in addresses}
    for round_ in range(rounds):
        publish(newest[round_], round_)
        for name, path in addresses:
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path, HTTP_HOST=HOST)
                elapsed = (time.perf_counter() - started) * 1000
            results[name]["ms"].append(elapsed)
            results[name]["queries"].append(len(queries))
            results[name]["status"].add(response.status_code)
    for name, result in results.items():
        print(json.dumps({"page": name, **result, "status": sorted(result["status"])}), file=stdout, flush=True)
    if profile:
        publish(newest[rounds], rounds)
        profiler = cProfile.Profile()
        profiler.enable()
        client.get(addresses[4][1], HTTP_HOST=HOST)
        profiler.disable()
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text)
        stats.sort_stats("cumulative").print_stats(r"/(core|press|siteroot|home|coalition|search|frontcache)/", 25)
        stats.sort_stats("tottime").print_stats(15)  # where the time itself is spent
        print(json.dumps({"profile": text.getvalue()}), file=stdout, flush=True)


if __name__ == "__main__":
    main()
