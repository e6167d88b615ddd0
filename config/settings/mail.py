"""Email: the SMTP server, and the senders, limits and retries of what the press rooms send
(alerts, interview requests, advisory RSVPs, releases to media lists). Read from the
environment; imported by ``base``."""

import os

from .environment import env_bool

# --- The server ----------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # implicit TLS (port 465); not with EMAIL_USE_TLS
# Seconds an SMTP connection may hang before the send fails (and is retried later), instead
# of holding a web worker (confirmation emails) or the sender for ever.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "press-room@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Email alerts (alerts app) -----------------------------------------------------------
# Sender of alerts and confirmations, shown under the room's site name; empty: DEFAULT_FROM_EMAIL.
ALERTS_FROM_EMAIL = os.environ.get("ALERTS_FROM_EMAIL", "")
# How long the links in the emails work: confirming (3 days), unsubscribing (about 13 months).
ALERTS_CONFIRM_MAX_AGE = int(os.environ.get("ALERTS_CONFIRM_MAX_AGE", str(3 * 24 * 3600)))
ALERTS_UNSUBSCRIBE_MAX_AGE = int(os.environ.get("ALERTS_UNSUBSCRIBE_MAX_AGE", str(400 * 24 * 3600)))
# A repeat sign-up sends a new confirmation at most this often per address and room (seconds).
ALERTS_CONFIRM_RESEND_INTERVAL = int(os.environ.get("ALERTS_CONFIRM_RESEND_INTERVAL", "3600"))
# Sign-ups an hour from one client address, and for one email address; past them: 429.
ALERTS_SUBSCRIBE_LIMIT_PER_ADDRESS = int(os.environ.get("ALERTS_SUBSCRIBE_LIMIT_PER_ADDRESS", "20"))
ALERTS_SUBSCRIBE_LIMIT_PER_EMAIL = int(os.environ.get("ALERTS_SUBSCRIBE_LIMIT_PER_EMAIL", "5"))
# send_alerts: seconds a story's alerts wait after it goes live (a moderator's window to hold
# them; 0: the next run), alerts per SMTP connection, tries, seconds before a killed sender's fail.
ALERTS_SEND_DELAY = int(os.environ.get("ALERTS_SEND_DELAY", "0"))
ALERTS_BATCH_SIZE = int(os.environ.get("ALERTS_BATCH_SIZE", "100"))
ALERTS_MAX_ATTEMPTS = int(os.environ.get("ALERTS_MAX_ATTEMPTS", "3"))
ALERTS_CLAIM_TIMEOUT = int(os.environ.get("ALERTS_CLAIM_TIMEOUT", "900"))

# --- Interview requests, advisory RSVPs, releases sent to media lists ------------------
# Requests (RSVPs) an hour per client address and per email address, past them a 429; tries after
# "try later" answers (an unreachable server costs none); seconds until a killed sender's are due.
ADVISORY_RSVP_LIMIT_PER_ADDRESS = int(os.environ.get("ADVISORY_RSVP_LIMIT_PER_ADDRESS", "10"))
INTERVIEWS_LIMIT_PER_ADDRESS = int(os.environ.get("INTERVIEWS_LIMIT_PER_ADDRESS", "10"))
INTERVIEWS_LIMIT_PER_EMAIL = int(os.environ.get("INTERVIEWS_LIMIT_PER_EMAIL", "5"))
INTERVIEWS_MAX_ATTEMPTS = int(os.environ.get("INTERVIEWS_MAX_ATTEMPTS", "10"))
INTERVIEWS_CLAIM_TIMEOUT = int(os.environ.get("INTERVIEWS_CLAIM_TIMEOUT", "900"))
# Releases' sender (empty: ALERTS_FROM_EMAIL, then DEFAULT_FROM_EMAIL) and List-Unsubscribe
# mailto (empty: the sender, a mailbox someone reads); send_releases: messages per scheduler run
# (per minute), per SMTP connection, tries of a 4xx, seconds before a killed sender's claimed
# deliveries are due again (the one in flight is marked failed, never resent).
RELEASES_FROM_EMAIL = os.environ.get("RELEASES_FROM_EMAIL", "")
RELEASES_UNSUBSCRIBE_MAILTO = os.environ.get("RELEASES_UNSUBSCRIBE_MAILTO", "")
RELEASES_SEND_RATE = int(os.environ.get("RELEASES_SEND_RATE", "600"))
RELEASES_BATCH_SIZE = int(os.environ.get("RELEASES_BATCH_SIZE", "100"))
RELEASES_MAX_ATTEMPTS = int(os.environ.get("RELEASES_MAX_ATTEMPTS", "3"))
RELEASES_CLAIM_TIMEOUT = int(os.environ.get("RELEASES_CLAIM_TIMEOUT", "900"))
# Bounces and complaints by signed webhook (anymail): "mailgun", or empty (then a 404 there).
RELEASES_WEBHOOK_PROVIDER = os.environ.get("RELEASES_WEBHOOK_PROVIDER", "").strip().lower()
ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": os.environ.get("MAILGUN_WEBHOOK_SIGNING_KEY", "")}
