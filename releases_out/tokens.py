"""The signed tokens in a release's links. The unsubscribe links (List-Unsubscribe and the
footer link) name one delivery, by id only (tokens land in logs; the address is never in
them); the click links (``releases_out.clicks``) name a send and one of its links."""

from django.core import signing

SALT = "releases_out.unsubscribe"
MAX_TOKEN_LENGTH = 200


def sign_ids(salt, **ids):
    return signing.Signer(salt=salt).sign_object(ids)


def read_signed_ids(token, salt, *names):
    """The ids ``names`` a token signed with ``salt`` carries, in that order; None for anything
    we did not sign, or that lacks one of them."""
    if not token or len(token) > MAX_TOKEN_LENGTH or not token.isascii():
        return None
    try:
        payload = signing.Signer(salt=salt).unsign_object(token)
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(payload, dict):
        return None
    ids = tuple(payload.get(name) for name in names)
    return ids if all(isinstance(value, int) for value in ids) else None


def unsubscribe_token(delivery):
    return sign_ids(SALT, d=delivery.pk)


def read_unsubscribe_token(token):
    """The delivery id, or None for anything we did not sign."""
    ids = read_signed_ids(token, SALT, "d")
    return ids[0] if ids else None
