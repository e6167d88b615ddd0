"""Run Varnish 7 with the repository's VCL (deploy/varnish/default.vcl) in front of some app
servers: `make stack` runs it on :8080 before two gunicorns, the tests before their live
server. Only the backends differ; they are written to a backends.vcl the VCL includes."""

import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from harness import children

VCL_DIR = Path(__file__).resolve().parent.parent / "deploy" / "varnish"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def backends_vcl(addresses, probe_host="localhost"):
    """VCL for app servers at ``addresses`` [(host, port)], probed on GET /healthz/ with
    ``probe_host`` as Host (it must be in ALLOWED_HOSTS) and balanced round robin; and
    ``app_after_failure``, which sends a retried fetch to the server after the one that failed."""
    lines = [
        "probe healthz {",
        '    .request = "GET /healthz/ HTTP/1.1"',
        f'        "Host: {probe_host}"',
        '        "User-Agent: Varnish health probe"',
        '        "Connection: close";',
        "    .interval = 5s;",
        "    .timeout = 2s;",
        "    .window = 5;",
        "    .threshold = 3;",
        "    .initial = 3;",  # healthy from the start: we start Varnish after the app servers
        "}",
        "",
    ]
    for number, (host, port) in enumerate(addresses, 1):
        lines += [
            f"backend app{number} {{",
            f'    .host = "{host}";',
            f'    .port = "{port}";',
            "    .probe = healthz;",
            "    .connect_timeout = 2s;",
            "    .first_byte_timeout = 60s;",
            "}",
            "",
        ]
    lines += ["sub vcl_init {", "    new app = directors.round_robin();"]
    lines += [f"    app.add_backend(app{number});" for number in range(1, len(addresses) + 1)]
    lines += ["}", ""]
    # A fetch that failed on one app server is retried on the next one, not on whichever the
    # round robin gives (the same, dead one, half the time with two, until the probe notices).
    lines += ["sub app_after_failure {"]
    count = len(addresses)
    for number in range(1, count + 1):
        keyword = "if" if number == 1 else "} elsif"
        lines += [f'    {keyword} (var.get("failed_backend") == "app{number}") {{']
        lines += [f"        set bereq.backend = app{number % count + 1};"]
    lines += ["    }", "}", ""]
    return "\n".join(lines)


class Varnish:
    """varnishd in the foreground (-F) as a child process, with its working directory (-n)
    and generated backends.vcl in a temporary folder; ``stop()`` ends it and removes both."""

    def __init__(self, backends, *, port=None, host="127.0.0.1", storage="malloc,64m", probe_host="localhost"):
        self.backends = list(backends)
        self.host = host
        self.port = port or free_port()
        self.storage = storage
        self.probe_host = probe_host
        self.process = None
        self.folder = None

    @property
    def url(self):
        return f"http://{self.host}:{self.port}"

    def command(self):
        return [
            VARNISHD,
            "-F",
            "-n",
            str(self.folder / "work"),
            "-a",
            f"{self.host}:{self.port}",
            # Before -f: default.vcl is found in deploy/varnish/, the backends.vcl it includes
            # in our folder.
            "-p",
            f"vcl_path={self.folder / 'vcl'}:{VCL_DIR}",
            "-f",
            "default.vcl",
            "-s",
            self.storage,
            # No management port: nothing but this process drives it.
            "-T",
            "none",
        ]

    def start(self, timeout=60):
        if not Path(VARNISHD).exists():
            raise RuntimeError(f"{VARNISHD} is missing: install Debian's varnish and varnish-modules")
        self.folder = Path(tempfile.mkdtemp(prefix="pressroom-varnish-"))
        # Started as root, varnishd compiles the VCL as its own unprivileged user.
        self.folder.chmod(0o755)
        (self.folder / "vcl").mkdir()
        (self.folder / "vcl" / "backends.vcl").write_text(backends_vcl(self.backends, self.probe_host))
        self.log = open(self.folder / "varnishd.log", "wb")  # noqa: SIM115 (closed in stop())
        self.process = children.popen(self.command(), keeper=True, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = (self.folder / "varnishd.log").read_text(errors="replace")
                self.stop()
                raise RuntimeError(f"varnishd exited with {self.process.returncode}:\n{output}")
            if self._answers():
                return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"varnishd did not answer on {self.url} within {timeout} s")

    def _answers(self):
        try:
            with urllib.request.urlopen(f"{self.url}/healthz/", timeout=2) as response:  # noqa: S310
                return response.status == 200
        except OSError:
            return False

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.folder is not None:
            self.log.close()
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
