"""Times a release send to many media contacts: recording it (the send, one delivery each) and
handing every message to an SMTP server on 127.0.0.1 (aiosmtpd, in this process, keeping
nothing), and prints the process's peak memory.

    DATABASE_URL=postgres://… python -m harness.bench_releases [5000]

A throwaway site, releases-bench.localhost, holds the story, the list and its contacts
(fictional, example.org); it and everything sent from it are deleted at the end. The peak
memory is the whole process's (maximum resident set size): Django, the sender and the SMTP
server together."""

import argparse
import resource
import socket
import sys
import time

import harness.django_setup  # noqa: F401 (first: the imports below need Django set up)

# isort: split
from aiosmtpd.controller import Controller
from django.db import transaction
from django.test import override_settings
from wagtail.models import Page, Site

from core.models import Category
from core.tree import ensure_wagtail_roots
from medialists.models import MediaContact, MediaList
from press.models import PressIndexPage, StoryPage
from releases_out.models import Delivery, Send
from releases_out.queueing import record_send
from releases_out.sending import send_due

HOSTNAME = "releases-bench.localhost"


class CountingHandler:
    def __init__(self):
        self.messages = 0

    async def handle_DATA(self, server, session, envelope):
        self.messages += 1
        return "250 OK"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main(argv=None, stdout=sys.stdout):
    parser = argparse.ArgumentParser(description="Queue and send a release to N contacts; print times and memory.")
    parser.add_argument("contacts", nargs="?", type=int, default=5000)
    parser.add_argument("--batch-size", type=int, default=100)
    count = parser.parse_args(argv).contacts
    batch_size = parser.parse_args(argv).batch_size

    handler, port = CountingHandler(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    smtp = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port,
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
    }
    try:
        story, media_list = build(count)
        # DEBUG off, as in production: under the development settings Django would keep every query.
        with override_settings(**smtp, DEBUG=False):
            started = time.monotonic()
            send = record_send(story, story.get_site(), [media_list], Send.When.NOW, None)
            queued = time.monotonic() - started
            started = time.monotonic()
            done = send_due(rate=count, batch_size=batch_size)
            sent = time.monotonic() - started
        deliveries = send.deliveries.filter(state=Delivery.State.SENT).count()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        header = f"{'contacts':>8} {'queue s':>8} {'send s':>8} {'msgs/s':>8} {'received':>8} {'peak MB':>8}"
        print(header, file=stdout)
        print("-" * len(header), file=stdout)
        print(
            f"{count:>8} {queued:>8.2f} {sent:>8.2f} {deliveries / sent:>8.0f} {handler.messages:>8} {peak:>8.0f}",
            file=stdout,
        )
        if done["failed"] or deliveries != count:
            print(f"not all sent: {done}", file=stdout)
    finally:
        controller.stop()
        remove_site()


def build(count):
    remove_site()
    root = ensure_wagtail_roots()
    home = Page(title="Releases benchmark", slug="releases-bench")
    root.add_child(instance=home)
    site = Site.objects.create(hostname=HOSTNAME, port=80, root_page=home, site_name="Releases benchmark")
    room = home.add_child(instance=PressIndexPage(title="Press room", slug="press"))
    category, _ = Category.objects.get_or_create(slug="bench-release", defaults={"name": "Bench release"})
    story = StoryPage(
        title="Benchmark release",
        date="2026-01-01",
        category=category,
        summary="A release sent by the benchmark.",
        dateline="Sample City",
        body=[{"type": "paragraph", "value": "<p>" + "Sample release text. " * 60 + "</p>"}],
    )
    room.add_child(instance=story)
    story.save_revision().publish()
    media_list = MediaList.objects.create(site=site, name="Benchmark list")
    contacts = MediaContact.objects.bulk_create(
        [MediaContact(site=site, name=f"Sample Reporter {n}", email=f"reporter{n}@example.org") for n in range(count)],
        batch_size=2000,
    )
    media_list.contacts.add(*contacts)
    return StoryPage.objects.get(pk=story.pk), media_list


@transaction.atomic
def remove_site():
    site = Site.objects.filter(hostname=HOSTNAME).first()
    if site:
        root = site.root_page
        Send.objects.filter(site=site).delete()
        # The story first, while its room stands: deleting a room with its stories recounts
        # every room's facets, the one being deleted included.
        for story in StoryPage.objects.descendant_of(root):
            story.delete()
        site.delete()  # its contacts and lists go with it
        Page.objects.get(pk=root.pk).delete()
    Page.objects.filter(depth=2, slug="releases-bench").delete()


if __name__ == "__main__":
    main()
