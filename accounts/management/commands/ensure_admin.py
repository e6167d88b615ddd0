import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from accounts.new_users import password_from_environment, refuse_unless_valid, report_created


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
        password, generated = password_from_environment("ADMIN_PASSWORD")
        email = os.environ.get("ADMIN_EMAIL", "")
        # The same rules as the admin's password forms: a superuser is the last account to
        # let through with "admin" as its password.
        refuse_unless_valid(password, User(username=username, email=email), "ADMIN_PASSWORD")
        User.objects.create_superuser(username=username, email=email, password=password)
        report_created(self, f"admin user '{username}'", "ADMIN_PASSWORD", password, generated)
