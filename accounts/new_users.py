"""Creating accounts from a management command (``ensure_admin``, ``demo_users``): the password
comes from an environment variable or is generated and shown once, and must pass the same
validators as the admin's password forms before anybody is created."""

import os
import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError


def password_from_environment(variable):
    """(password, generated): the one in ``variable``, else a new random one."""
    chosen = os.environ.get(variable)
    return (chosen, False) if chosen else (secrets.token_urlsafe(12), True)


def refuse_unless_valid(password, user, variable, whom=""):
    """A CommandError, before anybody is created, when the validators refuse ``password`` for
    ``user`` (an unsaved user with the name and email it will have)."""
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        raise CommandError(
            f"{variable} is refused{whom}, no user was created: "
            + " ".join(error.messages)
            + f" Choose a longer, less common one, or unset {variable} to have one generated."
        ) from None


def report_created(command, created, variable, password, generated):
    """Say who was created; a generated password is shown this once."""
    if generated:
        command.stdout.write(
            command.style.WARNING(
                f"Created {created} with password: {password}\n"
                f"It is shown this once; set {variable} to choose your own."
            )
        )
    else:
        command.stdout.write(f"Created {created} with the password from {variable}.")
