"""python manage.py run_wordpress_imports: the admin's queued WordPress imports, then exit."""

from django.core.management.base import BaseCommand

from wordpress.background import run_queued


class Command(BaseCommand):
    help = (
        "Run the WordPress imports queued in the admin (dry runs of large exports, and imports), "
        "oldest first, then exit. run_scheduler calls it every minute."
    )

    def handle(self, **options):
        done = run_queued()
        if done and options["verbosity"] > 0:
            self.stdout.write(f"{done} WordPress import run(s) done.")
