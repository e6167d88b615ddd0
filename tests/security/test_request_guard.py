"""One anonymous request must not hold a CPU core: pathological Cookie headers get a fast 400.

Python before 3.11.10 unquotes cookies in quadratic time (CVE-2024-7592). Before the guard,
eight 8 KB Cookie headers of backslashes against /healthz/ took 7.6 s here (see
harness/cookie_attack.py); a hundred would take about half an hour."""

import os
import socket
import subprocess
import sys
from pathlib import Path
from unittest import mock

from django.core.handlers import wsgi
from django.test import SimpleTestCase

from tests.servers import free_port, wait_until_listening

ROOT = Path(__file__).resolve().parents[2]
BACKSLASHES = 'a="' + "\\" * 8000 + '"'  # as harness/cookie_attack.py sends it


def raw_get(port, path, headers, timeout=60):
    """Send a request byte for byte (the test client cannot repeat a header): (status line, body).
    ``timeout`` bounds the wait for an answer: a worker held by the request fails the test."""
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    request += "".join(f"{name}: {value}\r\n" for name, value in headers) + "\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(request.encode())
        response = b""
        while chunk := conn.recv(65536):
            response += chunk
    head, _, body = response.partition(b"\r\n\r\n")
    return head.split(b"\r\n")[0].decode(), body.decode()


class CookieGuardTests(SimpleTestCase):
    def test_a_cookie_header_of_backslashes_is_refused_unparsed_with_a_clear_message(self):
        joined = ", ".join([BACKSLASHES] * 8)  # what WSGI makes of eight Cookie headers
        for cookie in (joined, BACKSLASHES, "a=" + "x" * 9000, 'a="' + "\\" * 100 + '"'):
            with self.subTest(length=len(cookie)):
                # Parsing is what is slow (quadratic): the guard refuses before anything parses.
                with mock.patch.object(wsgi, "parse_cookie", wraps=wsgi.parse_cookie) as parse:
                    response = self.client.get("/healthz/", HTTP_COOKIE=cookie)
                parse.assert_not_called()
                self.assertEqual(response.status_code, 400)
                self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
                self.assertContains(response, "the Cookie header is too large or malformed", status_code=400)

    def test_ordinary_cookies_pass(self):
        response = self.client.get("/healthz/", HTTP_COOKIE="sessionid=abc123; csrftoken=" + "x" * 64)
        self.assertContains(response, "ok")
        with mock.patch.object(wsgi, "parse_cookie", wraps=wsgi.parse_cookie) as parse:
            self.client.get("/healthz/", HTTP_COOKIE="sessionid=abc123")
        parse.assert_called_with("sessionid=abc123")  # the spy above sees the parser when it runs


class CookieGuardUnderGunicornTests(SimpleTestCase):
    """The attack as it arrives at the container: repeated Cookie headers over a real socket."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.port = free_port()
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
        cls.server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{cls.port}",
                "--workers",
                "1",
                "--threads",
                "2",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_listening(cls.port)
        raw_get(cls.port, "/healthz/", [])  # the worker has loaded the app before the tests ask

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=10)
        super().tearDownClass()

    def test_eight_cookie_headers_of_backslashes_get_a_400_and_the_worker_stays_free(self):
        # The guard's own 400 (not a dropped connection), then the next visitor is served.
        status, body = raw_get(self.port, "/healthz/", [("Cookie", BACKSLASHES)] * 8, timeout=30)
        self.assertEqual(status, "HTTP/1.1 400 Bad Request")
        self.assertIn("the Cookie header is too large or malformed", body)
        status, body = raw_get(self.port, "/healthz/", [("Cookie", "sessionid=abc123")], timeout=30)
        self.assertEqual((status, body), ("HTTP/1.1 200 OK", "ok"))


class ContainerPythonTests(SimpleTestCase):
    def test_the_image_runs_a_python_with_the_cookie_parser_fixed(self):
        # CVE-2024-7592 is fixed in 3.11.10; the image must not go back below it.
        dockerfile = (ROOT / "Dockerfile").read_text()
        image = next(line for line in dockerfile.splitlines() if line.startswith("ARG PYTHON_IMAGE="))
        version = image.split(":", 1)[1].split("-", 1)[0]
        self.assertGreaterEqual(tuple(int(part) for part in version.split(".")), (3, 11, 10), image)
        self.assertEqual(dockerfile.count("FROM ${PYTHON_IMAGE}"), 2)
