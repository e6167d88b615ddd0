"""`make stack`: the production shape on one machine, in the foreground; Ctrl-C stops it all.

PostgreSQL (database pressroom_stack, created, migrated and given the demo content once),
Redis (database 3), an S3 server (moto) holding the media, two gunicorns with the production
settings on :8001 and :8002, the scheduler, and Varnish on :8080 in front of both gunicorns.
The environment the app servers get is written to var/stack.env, so

    set -a; . var/stack.env; set +a; .venv/bin/python manage.py <command>

runs any management command against the running stack (and its purges reach its Varnish).

Every process it starts stops with it, however it is stopped (SIGTERM, SIGKILL, a crash): see
harness/children.py.

moto keeps objects in memory: the bucket is saved to var/stack-s3/ when the stack stops and
put back when it starts, so uploaded media survive a restart.
"""

import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from harness import children
from harness.varnish import Varnish

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
BIN = Path(sys.executable).parent
PYTHON = str(BIN / "python")

DATABASE_URL = os.environ.get("STACK_DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/pressroom_stack"
REDIS_URL = os.environ.get("STACK_REDIS_URL") or "redis://127.0.0.1:6379/3"
S3_ADDRESS = ("127.0.0.1", 9000)
BUCKET = "pressroom-media"
APP_ADDRESSES = [("127.0.0.1", 8001), ("127.0.0.1", 8002)]
VARNISH_PORT = 8080
ENV_FILE = VAR / "stack.env"
S3_SNAPSHOT = VAR / "stack-s3"


def say(message):
    print(f"[stack] {message}", flush=True)


class StackError(Exception):
    pass


def port_is_free(host, port):
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def wait_for(check, what, timeout=60, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise StackError(f"{what} exited with status {process.returncode} while starting")
        if check():
            return
        time.sleep(0.3)
    raise StackError(f"{what} did not come up within {timeout} s")


def answers(url, host="localhost"):
    try:
        request = urllib.request.Request(url, headers={"Host": host})  # noqa: S310 (loopback)
        with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310 (loopback)
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def secret_key():
    """Generated once per checkout into var/ (ignored by git), like make run's."""
    path = VAR / "stack-secret-key"
    if not path.exists():
        import secrets

        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


def stack_environment():
    s3_url = f"http://{S3_ADDRESS[0]}:{S3_ADDRESS[1]}"
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secret_key(),
        "ALLOWED_HOSTS": "localhost,.localhost,127.0.0.1",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        # Plain HTTP on loopback: no HTTPS redirect, HSTS or secure-only cookies.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_url,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "stack",
        "AWS_SECRET_ACCESS_KEY": "stack",
        "STATIC_ROOT": str(VAR / "stack-static"),
        "FRONTEND_CACHE_URLS": f"http://127.0.0.1:{VARNISH_PORT}",
        "WAGTAILADMIN_BASE_URL": f"http://localhost:{VARNISH_PORT}",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "INFO",
        "SAMPLE_CONTENT_NOTICE": "true",  # the stack serves the demo content
        # Varnish stands in front and appends the address it got each request from to
        # X-Forwarded-For: the rate limits (alert sign-ups, sign-in) count that, not Varnish.
        "TRUSTED_PROXY_COUNT": "1",
    }


def write_env_file(env):
    lines = ["# Written by `make stack`: the environment of its app servers. Use it with", ""]
    lines[0] += " `set -a; . var/stack.env; set +a`."
    lines += [f"{name}={shlex.quote(value)}" for name, value in env.items()]
    ENV_FILE.write_text("\n".join(lines) + "\n")
    ENV_FILE.chmod(0o600)  # it holds the secret key


def ensure_database():
    """Create the stack's database if missing; True when it was created just now."""
    import psycopg

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    try:
        with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as connection:
            if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                return False
            connection.execute(f'CREATE DATABASE "{name}"')  # the name comes from our own setting
            return True
    except psycopg.OperationalError as error:
        raise StackError(f"PostgreSQL at {parts.hostname}:{parts.port or 5432} does not answer: {error}") from error


def has_stories():
    import psycopg

    with psycopg.connect(DATABASE_URL, connect_timeout=5) as connection:
        return bool(connection.execute("SELECT EXISTS (SELECT 1 FROM press_storypage)").fetchone()[0])


def check_redis():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        raise StackError(f"Redis at {REDIS_URL} does not answer: {error}") from error


def s3_client(env):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=env["AWS_S3_ENDPOINT_URL"],
        region_name=env["AWS_S3_REGION_NAME"],
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
    )


def restore_media(env):
    client = s3_client(env)
    client.create_bucket(Bucket=BUCKET)
    # Visitors' browsers load media straight from the bucket, as from a public S3 bucket or CDN.
    public_read = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{BUCKET}/*"}
        ],
    }
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(public_read))
    files = [path for path in S3_SNAPSHOT.rglob("*") if path.is_file()] if S3_SNAPSHOT.exists() else []
    for path in files:
        client.upload_file(str(path), BUCKET, path.relative_to(S3_SNAPSHOT).as_posix())
    say(f"S3 bucket {BUCKET} ready ({len(files)} files put back from var/stack-s3/)")


def save_media(env):
    client = s3_client(env)
    saved = 0
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            target = S3_SNAPSHOT / item["Key"]
            target.parent.mkdir(parents=True, exist_ok=True)
            client.download_file(BUCKET, item["Key"], str(target))
            saved += 1
    say(f"saved {saved} media files to var/stack-s3/")


class Stack:
    def __init__(self):
        self.processes = []  # (name, Popen), in start order
        self.varnish = None
        self.env = None
        self.s3_up = False

    def spawn(self, name, command, env):
        # A session of its own: Ctrl-C reaches only us, and we stop everyone in order; and it
        # dies with us, however we die (harness/children.py).
        process = children.popen(command, cwd=ROOT, env=env)
        self.processes.append((name, process))
        return process

    def manage(self, *args, env):
        say("manage.py " + " ".join(args))
        children.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)

    def start(self):
        VAR.mkdir(exist_ok=True)
        ports = [S3_ADDRESS[1], *(port for _, port in APP_ADDRESSES), VARNISH_PORT]
        taken = [port for port in ports if not port_is_free("127.0.0.1", port)]
        if taken:
            raise StackError(f"ports already in use: {', '.join(map(str, taken))} (is another stack running?)")

        created = ensure_database()
        say(f"PostgreSQL: {DATABASE_URL} ({'created' if created else 'exists'})")
        check_redis()
        say(f"Redis: {REDIS_URL}")

        stack_env = stack_environment()
        write_env_file(stack_env)
        self.env = env = {**os.environ, **stack_env}

        self.spawn("moto_server", [str(BIN / "moto_server"), "-H", S3_ADDRESS[0], "-p", str(S3_ADDRESS[1])], env)
        wait_for(lambda: not port_is_free(*S3_ADDRESS), "moto_server", process=self.processes[-1][1])
        self.s3_up = True
        restore_media(env)

        # Set-up purges nothing: Varnish starts empty after it.
        setup_env = {name: value for name, value in env.items() if name != "FRONTEND_CACHE_URLS"}
        self.manage("migrate", "--noinput", env=setup_env)
        self.manage("collectstatic", "--noinput", "--verbosity", "0", env=setup_env)
        # The demo app (load_demo, demo_users) is installed in the relaxed settings only.
        demo_env = {**setup_env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
        if created or not has_stories():
            self.manage("load_demo", "--port", str(VARNISH_PORT), env=demo_env)
        self.manage("setup_teams", env=setup_env)
        self.manage("demo_users", env=demo_env)
        self.manage("ensure_admin", env=setup_env)

        for host, port in APP_ADDRESSES:
            gunicorn = [str(BIN / "gunicorn"), "config.wsgi:application", "-c", "gunicorn.conf.py"]
            self.spawn(f"gunicorn :{port}", [*gunicorn, "--bind", f"{host}:{port}"], env)
        for (host, port), (name, process) in zip(APP_ADDRESSES, self.processes[-2:], strict=True):
            wait_for(lambda h=host, p=port: answers(f"http://{h}:{p}/healthz/"), name, process=process)
        self.spawn("scheduler", [PYTHON, "manage.py", "run_scheduler"], env)

        self.varnish = Varnish(APP_ADDRESSES, port=VARNISH_PORT, storage="malloc,256m").start()
        say(f"Varnish on :{VARNISH_PORT} in front of :8001 and :8002")

        print(
            f"""
  CIPC press room          http://localhost:{VARNISH_PORT}/
  ICE Out of California    http://iceout.localhost:{VARNISH_PORT}/
  Wagtail admin (both)     http://localhost:{VARNISH_PORT}/admin/
  App servers              http://127.0.0.1:8001/  http://127.0.0.1:8002/  (no cache)
  S3 (moto)                http://127.0.0.1:{S3_ADDRESS[1]}/{BUCKET}/
  Environment              var/stack.env   (set -a; . var/stack.env; set +a; .venv/bin/python manage.py …)

  Ctrl-C stops everything.
""",
            flush=True,
        )

    def watch(self):
        """Until Ctrl-C. A part that stops is reported, and the rest keeps running: Varnish
        sends visitors to the app server that is left, and serves what it has if none is."""
        reported = set()
        while True:
            parts = [*self.processes, ("varnishd", self.varnish.process)]
            for name, process in parts:
                if process.poll() is not None and name not in reported:
                    reported.add(name)
                    say(f"{name} stopped (status {process.returncode}); the rest keeps running. Ctrl-C stops all.")
            time.sleep(1)

    def stop(self):
        if self.varnish is not None:
            self.varnish.stop()
        # The app servers and the scheduler together, S3 last: the bucket is saved before it goes.
        others = [(name, process) for name, process in self.processes if name != "moto_server"]
        for _, process in others:
            if process.poll() is None:
                process.terminate()
        for _, process in others:
            self.wait(process)
        for name, process in self.processes:
            if name == "moto_server":
                if self.s3_up:
                    try:
                        save_media(self.env)
                    except Exception as error:
                        say(f"could not save media from S3: {error}")
                process.terminate()
                self.wait(process)
        say("stopped")

    @staticmethod
    def wait(process):
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main():
    children.track("stack")  # stops what a killed earlier stack left (its S3 server on :9000…)
    stack = Stack()

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    status = 0
    try:
        stack.start()
        stack.watch()
    except KeyboardInterrupt:
        say("stopping…")
    except (StackError, subprocess.CalledProcessError) as error:
        say(f"error: {error}")
        status = 1
    finally:
        # Ctrl-C again must not leave half of it running.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        stack.stop()
    return status


if __name__ == "__main__":
    sys.exit(main())
