"""Send every email alert that is due, in batches, nothing twice (see alerts/sending.py).

The scheduler (`run_scheduler`) runs it every minute; `send_alerts` alone sends what is due
now and exits, for a cron job or a one-off."""

from django.core.management.base import BaseCommand, CommandError

from alerts.sending import MailServerDown, send_due


class Command(BaseCommand):
    help = "Send the email alerts that are due (in batches; nothing twice)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=None, help="Alerts per batch (ALERTS_BATCH_SIZE).")
        parser.add_argument("--max-batches", type=int, default=None, help="Stop after this many batches.")

    def handle(self, *args, batch_size, max_batches, **options):
        try:
            done = send_due(batch_size=batch_size, max_batches=max_batches)
        except MailServerDown as error:
            raise CommandError(f"The mail server did not answer ({error}); the alerts stay due.") from error
        if any(done.values()) and options["verbosity"] > 0:
            self.stdout.write(", ".join(f"{count} {state}" for state, count in done.items() if count))
