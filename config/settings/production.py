"""Production: base settings plus the checks that refuse an unsafe start."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DATABASES, SECRET_KEY, require

require("SECRET_KEY", SECRET_KEY)
require("ALLOWED_HOSTS", ALLOWED_HOSTS)
require("DATABASE_URL", DATABASES.get("default"))
