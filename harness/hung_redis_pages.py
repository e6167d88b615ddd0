"""Time the public pages while Redis accepts connections and never answers; print a table.

    DATABASE_URL=postgres://… python -m harness.hung_redis_pages [rounds]

Starts a hung listener on 127.0.0.1 and a gunicorn (dev settings, REDIS_URL pointing at the
listener) on a free port, against a database holding the demo content (`make setup`), asks
each page ``rounds`` times, then /readyz/, and stops both. Loopback only.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.resilience.outage import HungServer

ROOT = Path(__file__).resolve().parent.parent


PAGES = [
    ("localhost", "/"),
    ("localhost", "/press/"),
    ("iceout.localhost", "/"),
    ("iceout.localhost", "/press/"),
    ("iceout.localhost", "/search/?q=detention"),
    ("iceout.localhost", "/press/feed/"),
    ("localhost", "/readyz/"),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(port, host, path, timeout=300):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (loopback)
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    return status, time.perf_counter() - started, body


def first_story_path(port):
    body = fetch(port, "iceout.localhost", "/press/")[2].decode()
    marker = 'href="/press/'
    for chunk in body.split(marker)[1:]:
        slug = chunk.split('"', 1)[0]
        if slug and "?" not in slug and slug != "feed/":
            return "/press/" + slug
    return None


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    port = free_port()
    with HungServer() as redis:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "REDIS_URL": f"redis://127.0.0.1:{redis.port}/5",
        }
        gunicorn = [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi:application"]
        server = subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
            [*gunicorn, "-b", f"127.0.0.1:{port}", "--workers", "1", "--threads", "4", "--timeout", "600"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                try:
                    fetch(port, "localhost", "/healthz/", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            pages = list(PAGES)
            story = first_story_path(port)
            if story:
                pages.insert(4, ("iceout.localhost", story))
            runs = " | ".join(f"run {n + 1:>2}" for n in range(rounds))
            print(f"{'host':<17} | {'path':<46} | {'status':>6} | {runs}")
            print("-" * (78 + 9 * rounds))
            for host, path in pages:
                results = [fetch(port, host, path) for _ in range(rounds)]
                times = " | ".join(f"{elapsed:>5.2f} s" for _, elapsed, _ in results)
                print(f"{host:<17} | {path[:46]:<46} | {results[-1][0]:>6} | {times}")
            print(f"\nreadyz: {results[-1][2].decode()}" if path == "/readyz/" else "")
            print(f"connections the hung Redis accepted: {len(redis.held)}")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
