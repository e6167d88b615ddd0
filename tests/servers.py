"""Helpers for tests that start a real server in a subprocess (gunicorn, moto, redis-server),
and bounded waits for what such a server does: never a bare sleep, never an endless loop."""

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
from django.conf import settings as django_settings


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


def accepts_connections(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
    except OSError:
        return False
    return True


def wait_until_listening(port, timeout=30):
    """Return once something accepts connections on the port; fail the test run if nothing does."""
    wait_until(lambda: accepts_connections(port), f"nothing answered on 127.0.0.1:{port}", timeout, 0.2)


class MotoS3Server:
    """An S3-compatible server on 127.0.0.1 (moto in server mode, as `make stack` runs it),
    with one bucket that anyone may read, as the media bucket visitors' browsers load from."""

    def __init__(self, bucket="press-media"):
        self.bucket = bucket
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        moto = str(Path(sys.executable).parent / "moto_server")
        self.process = subprocess.Popen(
            [moto, "-H", "127.0.0.1", "-p", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_until_listening(self.port, timeout=20)
        self.client().create_bucket(Bucket=self.bucket)
        public_read = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{self.bucket}/*",
                }
            ],
        }
        self.client().put_bucket_policy(Bucket=self.bucket, Policy=json.dumps(public_read))
        return self

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    def settings(self):
        """Django settings that put the media in this bucket, as config.settings.base does."""
        return {
            "STORAGES": {**django_settings.STORAGES, "default": {"BACKEND": "uploads.storage.MediaStorage"}},
            "AWS_STORAGE_BUCKET_NAME": self.bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_S3_FILE_OVERWRITE": False,
            "AWS_DEFAULT_ACL": None,
            "AWS_QUERYSTRING_AUTH": False,
        }

    def keys(self, prefix=""):
        listing = self.client().list_objects_v2(Bucket=self.bucket, Prefix=prefix)
        return [item["Key"] for item in listing.get("Contents", [])]

    def read(self, key):
        return self.client().get_object(Bucket=self.bucket, Key=key)["Body"].read()
