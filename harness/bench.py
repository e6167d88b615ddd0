"""`make bench`: one table from one run on this machine, every row measured the same way.

It starts everything it measures on free loopback ports and stops it at the end, also on
Ctrl-C or SIGTERM (a running `make stack` is neither needed nor touched):

- the stack (harness/benchstack.py) on 2,000 generated stories (pressroom_bench_2k): two
  gunicorns with the production settings, its own Redis and Varnish;
- two more gunicorns on 10,000 stories (pressroom_bench_10k);
- the press room's HTML saved as a file, served by nginx and by WhiteNoise under gunicorn;
- a stock Wagtail site (`wagtail start`, database pressroom_bench_stock, the same gunicorn.conf.py).

Rows, interleaved: cache-busting traffic straight at each size's app servers, every request a
distinct address (harness/busting.py), beside the stock Wagtail page; the cached press room
beside nginx and WhiteNoise. Then a publish storm through Varnish, purge to fresh, the first
request for each page after a publish at 10,000 stories (harness/after_publish.py) with a
profile of the story page, and each worker's memory as requests went by, recycling off.

The databases are generated once (harness/stories.py) and reused. Load comes from wrk (Debian's
package; installed when missing), 16 connections per row, in short bursts taken round robin
over the rows, repeated, so the machine's other load hits every row alike.

    make bench                 # the databases once (about 15 minutes), then about 10 minutes
    make bench BENCH_ARGS=--quick
    make bench BENCH_ARGS="--quick --sizes 200 1000"   # small archives, for trying the harness
"""

import argparse
import atexit
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from harness import benchdata, busting, children, report
from harness.benchstack import AppServers, BenchStack, Process, production_environment, rss_kib, worker_pids
from harness.report import CONNECTIONS
from harness.stack import answers, wait_for
from harness.varnish import free_port

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
WRK = shutil.which("wrk") or "/usr/bin/wrk"


def say(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def get(url, host="localhost"):
    request = urllib.request.Request(url, headers={"Host": host})  # noqa: S310 (loopback)
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status, dict(response.headers), response.read()


# --- the things measured -------------------------------------------------------------------


def start_nginx(folder, www):
    port = free_port()
    conf = folder / "nginx.conf"
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / name).mkdir()
    conf.write_text(
        f"""
daemon off;
worker_processes auto;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    types {{ text/html html; }}
    server {{
        listen 127.0.0.1:{port};
        root {www};
        index index.html;
    }}
}}
"""
    )
    process = Process(
        "nginx", [NGINX, "-c", str(conf), "-p", str(folder), "-e", str(folder / "nginx-error.log")], os.environ, folder
    )
    wait_for(lambda: answers(f"http://127.0.0.1:{port}/press/"), "nginx", timeout=20, process=process.popen)
    return process, port


STOCK_SETTINGS = """
import dj_database_url

from .base import *  # noqa

DEBUG = False
SECRET_KEY = "stock-wagtail-benchmark"
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
DATABASES = {{"default": dj_database_url.parse({url!r}, conn_max_age=60, conn_health_checks=True)}}
STATIC_ROOT = {static!r}
"""


def start_stock_wagtail(folder):
    """`wagtail start` into ``folder``, on PostgreSQL (pressroom_bench_stock, reused), behind
    the same gunicorn settings as the app."""
    import psycopg

    name = "pressroom_bench_stock"
    with psycopg.connect(benchdata.SERVER_URL, autocommit=True, connect_timeout=5) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
    project = folder / "stock"
    project.mkdir()
    subprocess.run([str(BIN / "wagtail"), "start", "stockbench", str(project)], check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    (project / "stockbench" / "settings" / "bench.py").write_text(
        STOCK_SETTINGS.format(url=benchdata.database_url(name), static=str(folder / "stock-static"))
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "WEB_", "GUNICORN_"))
    }
    env.update(DJANGO_SETTINGS_MODULE="stockbench.settings.bench", WEB_CONCURRENCY="2", PYTHONPATH=str(project))
    for command in (["migrate", "--noinput", "--verbosity", "0"], ["collectstatic", "--noinput", "--verbosity", "0"]):
        children.run([sys.executable, "manage.py", *command], cwd=project, env=env, check=True)
    return AppServers(env, folder, app="stockbench.wsgi:application", cwd=project, health="/").start()


# --- load -----------------------------------------------------------------------------------

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse_wrk(output):
    def duration(text):
        number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
        return float(number) * UNITS[unit]

    result = {"requests": int(re.search(r"(\d+) requests in", output).group(1)), "errors": 0}
    for percent in ("50", "99"):
        match = re.search(rf"^\s+{percent}%\s+(\S+)", output, re.MULTILINE)
        result[f"p{percent}"] = duration(match.group(1)) if match else float("nan")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    result["errors"] = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, socket.groups())) if socket else 0)
    return result


def wrk(port, path, host, seconds, connections, threads, script=None):
    command = [
        WRK,
        *(["-s", str(script)] if script else []),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-H",
        f"Host: {host}",
        f"http://127.0.0.1:{port}{path}",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=seconds + 60)  # noqa: S603
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed on :{port}{path}: {done.stderr or done.stdout}")
    return parse_wrk(done.stdout)


class Row:
    """One address, or with ``addresses`` a distinct address for every request (harness.busting):
    the list split between the ports, each wrk thread taking its share in turn."""

    def __init__(self, name, ports, path, host="localhost", addresses=None, folder=None):
        self.name, self.ports, self.path, self.host = name, ports, path, host
        self.bursts = []  # (seconds, requests, errors, p50, p99)
        self.scripts = [None] * len(ports)
        if addresses:
            self.path = addresses[0]
            for index in range(len(ports)):
                script = Path(folder) / f"{re.sub(r'[^a-z0-9]+', '-', name.lower())}-{index}.lua"
                share = addresses[index :: len(ports)] or addresses  # one page: distinct by its junk alone
                script.write_text(busting.lua_script(share, 1 if len(ports) > 1 else 2))
                self.scripts[index] = script

    def burst(self, seconds):
        if len(self.ports) == 1:
            results = [wrk(self.ports[0], self.path, self.host, seconds, CONNECTIONS, 2, self.scripts[0])]
        else:
            each = CONNECTIONS // len(self.ports)

            def run(index):
                return wrk(self.ports[index], self.path, self.host, seconds, each, 1, self.scripts[index])

            with ThreadPoolExecutor(len(self.ports)) as pool:
                results = list(pool.map(run, range(len(self.ports))))
        requests = sum(r["requests"] for r in results)
        # Two servers at once: the slower server's percentiles (a bound, not a blend).
        self.bursts.append(
            (
                seconds,
                requests,
                sum(r["errors"] for r in results),
                max(r["p50"] for r in results),
                max(r["p99"] for r in results),
            )
        )

    @property
    def rps(self):
        return sum(b[1] for b in self.bursts) / sum(b[0] for b in self.bursts)

    @property
    def p50(self):
        return statistics.median(b[3] for b in self.bursts)

    @property
    def p99(self):
        return max(b[4] for b in self.bursts)

    @property
    def errors(self):
        return sum(b[2] for b in self.bursts)


# --- purge to fresh ----------------------------------------------------------------------------


def newest_story(database_url):
    """(id, path on its site, title) of CIPC's newest story."""
    import psycopg

    with psycopg.connect(database_url) as connection:
        story_id, url_path, title = connection.execute(
            """SELECT p.id, p.url_path, p.title FROM press_storypage s JOIN wagtailcore_page p ON p.id = s.page_ptr_id
               WHERE p.url_path LIKE '/cipc/press/%%' AND p.live ORDER BY s.date DESC, p.id DESC LIMIT 1"""
        ).fetchone()
    return story_id, url_path.removeprefix("/cipc"), title


def purge_to_fresh(stack, rounds):
    """Publish a change to the press room's newest CIPC story through the ORM (the stack's
    environment: its purges reach its Varnish) and poll through Varnish until every path
    that shows the story shows the change."""
    import psycopg

    with psycopg.connect(stack.database_url) as connection:
        story_id, url_path, title, year = connection.execute(
            """SELECT p.id, p.url_path, p.title, extract(year FROM s.date)::int
               FROM press_storypage s JOIN wagtailcore_page p ON p.id = s.page_ptr_id
               WHERE p.url_path LIKE '/cipc/press/%%' AND p.live
               ORDER BY s.date DESC, p.id DESC LIMIT 1"""
        ).fetchone()
    candidates = [url_path.removeprefix("/cipc"), "/press/", f"/press/?year={year}", "/press/feed/", "/"]
    paths = [path for path in candidates if title.split(" [bench")[0].encode() in get(stack.url + path)[2]]
    command = [sys.executable, "-m", "harness.publisher", str(story_id), str(rounds), "--poll", stack.url, *paths]
    output = subprocess.run(command, cwd=ROOT, env=stack.env, capture_output=True, text=True, check=True).stdout  # noqa: S603
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    worst = {path: max(line["fresh_after"].get(path, float("inf")) for line in lines) for path in paths}
    never = sorted({path for line in lines for path in line["never_fresh"]})
    publish = max(line["returned"] - line["started"] for line in lines)
    return worst, never, publish


# --- the run ----------------------------------------------------------------------------------


def ensure_tools():
    """wrk and nginx (Debian's wrk and nginx-light), installed when missing."""
    missing = [package for path, package in ((WRK, "wrk"), (NGINX, "nginx-light")) if not Path(path).exists()]
    if not missing:
        return
    say(f"installing {' '.join(missing)} (Debian's packages)")
    install = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    if subprocess.run(install, capture_output=True).returncode != 0:  # noqa: S603
        subprocess.run(["apt-get", "update"], check=True, capture_output=True)  # noqa: S607
        subprocess.run(install, check=True, capture_output=True)  # noqa: S603


def size_name(stories):
    return f"{stories // 1000}k" if stories >= 1000 and stories % 1000 == 0 else str(stories)


def database_name(stories):
    return f"pressroom_bench_{size_name(stories)}"


def busting_rows(label, ports, database_url, folder):
    """The cache-busting rows of one archive size: every request a distinct address."""
    return [
        Row(f"press room, {label}", ports, None, addresses=busting.press_room_addresses(database_url), folder=folder),
        Row(f"story page, {label}", ports, None, addresses=busting.story_addresses(database_url), folder=folder),
        Row(f"search, {label}", ports, None, addresses=busting.search_addresses(), folder=folder),
        # One page each: distinct by the junk parameter alone.
        Row(f"feed, {label}", ports, None, addresses=["/press/feed/"], folder=folder),
        Row(f"home, {label}", ports, None, addresses=["/"], folder=folder),
    ]


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a short run: 2 rounds of 2 s bursts, a 10 s storm")
    parser.add_argument("--sizes", type=int, nargs=2, default=[2000, 10000], help="the two archive sizes")
    parser.add_argument("--purge-rounds", type=int, default=None, help="publishes timed (default 10, quick 3)")
    parser.add_argument("--after-rounds", type=int, default=None, help="publishes before first requests (20; 3)")
    parser.add_argument("--storm-seconds", type=int, default=None, help="the publish storm's length (60; 10)")
    return parser.parse_args()


def main():
    children.track("bench")
    options = parse_arguments()
    rounds, seconds = (2, 2) if options.quick else (4, 5)
    purge_rounds = options.purge_rounds or (3 if options.quick else 10)
    after_rounds = options.after_rounds or (3 if options.quick else 20)
    storm_seconds = options.storm_seconds or (10 if options.quick else 60)
    small, large = options.sizes
    small_name, large_name = size_name(small), size_name(large)

    ensure_tools()
    url_small = benchdata.ensure_dataset(database_name(small), small)
    url_large = benchdata.ensure_dataset(database_name(large), large)

    folder = Path(tempfile.mkdtemp(prefix="pressroom-bench-"))
    folder.chmod(0o755)  # nginx's workers run as nobody
    started = []
    stack = BenchStack(url_small, benchdata.media_root(database_name(small)))
    stop_on_signals(started, stack, folder)
    try:
        say(f"starting the stack ({small:,} stories), nginx, whitenoise, stock Wagtail, app servers ({large:,})")
        stack.start()
        started.append(stack)
        _status, _headers, html = get(stack.url + "/press/")
        get(stack.url + "/press/")
        www = folder / "www" / "press"
        www.mkdir(parents=True)
        (www / "index.html").write_bytes(html)
        for path in (folder / "www", www, www / "index.html"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        nginx, nginx_port = start_nginx(folder, folder / "www")
        started.append(nginx)
        white_env = {**os.environ, "BENCH_WHITENOISE_ROOT": str(folder / "www"), "WEB_CONCURRENCY": "2"}
        whitenoise = AppServers(white_env, folder, app="harness.whitenoise_file:application", health="/press/").start()
        started.append(whitenoise)
        stock = start_stock_wagtail(folder)
        started.append(stock)
        # The bigger archive on two more app servers, sharing the stack's Redis under a key
        # prefix of its own (the two databases' ids overlap), as production shares one.
        large_env = production_environment(
            url_large, benchdata.media_root(database_name(large)), redis_url=stack.redis.url
        )
        large_env.update(WEB_CONCURRENCY="2", CACHE_KEY_PREFIX="bench-large")
        large_servers = AppServers(large_env, folder).start()
        started.append(large_servers)

        rows = [
            Row("press room, Varnish cache (HIT)", [stack.varnish.port], "/press/"),
            Row("same HTML file, nginx", [nginx_port], "/press/"),
            Row("same HTML file, whitenoise+gunicorn", whitenoise.ports, "/press/"),
            Row("stock Wagtail page (wagtail start)", stock.ports, None, addresses=["/"], folder=folder),
            *busting_rows(small_name, stack.app.ports, url_small, folder),
            *busting_rows(large_name, large_servers.ports, url_large, folder),
        ]
        for row in rows:  # warm: renditions, connections
            for port in row.ports:
                get(f"http://127.0.0.1:{port}{row.path}", row.host)
        assert "HIT" in get(stack.url + "/press/")[1].get("X-Cache", ""), "the press room is not cached by Varnish"
        servers = [*stack.app.servers, *large_servers.servers]
        memory = [memory_sample(servers, 0)]
        say(f"measuring: {rounds} rounds x {len(rows)} rows x {seconds} s bursts")
        for round_ in range(rounds):
            for row in rows:
                row.burst(seconds)
            app_rows = [row for row in rows if set(row.ports) & {*stack.app.ports, *large_servers.ports}]
            memory.append(memory_sample(servers, sum(sum(b[1] for b in row.bursts) for row in app_rows)))
            say(f"round {round_ + 1}/{rounds} done")

        say(f"publish storm: a publish every 2 s for {storm_seconds} s while clients read through Varnish")
        storm = publish_storm(stack, storm_seconds, folder)
        say(f"purge to fresh: {purge_rounds} publishes through the ORM")
        fresh, never, publish = purge_to_fresh(stack, purge_rounds)
        say(f"first request after a publish at {large:,} stories: {after_rounds} publishes, then a profile")
        after, profile = first_requests_after_publish(large_env, after_rounds)
    finally:
        for thing in reversed(started):
            thing.stop()
        if stack not in started:
            stack.stop()
        shutil.rmtree(folder, ignore_errors=True)

    report.print_report(
        rows,
        rounds=rounds,
        seconds=seconds,
        html_size=len(html),
        names=(small_name, large_name),
        fresh=(fresh, never, publish),
        storm=storm,
        after=after,
        profile=profile,
        memory=memory,
    )
    return 0


def memory_sample(servers, requests):
    """(requests served so far by the app servers, {worker pid: VmRSS KiB})."""
    return requests, {pid: rss_kib(pid) for server in servers if server for pid in worker_pids(server.pid)}


def publish_storm(stack, seconds, folder):
    """Clients (wrk, 16 connections) read the press room, a story and the feed through Varnish
    while the story is published every 2 s; each publish's paths polled for freshness."""
    story_id, story, _title = newest_story(stack.database_url)
    paths = [story, "/press/", "/press/feed/"]
    script = Path(folder) / "storm.lua"
    script.write_text(busting.cycle_script(paths))
    publishes = max(1, seconds // 2)
    command = [sys.executable, "-m", "harness.publisher", str(story_id), str(publishes), "--every", "2"]
    command += ["--poll", stack.url, *paths]
    with ThreadPoolExecutor(1) as pool:
        load = pool.submit(wrk, stack.varnish.port, "/press/", "localhost", seconds + 2, CONNECTIONS, 2, script)
        output = subprocess.run(  # noqa: S603 (our own module)
            command, cwd=ROOT, env=stack.env, capture_output=True, text=True, check=True, timeout=seconds + 120
        ).stdout
        result = load.result()
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    worst = max((max(line["fresh_after"].values(), default=float("inf")) for line in lines), default=float("inf"))
    never = sum(len(line["never_fresh"]) for line in lines)
    return {**result, "publishes": len(lines), "worst_fresh": worst, "never_fresh": never, "seconds": seconds + 2}


def first_requests_after_publish(env, rounds):
    command = [sys.executable, "-m", "harness.after_publish", "--rounds", str(rounds), "--profile"]
    output = subprocess.run(  # noqa: S603 (our own module)
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=600
    ).stdout
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    profile = next((line["profile"] for line in lines if "profile" in line), "")
    return [line for line in lines if "page" in line], profile


def stop_on_signals(started, stack, folder):
    """Ctrl-C, SIGTERM or an exit stop every process the bench started (each runs in a
    process group of its own, stopped with its children)."""

    def stop_all():
        for thing in reversed(started):
            thing.stop()
        if stack not in started:
            stack.stop()
        shutil.rmtree(folder, ignore_errors=True)

    def on_signal(signum, _frame):
        stop_all()
        raise SystemExit(128 + signum)

    atexit.register(stop_all)
    signal.signal(signal.SIGTERM, on_signal)


if __name__ == "__main__":
    sys.exit(main())
