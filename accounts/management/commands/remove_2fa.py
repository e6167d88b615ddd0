from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.two_factor import is_required_for, remove_devices


class Command(BaseCommand):
    help = (
        "Remove a user's two-factor sign-in (authenticator app and recovery codes), for a person "
        "who lost both. They sign in with their password and, if two-factor is required for "
        "them, set it up again at once."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user named '{username}'.") from None
        removed = remove_devices(user)
        if not removed:
            self.stdout.write(f"'{username}' had no two-factor sign-in; nothing changed.")
            return
        then = "must set it up again at next sign-in" if is_required_for(user) else "signs in with the password only"
        self.stdout.write(self.style.SUCCESS(f"Removed two-factor sign-in for '{username}'; they {then}."))
