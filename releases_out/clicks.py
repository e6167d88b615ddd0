"""Click counts for a send, when its moderator asks for them: the email's links to the story
and its PDF go through /releases/click/<token>/, which counts the click on that send's link
and redirects. No tracking pixel, and nothing about the reader: the token names the send and
the link (a SendLink row), never the delivery, so every reader of one send and language gets
the same address and a click cannot be tied to a person.

The view redirects only to a link recorded for that send (the signed token's link must belong
to the signed send, on the site that answers): a changed token, or one of another send or
site, is a 404, never a redirect elsewhere."""

from django.urls import reverse
from django.utils import translation

from releases_out.models import SendLink
from releases_out.tokens import read_signed_ids, sign_ids

SALT = "releases_out.click"
# Browsers' and mail clients' prefetches say so; they are no reader's click.
PREFETCH_HEADERS = (("HTTP_SEC_PURPOSE", "prefetch"), ("HTTP_PURPOSE", "prefetch"), ("HTTP_X_MOZ", "prefetch"))


def click_token(link):
    return sign_ids(SALT, s=link.send_id, l=link.pk)


def read_click_token(token):
    """(send id, link id), or None for anything we did not sign."""
    return read_signed_ids(token, SALT, "s", "l")


def counted_urls(send, room, language, links):
    """``links`` ({kind: url}, empty urls left out) as the email carries them: unchanged when
    the send does not count clicks, else each through its counting redirect on the room's site.
    Records the send's links (once per send and url; the sender builds this once per batch)."""
    links = {kind: url for kind, url in links.items() if url}
    if not send.count_clicks or not links:
        return links
    SendLink.objects.bulk_create(
        [SendLink(send=send, kind=kind, url=url) for kind, url in links.items()], ignore_conflicts=True
    )
    recorded = {link.url: link for link in SendLink.objects.filter(send=send, url__in=links.values())}
    with translation.override(language):
        return {
            kind: room.absolute(reverse("releases_out:click", args=[click_token(recorded[url])]))
            for kind, url in links.items()
        }


def is_prefetch(request):
    return any(request.META.get(header, "").lower() == value for header, value in PREFETCH_HEADERS)
