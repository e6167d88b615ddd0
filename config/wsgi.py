import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# Only the web process limits how long one SQL statement may run (DATABASE_STATEMENT_TIMEOUT).
from resilience.db import limit_web_statements  # noqa: E402  (needs the app registry ready)

limit_web_statements()
