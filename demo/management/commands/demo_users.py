from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from accounts.new_users import password_from_environment, refuse_unless_valid, report_created
from teams.setup import ensure_all_teams

# (user name, site hostname prefix, role, full name)
DEMO_USERS = [
    ("cipc-editor", "cipc", "editors", "Casey Editor"),
    ("cipc-moderator", "cipc", "moderators", "Morgan Moderator"),
    ("iceout-editor", "iceout", "editors", "Eli Editor"),
    ("iceout-moderator", "iceout", "moderators", "Mo Moderator"),
    ("example-editor", "example", "editors", "Avery Editor"),
    ("example-moderator", "example", "moderators", "Sasha Moderator"),
]


class Command(BaseCommand):
    help = (
        "Create a demo editor and moderator for each demo site. Password from DEMO_USER_PASSWORD; "
        "without it one is generated and printed once, when the users are created."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        teams = {team.site.root_page.slug: team for team in ensure_all_teams()}
        password, generated = password_from_environment("DEMO_USER_PASSWORD")
        self.check_password_for_everyone(password)
        created = []
        for username, site_slug, role, full_name in DEMO_USERS:
            team = teams.get(site_slug)
            if team is None or User.objects.filter(username=username).exists():
                continue
            first, last = full_name.split()
            user = User.objects.create_user(
                username=username,
                email=f"{username}@example.org",
                password=password,
                first_name=first,
                last_name=last,
            )
            user.groups.add(getattr(team, role))
            created.append(f"{username} ({getattr(team, role).name})")
        if not created:
            self.stdout.write("Demo users exist; their passwords are unchanged.")
        else:
            report_created(self, "demo users " + ", ".join(created), "DEMO_USER_PASSWORD", password, generated)

    def check_password_for_everyone(self, password):
        """Refuse, before creating anyone, a password the validators refuse for any demo user."""
        User = get_user_model()
        for username, _, _, full_name in DEMO_USERS:
            first, last = full_name.split()
            candidate = User(username=username, email=f"{username}@example.org", first_name=first, last_name=last)
            refuse_unless_valid(password, candidate, "DEMO_USER_PASSWORD", whom=f" for {username}")
