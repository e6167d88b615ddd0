"""Downloads one media file from the old WordPress site, refusing what could hurt us.

An export names the addresses to fetch, so whoever wrote it chooses them: a link to the cloud's
metadata service, to the database on the private network or to a 10 GB file must fail, not be
followed. Every address (and every redirect's) is resolved once, refused if any of its addresses
is private, loopback, link-local or otherwise not public, and then that very address is
connected to, so a second DNS answer cannot point elsewhere. Time, size, redirects and the
content type are bounded."""

import http.client
import ipaddress
import socket
import ssl
import tempfile
import time
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.template.defaultfilters import filesizeformat

TIMEOUT = 10  # seconds for connecting and for each read (setting WORDPRESS_FETCH_TIMEOUT)
DEADLINE = 60  # seconds for a whole download, however slowly the bytes arrive
MAX_REDIRECTS = 3
CHUNK = 64 * 1024


class FetchError(Exception):
    """Why the file could not be had, in a few words for the report."""


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, ip, timeout):
        super().__init__(host, port, timeout=timeout)
        self.pinned_ip = ip

    def connect(self):
        self.sock = socket.create_connection((self.pinned_ip, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, ip, timeout):
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self.pinned_ip = ip

    def connect(self):
        sock = socket.create_connection((self.pinned_ip, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)


def allow_loopback():
    """Tests serve files from 127.0.0.1; nothing else should ever fetch from this machine."""
    return getattr(settings, "WORDPRESS_FETCH_ALLOW_LOOPBACK", False)


def _address(host, port):
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"{host} does not resolve") from None
    addresses = [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]
    for address in addresses:
        if not (address.is_global or (address.is_loopback and allow_loopback())):
            raise FetchError(f"{host} is a private or local address ({address}): refused")
    return str(addresses[0])


def fetch(url, max_bytes, accept):
    """The file at ``url`` as (temporary file, content type). ``accept(content_type)`` says
    whether the type is wanted. Raises FetchError."""
    for _redirect in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("not an http(s) address")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        connection_class = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
        timeout = getattr(settings, "WORDPRESS_FETCH_TIMEOUT", TIMEOUT)
        connection = connection_class(parts.hostname, port, _address(parts.hostname, port), timeout)
        try:
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            connection.request("GET", path, headers={"User-Agent": "pressroom-wordpress-import"})
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                continue
            if response.status != 200:
                raise FetchError(f"the server answered {response.status}")
            content_type = (response.getheader("Content-Type") or "").split(";", 1)[0].strip().lower()
            if not accept(content_type):
                raise FetchError(f"unexpected content type {content_type or 'none'}")
            return _read(response, max_bytes), content_type
        except TimeoutError:
            raise FetchError("no answer in time") from None
        except (OSError, http.client.HTTPException) as error:
            raise FetchError(f"download failed ({type(error).__name__})") from None
        finally:
            connection.close()
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")


def _size(n):
    return filesizeformat(n).replace("\xa0", " ")


def _read(response, max_bytes):
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise FetchError(f"larger than {_size(max_bytes)}")
    started = time.monotonic()
    out = tempfile.TemporaryFile()  # noqa: SIM115 (handed to the caller, who closes it)
    size = 0
    while chunk := response.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            out.close()
            raise FetchError(f"larger than {_size(max_bytes)}")
        if time.monotonic() - started > DEADLINE:
            out.close()
            raise FetchError(f"took longer than {DEADLINE} s")
        out.write(chunk)
    out.seek(0)
    return out
