"""Publish what is due, every minute: stories whose "go live at" time has come, and unpublish
those whose "expire at" time has passed (Wagtail's `publish_scheduled`); unpin the stories
whose pin has run out (`unpin_expired`); purge the pages still showing a media advisory whose
event has ended (`purge_ended_advisories`); then send the email
alerts that are due (`send_alerts`, which includes those of the stories just published), the
interview-request emails (`send_interview_emails`) and the releases due to media lists
(`send_releases`, those waiting for a story's go-live included); and
start the WordPress imports queued in the admin (`run_wordpress_imports`), in a thread of its
own so that a long import never holds up the next minute's publishing.

`make run` starts it beside the development server. In production it is a second process
(or container) from the same image: `python manage.py run_scheduler`. It stops on SIGTERM or
SIGINT, and when the process that started it has gone (so a stopped `make run` leaves
nothing behind).
"""

import logging
import os
import signal
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run publish_scheduled, unpin_expired, purge_ended_advisories, then send_alerts, send_interview_emails "
        "and send_releases, every minute (or every --interval seconds) until stopped, and start the WordPress "
        "imports queued in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60, help="Seconds between runs. Default: 60.")
        parser.add_argument("--once", action="store_true", help="Publish what is due now, then exit.")

    def handle(self, *args, interval, once, **options):
        self.imports = None
        if once:
            self.publish_due()
            self.run_command("run_wordpress_imports")
            return
        self.stopping = False
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        parent = os.getppid()
        self.stdout.write(f"Publishing scheduled stories every {interval} s.")
        while not self.stopping:
            # Long-lived: drop connections the database has closed since the last run.
            close_old_connections()
            self.publish_due()
            self.start_imports()
            deadline = time.monotonic() + interval
            while time.monotonic() < deadline and not self.stopping:
                if os.getppid() != parent:  # whoever started us has exited
                    return
                time.sleep(1)

    def stop(self, signum, frame):
        self.stopping = True

    def publish_due(self):
        # By name: the commands' apps are not imported here (core depends on no app of ours).
        due = ("publish_scheduled", "unpin_expired", "purge_ended_advisories")
        for command in (*due, "send_alerts", "send_interview_emails", "send_releases"):
            self.run_command(command)

    def run_command(self, command):
        try:
            call_command(command)
        except Exception:
            # One failed run (a database restart, a mail server down) must not stop the
            # next one, nor the other commands.
            logger.exception("%s failed; trying again at the next run", command)

    def start_imports(self):
        if self.imports is not None and self.imports.is_alive():
            return  # the last minute's imports are still running
        self.imports = threading.Thread(target=self._imports, name="wordpress-imports", daemon=True)
        self.imports.start()

    def _imports(self):
        try:
            self.run_command("run_wordpress_imports")
        finally:
            connections.close_all()  # this thread's own connections
