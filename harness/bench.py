"""`make bench`: one table from one run on this machine, every row measured the same way.

It starts everything it measures on free loopback ports and stops it at the end (a running
`make stack` is neither needed nor touched):

- the press room (plain, filtered, page 2), a story page and the feed at 2,000 generated
  stories (database pressroom_bench_2k) on two gunicorns with the production settings, its
  own Redis and Varnish (harness/benchstack.py);
- that press room's HTML saved as a file, served by nginx (Debian's nginx-light) and by
  WhiteNoise under gunicorn;
- a stock Wagtail site (`wagtail start` into a temporary folder, database
  pressroom_bench_stock, the same gunicorn.conf.py and worker count);
- the same pages, and search, at 10,000 generated stories (database pressroom_bench_10k) on
  two more gunicorns.

The databases are generated once (harness/stories.py, as harness.bench_press does) and reused. Load comes
from wrk (Debian's package; installed when missing), 16 connections per row, in short bursts
taken round robin over the rows, repeated, so the machine's other load hits every row alike.
Rows on two app servers run one wrk per server at once (8 connections each), bypassing Varnish.

    make bench                 # about 7 minutes once the databases exist
    make bench BENCH_ARGS=--quick
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from harness import benchdata
from harness.benchstack import AppServers, BenchStack, Process, peak_rss_kib, production_environment
from harness.stack import answers, wait_for
from harness.varnish import free_port

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
WRK = shutil.which("wrk") or "/usr/bin/wrk"
CONNECTIONS = 16


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
        subprocess.run([sys.executable, "manage.py", *command], cwd=project, env=env, check=True)  # noqa: S603
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


def wrk(port, path, host, seconds, connections, threads):
    command = [
        WRK,
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
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    return parse_wrk(output)


class Row:
    def __init__(self, name, ports, path, host="localhost"):
        self.name, self.ports, self.path, self.host = name, ports, path, host
        self.bursts = []  # (seconds, requests, errors, p50, p99)

    def burst(self, seconds):
        if len(self.ports) == 1:
            results = [wrk(self.ports[0], self.path, self.host, seconds, CONNECTIONS, 2)]
        else:
            each = CONNECTIONS // len(self.ports)
            with ThreadPoolExecutor(len(self.ports)) as pool:
                results = list(pool.map(lambda p: wrk(p, self.path, self.host, seconds, each, 1), self.ports))
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


def story_path(database_url):
    """The address of CIPC's newest story with a listing image, on its own site."""
    import psycopg

    with psycopg.connect(database_url) as connection:
        (url_path,) = connection.execute(
            """SELECT p.url_path FROM press_storypage s JOIN wagtailcore_page p ON p.id = s.page_ptr_id
               WHERE p.live AND p.url_path LIKE '/cipc/press/%%' AND s.listing_image_id IS NOT NULL
               ORDER BY p.id DESC LIMIT 1"""
        ).fetchone()
    return url_path.removeprefix("/cipc")


def filter_query(database_url):
    import psycopg

    with psycopg.connect(database_url) as connection:
        year, topic = connection.execute(
            """SELECT extract(year FROM s.date)::int, t.slug FROM press_storypage s
               JOIN press_storypage_topics st ON st.storypage_id = s.page_ptr_id
               JOIN core_topic t ON t.id = st.topic_id
               JOIN wagtailcore_page p ON p.id = s.page_ptr_id WHERE p.url_path LIKE '/cipc/%%'
               GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1"""
        ).fetchone()
    return f"/press/?year={year}&topic={topic}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="2 rounds of 2 s bursts (default 4 rounds of 5 s)")
    parser.add_argument("--purge-rounds", type=int, default=None, help="publishes timed (default 10, quick 3)")
    parser.add_argument("--search-stories", type=int, default=10000, help="stories for the search row (default 10000)")
    options = parser.parse_args()
    rounds, seconds = (2, 2) if options.quick else (4, 5)
    purge_rounds = options.purge_rounds or (3 if options.quick else 10)

    ensure_tools()
    url_2k = benchdata.ensure_dataset("pressroom_bench_2k", 2000)
    search_db = "pressroom_bench_2k" if options.search_stories == 2000 else f"pressroom_bench_{options.search_stories}"
    search_db = "pressroom_bench_10k" if options.search_stories == 10000 else search_db
    url_10k = benchdata.ensure_dataset(search_db, options.search_stories)

    folder = Path(tempfile.mkdtemp(prefix="pressroom-bench-"))
    folder.chmod(0o755)  # nginx's workers run as nobody
    started = []
    stack = BenchStack(url_2k, benchdata.media_root("pressroom_bench_2k"))
    try:
        say("starting the stack (2,000 stories), nginx, whitenoise, stock Wagtail, search (10,000 stories)")
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
        # Production's shape: a shared Redis (the stack's, under a key prefix of its own, as
        # the two databases' ids overlap), so a repeated search is answered from the cache
        # until the next publish, as the press room rows are.
        search_env = production_environment(url_10k, benchdata.media_root(search_db), redis_url=stack.redis.url)
        search_env.update(WEB_CONCURRENCY="2", CACHE_KEY_PREFIX="bench-search")
        search = AppServers(search_env, folder).start()
        started.append(search)

        filtered = filter_query(url_2k)
        varnish_port = stack.varnish.port
        big = f"{options.search_stories // 1000}k"
        rows = [
            Row("press room, Varnish cache (HIT)", [varnish_port], "/press/"),
            Row("same HTML file, nginx", [nginx_port], "/press/"),
            Row("same HTML file, whitenoise+gunicorn", whitenoise.ports, "/press/"),
            Row("press room uncached, 2k stories", stack.app.ports, "/press/"),
            Row("press room uncached, filtered", stack.app.ports, filtered),
            Row("press room uncached, page 2", stack.app.ports, "/press/?page=2"),
            Row("story page uncached, 2k", stack.app.ports, story_path(url_2k)),
            Row("feed uncached, 2k", stack.app.ports, "/press/feed/"),
            # The same pages on the bigger archive (the search row's app servers).
            Row(f"press room uncached, {big} stories", search.ports, "/press/"),
            Row(f"press room uncached, {big}, filtered", search.ports, filter_query(url_10k)),
            Row(f"press room uncached, {big}, page 2", search.ports, "/press/?page=2"),
            Row(f"story page uncached, {big}", search.ports, story_path(url_10k)),
            Row(f"feed uncached, {big}", search.ports, "/press/feed/"),
            Row("stock Wagtail page (wagtail start)", stock.ports, "/"),
            Row(f"search, {options.search_stories:,} stories", search.ports, "/search/?q=court+ruling"),
        ]
        for row in rows:  # warm: renditions, caches, connections
            for port in row.ports:
                get(f"http://127.0.0.1:{port}{row.path}", row.host)
        assert "HIT" in get(stack.url + "/press/")[1].get("X-Cache", ""), "the press room is not cached by Varnish"
        say(f"measuring: {rounds} rounds x {len(rows)} rows x {seconds} s bursts")
        for round_ in range(rounds):
            for row in rows:
                row.burst(seconds)
            say(f"round {round_ + 1}/{rounds} done")

        say(f"purge to fresh: {purge_rounds} publishes through the ORM")
        fresh, never, publish = purge_to_fresh(stack, purge_rounds)
        memory = [(name, pid, peak_rss_kib(pid)) for name, pid in stack.app.workers()]
    finally:
        for thing in reversed(started):
            thing.stop()
        if stack not in started:
            stack.stop()
        shutil.rmtree(folder, ignore_errors=True)

    print_report(rows, fresh, never, publish, memory, rounds, seconds, len(html), filtered, big)
    return 0


UNCACHED_PAIRS = [  # (row at 2,000 stories, the same page's row at the bigger archive, minus the size)
    ("press room uncached, 2k stories", "press room uncached, {big} stories"),
    ("press room uncached, filtered", "press room uncached, {big}, filtered"),
    ("press room uncached, page 2", "press room uncached, {big}, page 2"),
    ("story page uncached, 2k", "story page uncached, {big}"),
    ("feed uncached, 2k", "feed uncached, {big}"),
]


def print_report(rows, fresh, never, publish, memory, rounds, seconds, size, filtered, big):
    by_name = {row.name: row for row in rows}
    nginx = by_name["same HTML file, nginx"].rps
    stock = by_name["stock Wagtail page (wagtail start)"].rps
    print()
    print(
        f"make bench: {rounds} rounds of {seconds} s bursts per row, round robin; {CONNECTIONS} connections per row "
        f"(two app servers: 8 each); press room HTML {size / 1024:.0f} KiB; filtered = {filtered}"
    )
    header = f"{'row':<38}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'vs nginx':>10}{'vs stock':>10}"
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row.name:<38}{row.rps:>9.0f}{row.p50:>9.2f}{row.p99:>9.2f}{row.errors:>8}"
            f"{row.rps / nginx:>9.3f}x{row.rps / stock:>9.2f}x"
        )
    print()
    cached = by_name["press room, Varnish cache (HIT)"].rps / nginx
    pairs = [(by_name[small], by_name[large.format(big=big)]) for small, large in UNCACHED_PAIRS]
    uncached = [row.rps / stock for pair in pairs for row in pair]
    growth = [large.rps / small.rps for small, large in pairs]
    worst = max(fresh.values()) if fresh else float("inf")
    goals = [
        ("cached press room >= 0.5x nginx", f"{cached:.2f}x", cached >= 0.5),
        (
            "uncached pages >= 1.0x stock Wagtail",
            f"{min(uncached):.2f}x to {max(uncached):.2f}x",
            min(uncached) >= 1.0,
        ),
        (
            f"each uncached page at {big} within 20% of 2k",
            f"{min(growth):.2f}x to {max(growth):.2f}x",
            min(growth) >= 0.8,
        ),
        ("purge to fresh <= 1 s on every path", f"max {worst * 1000:.0f} ms", worst <= 1.0 and not never),
    ]
    for goal, value, met in goals:
        print(f"{goal:<44}{value:<28}{'met' if met else 'NOT MET'}")
    print()
    print(
        "purge to fresh: publish() returned (its purge sent on commit) -> the change visible through Varnish, "
        "every path polled at once, worst of the publishes"
    )
    print(f"  (publish() itself, revision + publish + purge, took up to {publish * 1000:.0f} ms)")
    for path, value in fresh.items():
        print(f"  {path:<40}{value * 1000:>8.0f} ms")
    for path in never:
        print(f"  {path:<40}  never fresh within 10 s")
    print()
    print("peak memory (VmHWM) per app-server worker, after the run:")
    for name, pid, kib in memory:
        print(f"  {name} worker {pid}: {kib / 1024:.0f} MiB" if kib else f"  {name} worker {pid}: gone")


if __name__ == "__main__":
    sys.exit(main())
