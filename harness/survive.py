"""`make survive`: the stack under a bounded load while parts of it fail, one after another.

It starts its own stack on free loopback ports (harness/benchstack.py: two gunicorns with the
production settings on pressroom_bench_2k, a redis-server of its own, Varnish) and a load of
LOAD_THREADS keep-alive clients through Varnish, each at most RATE requests a second: half
cached pages (the press room, a story, the home page), half misses that reach an app server
(the press room searched for a new word each time). Then, with the load running:

1. one app server killed (SIGKILL to its gunicorn master and workers): Varnish retries a
   failed fetch on the other server at once, and its health probe marks the dead one sick
   (read from varnishlog); the server is then started again;
2. Redis stopped for a few seconds and started again;
3. the app's PostgreSQL connections terminated (pg_terminate_backend);
4. a story published again and again through the ORM (its purges reach this Varnish).

and prints a table: requests, failures, and what each scenario promises. Stops by itself.
"""

import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from harness import benchdata, children
from harness.benchstack import BenchStack

ROOT = Path(__file__).resolve().parent.parent
LOAD_THREADS = 4
RATE = 20  # requests per second per client, at most
# Varnish 7 says "Went sick" and "Went healthy" (older ones "Back healthy").
HEALTH_CHANGE = re.compile(r"(\S+)\s+(?:Went|Back) (sick|healthy)")
RUN_TAG = f"survive{os.getpid()}"  # this run's publishes, told apart from earlier runs
BENCH_MARK = re.compile(rf"\[bench {RUN_TAG}-(\d+)\]".encode())


def say(message):
    print(f"[survive] {message}", file=sys.stderr, flush=True)


class Load:
    """Clients through Varnish, recording (started, finished, path, status or error, round seen)."""

    def __init__(self, port, paths, story_path):
        self.port, self.paths, self.story_path = port, paths, story_path
        self.records = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.counter = 0
        self.threads = [threading.Thread(target=self.client, args=(n,), daemon=True) for n in range(LOAD_THREADS)]

    def start(self):
        for thread in self.threads:
            thread.start()
        return self

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def next_path(self, rng):
        if rng.random() < 0.5:
            return rng.choice(self.paths)
        with self.lock:
            self.counter += 1
            return f"/press/?q=survive{self.counter}"

    def client(self, number):
        rng = random.Random(number)  # noqa: S311 (load, not secrets)
        connection = None
        while not self.stopping.is_set():
            path = self.next_path(rng)
            started = time.time()
            seen = None
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                connection.request("GET", path, headers={"Host": "localhost"})
                response = connection.getresponse()
                body = response.read()
                outcome = response.status
                if path == self.story_path:
                    match = BENCH_MARK.search(body)
                    seen = int(match.group(1)) if match else 0
            except (OSError, http.client.HTTPException) as error:
                outcome = type(error).__name__
                connection = None
            finished = time.time()
            with self.lock:
                self.records.append((started, finished, path, outcome, seen))
            time.sleep(max(0.0, 1 / RATE - (finished - started)))

    def between(self, start, end):
        with self.lock:
            return [record for record in self.records if start <= record[0] < end]


def failed(records):
    return [record for record in records if record[3] != 200]


class HealthLog:
    """varnishlog's Backend_health lines: when the probe calls a backend sick or healthy
    (events: (time, "sick" or "healthy", backend name))."""

    def __init__(self, varnish):
        self.events = []
        # Line-buffered: each change is read when varnishlog sees it, not when a pipe buffer fills.
        command = [
            "stdbuf",
            "-oL",
            "varnishlog",
            "-n",
            str(varnish.folder / "work"),
            "-g",
            "raw",
            "-i",
            "Backend_health",
        ]
        self.process = children.popen(command, stdout=subprocess.PIPE, text=True)
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        for line in self.process.stdout:
            match = HEALTH_CHANGE.search(line)
            if match:
                self.events.append((time.time(), match.group(2), match.group(1)))

    def wait_for(self, state, backend, since, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for at, seen, name in self.events:
                if at >= since and seen == state and name.endswith(backend):
                    return at
            time.sleep(0.1)
        return None

    def stop(self):
        self.process.terminate()
        self.process.wait()


def scenario_app_server_killed(stack, load, health):
    server = stack.app.servers[0]
    killed = time.time()
    server.kill()
    sick = health.wait_for("sick", "app1", killed, timeout=40)
    time.sleep(3)
    end = time.time()
    records = load.between(killed, end)
    bad = failed(records)
    after_sick = failed(load.between(sick, end)) if sick else bad
    # Back for the next scenarios.
    restarted = time.time()
    stack.app.start_one(0)
    healthy = health.wait_for("healthy", "app1", restarted, timeout=40)
    detail = (f"probe marked it sick after {sick - killed:.1f} s; " if sick else "probe never marked it sick; ") + (
        f"back healthy {healthy - restarted:.1f} s after restart" if healthy else "not healthy again within 40 s"
    )
    if bad:
        detail += f"; failed: {sorted({str(record[3]) for record in bad})}"
    ok = sick is not None and not bad
    return ("one app server killed", len(records), len(bad), detail, ok, len(after_sick))


def scenario_redis_restart(stack, load):
    stopped = time.time()
    stack.redis.process.stop()
    time.sleep(4)
    stack.redis.start()
    time.sleep(3)
    records = load.between(stopped, time.time())
    bad = failed(records)
    return ("Redis stopped 4 s, restarted", len(records), len(bad), "same port, empty cache", not bad, None)


def scenario_database_connections_terminated(stack, load):
    import psycopg

    name = stack.database_url.rsplit("/", 1)[1]
    with psycopg.connect(benchdata.SERVER_URL, autocommit=True) as connection:
        killing_at = time.time()
        # With a timeout, pg_terminate_backend waits until each connection is gone: requests
        # sent before then were in flight on a connection being cut.
        count = len(
            connection.execute(
                "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
                [name],
            ).fetchall()
        )
        terminated_at = time.time()
    time.sleep(5)
    end = time.time()
    records = load.between(killing_at - 30, end)
    window = [record for record in records if record[1] >= killing_at]  # finished after the kill began
    in_flight = [record for record in window if record[0] < terminated_at]
    later = [record for record in window if record[0] >= terminated_at]
    bad_later = failed(later)
    # Nothing needs a restart: the last two seconds are clean.
    tail = failed(load.between(end - 2, end))
    detail = (
        f"{count} connections terminated; {len(failed(in_flight))} of {len(in_flight)} in flight failed; "
        f"{len(bad_later)} of {len(later)} started after failed"
    )
    return (
        "PostgreSQL connections terminated",
        len(window),
        len(failed(window)),
        detail,
        not bad_later and not tail,
        None,
    )


# A soft purge lets Varnish serve the old page while it fetches the new one: fresh within this.
FRESH_WITHIN = 1.0


def scenario_publishing(stack, load, story_id, rounds=12):
    command = [
        sys.executable,
        "-m",
        "harness.publisher",
        str(story_id),
        str(rounds),
        "--interval",
        "0.5",
        "--tag",
        RUN_TAG,
    ]
    started = time.time()
    output = subprocess.run(command, cwd=ROOT, env=stack.env, capture_output=True, text=True, check=True).stdout  # noqa: S603
    time.sleep(1)
    end = time.time()
    published = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    records = load.between(started, end)
    bad = failed(records)
    # Stale: a story response to a request sent more than FRESH_WITHIN seconds after round N's
    # publish (and soft purge) returned, still showing an earlier round. Inside that window
    # Varnish serves the old copy by design while it fetches the new one.
    stale, stale_for, story_requests = 0, 0.0, 0
    for request_started, _, path, outcome, seen in records:
        if path != load.story_path or outcome != 200:
            continue
        story_requests += 1
        due = [line for line in published if line["returned"] <= request_started - FRESH_WITHIN]
        if due and seen is not None and seen < due[-1]["round"]:
            stale += 1
            # How long after the purge of the round it should have shown.
            purged = next(line["returned"] for line in due if line["round"] == seen + 1)
            stale_for = max(stale_for, request_started - purged)
    import psycopg

    with psycopg.connect(stack.database_url) as connection:
        revisions = connection.execute(
            "SELECT count(*) FROM wagtailcore_revision WHERE object_id = %s AND created_at >= to_timestamp(%s)",
            [str(story_id), started],
        ).fetchone()[0]
        live_title = connection.execute("SELECT title FROM wagtailcore_page WHERE id = %s", [story_id]).fetchone()[0]
    lost = rounds - len(published) + (0 if live_title.endswith(f"[bench {RUN_TAG}-{rounds}]") else 1)
    detail = (
        f"{len(published)} publishes, {revisions} revisions kept, {lost} lost; "
        f"{stale} of {story_requests} story pages stale over {FRESH_WITHIN:g} s after their purge"
        + (f" (up to {stale_for:.2f} s after it)" if stale else "")
    )
    return ("publishing during the load", len(records), len(bad), detail, not bad and not stale and not lost, None)


def main():
    children.track("survive")
    # SIGTERM unwinds like Ctrl-C: the stack's `with` stops what it started.
    signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))
    url = benchdata.ensure_dataset("pressroom_bench_2k", 2000)
    import psycopg

    with psycopg.connect(url) as connection:
        story_id, url_path = connection.execute(
            """SELECT p.id, p.url_path FROM press_storypage s JOIN wagtailcore_page p ON p.id = s.page_ptr_id
               WHERE p.url_path LIKE '/cipc/press/%%' AND p.live ORDER BY s.date DESC, p.id DESC LIMIT 1"""
        ).fetchone()
    story_path = url_path.removeprefix("/cipc")
    rows = []
    with BenchStack(url, benchdata.media_root("pressroom_bench_2k")) as stack:
        health = HealthLog(stack.varnish)
        load = Load(stack.varnish.port, ["/press/", story_path, "/"], story_path).start()
        try:
            say(f"load: {LOAD_THREADS} clients through Varnish, at most {RATE} requests/s each")
            time.sleep(3)
            baseline = load.between(0, time.time())
            rows.append(
                ("baseline (nothing failing)", len(baseline), len(failed(baseline)), "", not failed(baseline), None)
            )
            say("killing one app server")
            rows.append(scenario_app_server_killed(stack, load, health))
            say("stopping Redis")
            rows.append(scenario_redis_restart(stack, load))
            say("terminating PostgreSQL connections")
            rows.append(scenario_database_connections_terminated(stack, load))
            say("publishing during the load")
            rows.append(scenario_publishing(stack, load, story_id))
        finally:
            load.stop()
            health.stop()
        total = len(load.records)
        duration = load.records[-1][1] - load.records[0][0] if load.records else 0
    print()
    print(
        f"make survive: {total} requests through Varnish in {duration:.0f} s "
        f"({LOAD_THREADS} clients, <= {RATE}/s each; half reach an app server)"
    )
    header = f"{'scenario':<36}{'requests':>9}{'failed':>8}  {'result':<8}detail"
    print(header)
    print("-" * (len(header) + 60))
    for name, requests, bad, detail, ok, _ in rows:
        print(f"{name:<36}{requests:>9}{bad:>8}  {'ok' if ok else 'FAILED':<8}{detail}")
    return 0 if all(row[4] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
