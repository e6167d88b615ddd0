"""The signed links in the emails: confirm a subscription, unsubscribe. Signed with the
SECRET_KEY (django.core.signing) and timestamped, so they need no sign-in, cannot be forged or
altered, and expire (ALERTS_CONFIRM_MAX_AGE, ALERTS_UNSUBSCRIBE_MAX_AGE).

A link names its subscription by id only: links land in proxy logs and browser history, and
the signed part of a token is readable (base64 JSON), so the address is never in it. Links of
the first format (which carried the address, key "e") are refused as bad links."""

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "alerts.confirm"
UNSUBSCRIBE_SALT = "alerts.unsubscribe"
# Longer than any token we make; anything longer is refused before it is unsigned.
MAX_TOKEN_LENGTH = 300


class BadLink(Exception):
    """The link was altered, cut, or made by someone else."""


class ExpiredLink(Exception):
    """The link was ours, but is older than its maximum age."""


def confirm_token(subscription, category_ids, topic_ids):
    """The filters asked for travel in the link and take effect only when it is followed:
    a stranger who signs up someone else's address cannot change what they receive."""
    payload = {"id": subscription.pk, "c": sorted(category_ids), "t": sorted(topic_ids)}
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(payload, compress=True)


def unsubscribe_token(subscription):
    return signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).sign_object({"id": subscription.pk})


def read_confirm_token(token):
    return _read(token, CONFIRM_SALT, settings.ALERTS_CONFIRM_MAX_AGE)


def read_unsubscribe_token(token):
    return _read(token, UNSUBSCRIBE_SALT, settings.ALERTS_UNSUBSCRIBE_MAX_AGE)


def _read(token, salt, max_age):
    if not token or len(token) > MAX_TOKEN_LENGTH or not token.isascii():
        raise BadLink
    try:
        payload = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredLink from error
    except (signing.BadSignature, ValueError, UnicodeDecodeError) as error:
        raise BadLink from error
    if not isinstance(payload, dict) or not isinstance(payload.get("id"), int) or "e" in payload:
        raise BadLink
    return payload
