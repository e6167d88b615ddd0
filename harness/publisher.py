"""Publish changes to one story through the ORM, as an editor's publish does (revision, then
publish: the purge goes to Varnish when it commits), for `make bench` and `make survive`.
Run in the stack's environment (production settings, FRONTEND_CACHE_URLS):

    python -m harness.publisher STORY_ID ROUNDS [--interval S | --every S] [--poll VARNISH_URL PATH...]

Each round gives the story the title "<title> [bench TAG-N]" and prints one JSON line: the
round, the revision, when publish() started and returned (time.time()), and with --poll, how
long after publish() returned each path, polled through Varnish, showed the new title."""

import argparse
import http.client
import json
import os
import re
import sys
import threading
import time
from urllib.parse import urlsplit

MARK = re.compile(r"( \[bench [^\]]*\])+$")


def fetch(connection, path, host="localhost"):
    connection.request("GET", path, headers={"Host": host})
    response = connection.getresponse()
    return response.status, response.read().decode("utf-8", "replace")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("story", type=int)
    parser.add_argument("rounds", type=int)
    parser.add_argument("--interval", type=float, default=0.0, help="seconds between a round's end and the next")
    parser.add_argument("--every", type=float, default=0.0, help="a publish every S seconds, on a fixed cadence")
    parser.add_argument("--tag", default=str(os.getpid()))
    parser.add_argument("--poll", nargs="+", metavar="URL_THEN_PATHS")
    parser.add_argument("--timeout", type=float, default=10.0)
    options = parser.parse_args()

    import django

    django.setup()
    # Only now: the app's models need the settings loaded by django.setup().
    from press.models import StoryPage

    connection = None
    paths = []
    if options.poll:
        address = urlsplit(options.poll[0])
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
        paths = options.poll[1:]

    cadence_start = time.monotonic()
    for round_ in range(1, options.rounds + 1):
        if options.every:
            time.sleep(max(0.0, cadence_start + (round_ - 1) * options.every - time.monotonic()))
        marker = f"[bench {options.tag}-{round_}]"
        if connection:
            for path in paths:  # cached before the change, so the purge is what is measured
                fetch(connection, path)
                if not options.every:
                    fetch(connection, path)
        page = StoryPage.objects.get(pk=options.story).get_latest_revision_as_object()
        page.title = MARK.sub("", page.title) + " " + marker
        started = time.time()
        revision = page.save_revision()
        revision.publish()
        returned = time.time()
        line = {"round": round_, "marker": marker, "revision": revision.pk, "started": started, "returned": returned}
        if connection:
            # Every path polled at once, each on its own connection: one slow re-render does
            # not delay noticing another path. Times from publish() returning: the purge was
            # sent when it committed, just before.
            fresh = {}

            def poll(path, marker=marker, returned=returned, fresh=fresh):
                poller = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
                deadline = time.monotonic() + options.timeout
                while time.monotonic() < deadline:
                    _status, body = fetch(poller, path)
                    if marker in body:
                        fresh[path] = time.time() - returned
                        return
                    time.sleep(0.01)

            threads = [threading.Thread(target=poll, args=(path,)) for path in paths]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            line["fresh_after"] = fresh
            line["never_fresh"] = [path for path in paths if path not in fresh]
        print(json.dumps(line), flush=True)
        if options.interval:
            time.sleep(options.interval)


if __name__ == "__main__":
    sys.exit(main())
