import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Make sure a superuser exists. Name and password from ADMIN_USERNAME / ADMIN_PASSWORD; "
        "without a password, one is generated and printed once, when the user is created."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("ADMIN_USERNAME", "admin")
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Admin user '{username}' exists; its password is unchanged.")
            return
        password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        email = os.environ.get("ADMIN_EMAIL", "")
        # The same rules as the admin's password forms: a superuser is the last account to
        # let through with "admin" as its password.
        try:
            validate_password(password, user=User(username=username, email=email))
        except ValidationError as error:
            raise CommandError(
                "ADMIN_PASSWORD is refused, no user was created: "
                + " ".join(error.messages)
                + " Choose a longer, less common one, or unset ADMIN_PASSWORD to have one generated."
            ) from None
        User.objects.create_superuser(username=username, email=email, password=password)
        if os.environ.get("ADMIN_PASSWORD"):
            self.stdout.write(f"Created admin user '{username}' with the password from ADMIN_PASSWORD.")
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Created admin user '{username}' with password: {password}\n"
                    "It is shown this once; set ADMIN_PASSWORD to choose your own."
                )
            )
