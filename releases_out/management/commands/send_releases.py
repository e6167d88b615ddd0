"""Send the releases that are due to media lists (releases_out/sending.py), at most
RELEASES_SEND_RATE messages a run. The scheduler (`run_scheduler`) runs it every minute."""

from django.core.management.base import BaseCommand, CommandError

from releases_out.sending import MailServerDown, send_due, waiting


class Command(BaseCommand):
    help = "Send the releases due to media lists (in batches, at most RELEASES_SEND_RATE a run; nothing twice)."

    def add_arguments(self, parser):
        parser.add_argument("--rate", type=int, default=None, help="Messages this run (RELEASES_SEND_RATE).")
        parser.add_argument("--batch-size", type=int, default=None, help="Messages per batch (RELEASES_BATCH_SIZE).")
        parser.add_argument("--max-batches", type=int, default=None, help="Stop after this many batches.")

    def handle(self, *args, rate, batch_size, max_batches, **options):
        try:
            done = send_due(rate=rate, batch_size=batch_size, max_batches=max_batches)
        except MailServerDown as error:
            raise CommandError(f"The mail server did not answer ({error}); the releases stay due.") from error
        if options["verbosity"] > 0:
            parts = [f"{done['sent']} sent", f"{waiting()} waiting"]
            extra = {
                "failed": done["failed"],
                "skipped": done["skipped"],
                "interrupted (not retried)": done["interrupted"],
            }
            parts += [f"{count} {label}" for label, count in extra.items() if count]
            self.stdout.write("Releases: " + ", ".join(parts) + ".")
