"""Helpers for tests that start a real server in a subprocess (gunicorn, moto, redis-server),
and bounded waits for what such a server does: never a bare sleep, never an endless loop."""

import socket
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, what, timeout=30, interval=0.1):
    """Return ``condition()``'s first true value; fail if none comes within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        if result := condition():
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s")
        time.sleep(interval)


def _accepts_connections(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
    except OSError:
        return False
    return True


def wait_until_listening(port, timeout=30):
    """Return once something accepts connections on the port; fail the test run if nothing does."""
    wait_until(lambda: _accepts_connections(port), f"nothing answered on 127.0.0.1:{port}", timeout, 0.2)
