"""A time limit on the SQL that web requests run, so one slow query cannot hold a worker."""

import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError
from django.db.backends.signals import connection_created

# PostgreSQL's own syntax: a number of milliseconds, or with a unit ("5s", "500ms", "1min").
TIMEOUT_PATTERN = re.compile(r"\d+\s*(ms|s|min)?")
QUERY_CANCELED = "57014"  # SQLSTATE for a statement cancelled by statement_timeout


def _set_statement_timeout(sender, connection, **kwargs):
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('statement_timeout', %s, false)", [settings.DATABASE_STATEMENT_TIMEOUT])


def limit_web_statements():
    """Give every database connection this process opens from now on a statement_timeout.

    Called from config/wsgi.py only: migrations, management commands and the scheduler keep
    PostgreSQL's default (no limit), so long jobs are never cut short."""
    if not TIMEOUT_PATTERN.fullmatch(str(settings.DATABASE_STATEMENT_TIMEOUT)):
        raise ImproperlyConfigured(
            "DATABASE_STATEMENT_TIMEOUT must look like 5s, 500ms or 5000 (milliseconds); 0 means no limit."
        )
    connection_created.connect(_set_statement_timeout, dispatch_uid="resilience.db.statement_timeout")


def stop_limiting_web_statements():
    connection_created.disconnect(dispatch_uid="resilience.db.statement_timeout")


def is_statement_timeout(error):
    """Whether ``error`` (or what caused it) is PostgreSQL cancelling a query that ran too long."""
    while error is not None:
        if getattr(error, "sqlstate", None) == QUERY_CANCELED or getattr(error, "pgcode", None) == QUERY_CANCELED:
            return True
        error = error.__cause__ if isinstance(error, DatabaseError) else None
    return False
