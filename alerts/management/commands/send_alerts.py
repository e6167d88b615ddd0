"""Send every email alert that is due, in batches, nothing twice (see alerts/sending.py).

The scheduler (`run_scheduler`) runs it every minute; `send_alerts` alone sends what is due
now and exits, for a cron job or a one-off, and says what it sent and what is still waiting."""

from django.core.management.base import BaseCommand, CommandError

from alerts.sending import MailServerDown, send_due, still_due


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
        if options["verbosity"] > 0:
            # Always a line, also when nothing was due: whoever runs it sees that it ran.
            self.stdout.write(summary(done, still_due()))


def summary(done, due):
    """'Alerts: 3 sent, 2 held, 1 waiting.', then what failed or was skipped, if anything."""
    parts = [f"{done['sent']} sent", f"{due['held']} held", f"{due['waiting']} waiting"]
    extra = {
        "failed": done["failed"],
        "skipped (unsubscribed first)": done["skipped"],
        "interrupted (not retried)": done["interrupted"],
    }
    parts += [f"{count} {label}" for label, count in extra.items() if count]
    return "Alerts: " + ", ".join(parts) + "."
