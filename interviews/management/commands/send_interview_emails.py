"""Sends the interview-request emails that are due (``interviews.sending``); ``run_scheduler``
runs it every minute. A mail server that is down leaves them due for the next run."""

from django.core.management.base import BaseCommand, CommandError

from interviews.sending import MailServerDown, send_due


class Command(BaseCommand):
    help = "Send the interview-request emails that are due (to the on-call contact and the journalist)."

    def handle(self, *args, **options):
        try:
            done = send_due()
        except MailServerDown as error:
            raise CommandError(f"Mail server unavailable; the emails stay due for the next run: {error}") from error
        if options["verbosity"] and any(done.values()):
            self.stdout.write(
                f"Interview emails: {done['sent']} sent, {done['retry']} to retry, {done['failed']} failed."
            )
