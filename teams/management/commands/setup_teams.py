from django.core.management.base import BaseCommand

from teams.setup import ensure_all_teams


class Command(BaseCommand):
    help = "Create or repair every site's editors' and moderators' groups, collections and permissions."

    def handle(self, *args, **options):
        for team in ensure_all_teams():
            self.stdout.write(f"{team.site}: '{team.editors}', '{team.moderators}', collection '{team.collection}'")
