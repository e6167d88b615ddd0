"""The stack's shape for `make bench` and `make survive`, on free loopback ports so it runs
beside a `make stack` (and other checkouts): two gunicorns with the production settings and
gunicorn.conf.py, a redis-server of its own (so the survival run may stop it), and Varnish
with deploy/varnish/default.vcl. Media on disk (the set-up needs no S3); every process it
starts is stopped by ``stop()``, and dies with the harness however that stops
(harness/children.py)."""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import children
from harness.stack import answers, port_is_free, secret_key, stack_environment, wait_for
from harness.varnish import Varnish, free_port

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def production_environment(database_url, media_root, *, redis_url=None, varnish_url=None):
    env = {**os.environ, **stack_environment()}
    for name in ("AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL", "FRONTEND_CACHE_URLS", "REDIS_URL"):
        env.pop(name, None)
    env.update(
        SECRET_KEY=secret_key(),
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
        LOG_LEVEL="WARNING",
        GUNICORN_MAX_REQUESTS="0",  # no recycling: the bench watches each worker's memory grow or not
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    if varnish_url:
        env["FRONTEND_CACHE_URLS"] = varnish_url
    return env


class Process:
    """A child in a session of its own, its output in a log file; stopped with its children."""

    def __init__(self, name, command, env, folder, cwd=ROOT):
        self.name = name
        self.log_path = Path(folder) / f"{name.replace(' ', '_').replace(':', '')}.log"
        log = open(self.log_path, "ab")  # noqa: SIM115 (the child keeps it)
        self.popen = children.popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        log.close()

    @property
    def pid(self):
        return self.popen.pid

    def alive(self):
        return self.popen.poll() is None

    def signal_group(self, signum):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signum)

    def stop(self, timeout=20):
        if self.alive():
            self.signal_group(signal.SIGTERM)
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.signal_group(signal.SIGKILL)
                self.popen.wait()
        else:
            self.signal_group(signal.SIGKILL)  # workers left behind by a killed master

    def kill(self):
        """SIGKILL to the master and its workers at once: a crash, not a shutdown."""
        self.signal_group(signal.SIGKILL)
        self.popen.wait()


def rss_kib(pid):
    """VmRSS: the resident memory the process has now."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def worker_pids(master_pid):
    """The gunicorn workers of a master: its children."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    try:
        return [int(pid) for pid in children.read_text().split()]
    except OSError:
        return []


def peak_rss_kib(pid):
    """VmHWM: the most resident memory the process has had."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def start_gunicorn(name, app, port, env, folder, cwd=ROOT):
    command = [str(BIN / "gunicorn"), app, "-c", str(ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}"]
    return Process(name, command, env, folder, cwd=cwd)


class AppServers:
    """``count`` gunicorns (gunicorn.conf.py, WEB_CONCURRENCY workers each) on free ports."""

    def __init__(self, env, folder, *, count=2, app="config.wsgi:application", cwd=ROOT, health="/healthz/"):
        self.env, self.folder, self.app, self.cwd, self.health = env, folder, app, cwd, health
        self.ports = [free_port() for _ in range(count)]
        self.servers = [None] * count

    @property
    def addresses(self):
        return [("127.0.0.1", port) for port in self.ports]

    def start_one(self, index):
        port = self.ports[index]
        server = start_gunicorn(f"gunicorn {port}", self.app, port, self.env, self.folder, cwd=self.cwd)
        self.servers[index] = server
        wait_for(lambda: answers(f"http://127.0.0.1:{port}{self.health}"), server.name, process=server.popen)
        return server

    def start(self):
        for index in range(len(self.ports)):
            self.start_one(index)
        return self

    def stop(self):
        for server in self.servers:
            if server is not None:
                server.stop()

    def workers(self):
        return [(server.name, pid) for server in self.servers if server for pid in worker_pids(server.pid)]


class Redis:
    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        command = [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"]
        self.process = Process(f"redis {self.port}", command, os.environ, self.folder)
        wait_for(
            lambda: not port_is_free("127.0.0.1", self.port), "redis-server", timeout=20, process=self.process.popen
        )
        return self

    def stop(self):
        if self.process is not None:
            self.process.stop()


class BenchStack:
    """Redis, two app servers on ``database_url`` and Varnish in front of them."""

    def __init__(self, database_url, media_root):
        self.folder = Path(tempfile.mkdtemp(prefix="pressroom-benchstack-"))
        self.redis = Redis(self.folder)
        self.database_url, self.media_root = database_url, media_root
        self.app = self.varnish = None
        self.env = None

    def start(self):
        self.redis.start()
        varnish_port = free_port()
        self.env = production_environment(
            self.database_url, self.media_root, redis_url=self.redis.url, varnish_url=f"http://127.0.0.1:{varnish_port}"
        )
        collect = {**self.env}
        collect.pop("FRONTEND_CACHE_URLS")
        children.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=ROOT,
            env=collect,
            check=True,
        )
        self.app = AppServers(self.env, self.folder).start()
        self.varnish = Varnish(self.app.addresses, port=varnish_port, storage="malloc,256m").start()
        return self

    @property
    def url(self):
        return self.varnish.url

    def stop(self):
        if self.varnish is not None:
            self.varnish.stop()
        if self.app is not None:
            self.app.stop()
        self.redis.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()


def wait(seconds):
    time.sleep(seconds)
