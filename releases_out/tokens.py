"""The signed token in a release's unsubscribe links (List-Unsubscribe and the footer link):
it names one delivery, by id only (tokens land in logs; the address is never in them)."""

from django.core import signing

SALT = "releases_out.unsubscribe"
MAX_TOKEN_LENGTH = 200


def unsubscribe_token(delivery):
    return signing.Signer(salt=SALT).sign_object({"d": delivery.pk})


def read_unsubscribe_token(token):
    """The delivery id, or None for anything we did not sign."""
    if not token or len(token) > MAX_TOKEN_LENGTH or not token.isascii():
        return None
    try:
        payload = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("d"), int):
        return None
    return payload["d"]
