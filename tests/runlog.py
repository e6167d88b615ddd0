"""Tab-separated logs under test-artifacts/ that hold one test run, whichever process writes.

With pytest-xdist (`make test` runs two workers) several processes log to the same file: the
first to write in a run starts the file afresh with its header, the others append to it, and
each record goes in whole under a lock, so lines from two workers never interleave. A run is
xdist's run id (shared by its workers) or, without xdist, this process."""

import fcntl
import os
import uuid
from contextlib import contextmanager
from pathlib import Path

RUN = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex


@contextmanager
def _locked(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.with_name(f".{path.name}.lock").open("a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield lock
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class RunLog:
    def __init__(self, path: Path, header: str):
        self.path, self.header = path, header

    def start(self):
        """Start the file afresh with its header, unless this run already has."""
        with _locked(self.path) as lock:
            lock.seek(0)
            if lock.read() != RUN or not self.path.exists():
                self.path.write_text(self.header)
                lock.seek(0)
                lock.truncate()
                lock.write(RUN)
        return self

    def write(self, text):
        """Append ``text`` (whole lines) as one record."""
        self.start()
        with _locked(self.path), self.path.open("a") as log:
            log.write(text)
