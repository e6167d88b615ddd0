"""The processes the harness starts (`make stack`, `make bench`, `make survive`) stop when it
stops, however it is stopped.

Three layers, because each misses a case the others cover:

- each child gets a parent-death signal (Linux prctl PR_SET_PDEATHSIG): SIGTERM when the
  harness dies, even by SIGKILL, when nothing of ours runs any more;
- an ``atexit`` hook stops every child still running (a normal exit, an uncaught exception);
- a pid file (var/pids/<name>-<harness pid>.pids) lists them; the next start of that harness
  stops the children of any run whose own process is gone (a non-Linux machine, a varnishd
  child that outlived its manager) and removes the file.

Children run in a session of their own (Ctrl-C reaches only the harness, which stops them in
order), so a child's process group is its pid: stopping it stops its workers too.
"""

import atexit
import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

PIDS = Path(__file__).resolve().parent.parent / "var" / "pids"
PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None

_started = []  # Popen, in start order
_pid_file = None


def start_time(pid):
    """The process's start time (clock ticks since boot, /proc/<pid>/stat field 22): with the
    pid, it names one process, not whichever reuses the number later. None if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rpartition(")")[2].split()[19]


def _die_with(parent):
    def preexec():
        if _LIBC is not None:
            _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before prctl: no signal would come
            os._exit(1)

    return preexec


def popen(command, *, keeper=False, **kwargs):
    """subprocess.Popen for a child that must not outlive the harness. ``keeper``: for a program
    that changes its credentials (varnishd started as root drops them for its jail), which
    clears the parent-death signal: it runs under a small Python keeper that keeps the signal
    and passes it on (``keep``)."""
    kwargs.setdefault("start_new_session", True)
    if keeper:
        command = [sys.executable, __file__, *command]
    process = subprocess.Popen(command, preexec_fn=_die_with(os.getpid()), **kwargs)  # noqa: S603
    _started.append(process)
    if _pid_file is not None:
        with _pid_file.open("a") as pids:
            pids.write(f"{process.pid} {start_time(process.pid)}\n")
    return process


def run(command, **kwargs):
    """subprocess.run for a child (a migrate, a collectstatic) that must not outlive the harness."""
    return subprocess.run(command, preexec_fn=_die_with(os.getpid()), **kwargs)  # noqa: S603


def track(name):
    """Record this run's children in a pid file; stop what an earlier run of ``name`` left."""
    global _pid_file
    PIDS.mkdir(parents=True, exist_ok=True)
    for path in PIDS.glob(f"{name}-*.pids"):
        lines = path.read_text().split("\n")
        owner = lines[0].split()
        if len(owner) == 2 and start_time(owner[0]) == owner[1]:
            continue  # that run is still going (bench and survive may run side by side)
        for line in lines[1:]:
            pid, _space, started = line.partition(" ")
            if pid.isdigit() and start_time(pid) == started:
                stop_group(int(pid))
        path.unlink(missing_ok=True)
    _pid_file = PIDS / f"{name}-{os.getpid()}.pids"
    _pid_file.write_text(f"{os.getpid()} {start_time(os.getpid())}\n")
    return _pid_file


def stop_group(pid, timeout=10):
    """SIGTERM to the process group ``pid`` leads, SIGKILL to what is left after ``timeout``."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and start_time(pid) is not None and not _is_zombie(pid):
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _is_zombie(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z"
    except OSError:
        return True


@atexit.register
def stop_all():
    """Every child still running, last started first; then the pid file goes."""
    for process in reversed(_started):
        if process.poll() is None:
            stop_group(process.pid)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=5)
        else:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)  # workers left behind by a stopped master
    if _pid_file is not None:
        _pid_file.unlink(missing_ok=True)


def keep(command):
    """Run ``command`` and pass on to it the signals that stop us (the parent-death one too)."""
    child = subprocess.Popen(command)  # noqa: S603 (the harness's own command line)

    def forward(signum, _frame):
        child.send_signal(signum)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, forward)
    return child.wait()


if __name__ == "__main__":
    sys.exit(keep(sys.argv[1:]))
