import os

from django.core.management.base import BaseCommand

from demo.loader import DemoLoader


class Command(BaseCommand):
    help = (
        "Create the demo sites: CIPC and ICE Out of California with the seed's 13 stories, and the "
        "fictional Example Immigrant Rights Network's sample site. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cipc-hostname", default=os.environ.get("DEMO_CIPC_HOSTNAME", "localhost"))
        parser.add_argument(
            "--coalition-hostname",
            default=os.environ.get("DEMO_COALITION_HOSTNAME", "iceout.localhost"),
        )
        parser.add_argument(
            "--example-hostname",
            default=os.environ.get("DEMO_EXAMPLE_HOSTNAME", "example.localhost"),
            help="Hostname of the fictional sample site.",
        )
        parser.add_argument("--port", type=int, default=int(os.environ.get("DEMO_PORT", "8000")))

    def handle(self, *args, **options):
        loader = DemoLoader(
            cipc_hostname=options["cipc_hostname"],
            coalition_hostname=options["coalition_hostname"],
            example_hostname=options["example_hostname"],
            port=options["port"],
        )
        self.stdout.write(str(loader.load()))
