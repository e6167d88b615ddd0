"""The harness's processes die with it (issue 20, item 6): a `make stack` stopped by SIGKILL once
left its S3 server on :9000. Here the stack's own process-starting code (Stack.spawn, the
benchstack's Redis and gunicorn, harness.varnish) runs in a child Python, which is then killed
with SIGKILL: every port it opened must close and every process it started must go."""

import json
import os
import signal
import subprocess
import sys
import textwrap

from harness import children
from harness.stack import ROOT
from tests.servers import accepts_connections, wait_until

STARTER = textwrap.dedent(
    """
    import json, os, sys, time
    from pathlib import Path

    from harness import children
    from harness.benchstack import AppServers, Redis
    from harness.stack import BIN, Stack, port_is_free, wait_for
    from harness.varnish import Varnish, free_port

    folder = Path(sys.argv[1])
    children.PIDS = folder / "pids"
    children.track("test")
    stack = Stack()
    s3_port = free_port()
    moto = stack.spawn("moto_server", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(s3_port)], os.environ)
    wait_for(lambda: not port_is_free("127.0.0.1", s3_port), "moto_server", process=moto)
    redis = Redis(folder).start()
    (folder / "www" / "healthz").mkdir(parents=True)
    (folder / "www" / "healthz" / "index.html").write_text("ok")
    env = {**os.environ, "BENCH_WHITENOISE_ROOT": str(folder / "www"), "WEB_CONCURRENCY": "1"}
    app = AppServers(env, folder, count=1, app="harness.whitenoise_file:application").start()
    varnish = Varnish(app.addresses, storage="malloc,16m").start()
    ports = [s3_port, redis.port, *app.ports, varnish.port]
    pids = [process.pid for process in children._started]
    print(json.dumps({"ports": ports, "pids": pids}), flush=True)
    time.sleep(600)
    """
)


def gone(pid):
    """Exited (and reaped, or a zombie waiting for init to reap it)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rpartition(")")[2].split()[0] == "Z"
    except OSError:
        return True


def test_every_child_stops_when_the_harness_is_killed(tmp_path):
    parent = subprocess.Popen(
        [sys.executable, "-c", STARTER, str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = parent.stdout.readline()  # blocks until the stack part is up (or the script fails)
        assert line, f"the starter exited with {parent.wait()} before starting everything"
        started = json.loads(line)
        ports, pids = started["ports"], started["pids"]
        assert len(ports) == 4 and all(accepts_connections(port) for port in ports)
        assert len(pids) == 4  # moto, redis-server, gunicorn, varnishd
        [pid_file] = (tmp_path / "pids").glob("test-*.pids")
        assert len(pid_file.read_text().splitlines()) == 1 + len(pids)

        parent.send_signal(signal.SIGKILL)
        parent.wait()
        wait_until(lambda: not any(accepts_connections(port) for port in ports), f"ports {ports} closed", timeout=30)
        wait_until(lambda: all(gone(pid) for pid in pids), f"processes {pids} gone", timeout=30)
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()


def test_the_next_start_stops_what_a_dead_run_left_and_removes_its_pid_file(tmp_path, monkeypatch):
    """Where no parent-death signal came (another OS, a grandchild): the pid file is the net."""
    monkeypatch.setattr(children, "PIDS", tmp_path)
    monkeypatch.setattr(children, "_pid_file", None)
    leftover = subprocess.Popen(["sleep", "300"], start_new_session=True)
    unrelated = subprocess.Popen(["sleep", "300"], start_new_session=True)
    try:
        # A run whose own process is gone (pid 1's start time never matches "0"), and a line
        # whose pid is alive but started at another time: a reused pid, not ours to stop.
        dead_run = tmp_path / "stack-4242.pids"
        dead_run.write_text(f"1 0\n{leftover.pid} {children.start_time(leftover.pid)}\n{unrelated.pid} 0\n")
        mine = children.track("stack")
        assert leftover.wait(timeout=15) is not None
        assert unrelated.poll() is None, "a process the pid file does not really name was stopped"
        assert not dead_run.exists()
        assert mine.read_text() == f"{os.getpid()} {children.start_time(os.getpid())}\n"
        # A run still going is left alone.
        assert children.track("stack") == mine and mine.exists()
    finally:
        for process in (leftover, unrelated):
            if process.poll() is None:
                process.kill()
                process.wait()
        monkeypatch.setattr(children, "_pid_file", None)
