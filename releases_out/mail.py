"""The release email: one message per recipient (their address alone in To), a text part and
an HTML part, "Embargoed until …" at the top of an embargoed send with the recipient's personal
embargoed preview link, the release as text, the media contacts, the links to the story, and
RFC 8058 one-click unsubscribing (List-Unsubscribe with an https URL and a mailto, and
List-Unsubscribe-Post). A send that counts clicks links the story and its PDF through its
counting redirect (clicks.py). The sender and branding are the press room's (alerts.mail.RoomMail)."""

import json
from email.utils import formataddr, parseaddr
from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.defaultfilters import date as format_date
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from alerts.mail import RoomMail, one_line
from releases_out.clicks import counted_urls
from releases_out.content import release_content
from releases_out.models import Send
from releases_out.tokens import unsubscribe_token

EMBARGO_TIME_FORMAT = "j M Y, g:i A T"


def _language(code):
    codes = dict(settings.LANGUAGES)
    code = (code or "").lower()
    return code if code in codes else settings.LANGUAGE_CODE


def story_for(send, language):
    """The story in ``language`` where a translation exists (live, or for an embargoed send its
    latest draft), else the story itself, as the send's readers get it."""
    story = send.story.specific
    embargoed = send.when == Send.When.EMBARGO and not story.live
    if story.locale.language_code != language:
        locale = Locale.objects.filter(language_code=language).first()
        translated = story.get_translation_or_none(locale) if locale else None
        if translated is not None and (translated.live or embargoed):
            story = translated.specific
    if embargoed or not story.live:
        story = story.get_latest_revision_as_object()
    return story


class SendMail:
    """What every message of one send in one language shares (built once per batch)."""

    def __init__(self, send, language):
        self.send = send
        self.language = language
        self.story = story_for(send, language)
        self.room = RoomMail(send.story.get_parent().specific)
        self.embargoed = send.when == Send.When.EMBARGO and not send.story.live
        with translation.override(language):
            self.content = release_content(self.story)
            self.story_url = send.story.get_full_url() if not self.embargoed else ""
            if self.story.pk != send.story.pk and self.story.live:
                self.story_url = self.story.get_full_url()
            self.embargo_text = ""
            if self.embargoed and send.embargoed_until:
                when = timezone.localtime(send.embargoed_until)
                self.embargo_text = format_date(when, EMBARGO_TIME_FORMAT)
        # The release PDF (storymedia) sits under the story's address once it is live. With
        # click counts on, both go through the send's counting redirect (never the embargo or
        # unsubscribe links, which are personal).
        pdf_url = f"{self.story_url}release.pdf" if self.story_url else ""
        links = counted_urls(send, self.room, language, {"story": self.story_url, "pdf": pdf_url})
        self.story_link, self.pdf_link = links.get("story", ""), links.get("pdf", "")

    @property
    def from_email(self):
        address = settings.RELEASES_FROM_EMAIL or parseaddr(self.room.from_email)[1]
        return formataddr((one_line(self.room.branding.display_name, 80), parseaddr(address)[1]))

    def unsubscribe_urls(self, delivery):
        token = unsubscribe_token(delivery)
        with translation.override(self.language):
            https = self.room.absolute(reverse("releases_out:unsubscribe", args=[token]))
        mailbox = settings.RELEASES_UNSUBSCRIBE_MAILTO or parseaddr(self.from_email)[1]
        mailto = f"mailto:{mailbox}?subject={quote('unsubscribe ' + token)}"
        return https, mailto

    def message(self, delivery):
        https, mailto = self.unsubscribe_urls(delivery)
        embargo_url = delivery.embargo_link.get_full_url() if (self.embargoed and delivery.embargo_link) else ""
        with translation.override(self.language):
            context = self.room.context(
                story=self.story,
                content=self.content,
                story_url=self.story_link,
                pdf_url=self.pdf_link,
                embargo_text=self.embargo_text,
                embargo_url=embargo_url,
                unsubscribe_url=https,
                email=delivery.email,
                language=self.language,
            )
            subject = self.story.title
            if self.embargo_text:
                subject = translation.gettext("EMBARGOED until %(time)s: %(title)s") % {
                    "time": self.embargo_text,
                    "title": self.story.title,
                }
            text = render_to_string("releases_out/email/release.txt", context)
            markup = render_to_string("releases_out/email/release.html", context)
        headers = {
            "List-Unsubscribe": f"<{https}>, <{mailto}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<releases-{self.send.site_id}.{self.room.site.hostname}>",
            "Precedence": "bulk",
        }
        if settings.RELEASES_WEBHOOK_PROVIDER == "mailgun":
            # Mailgun returns these in its webhooks: the bounce names its delivery.
            headers["X-Mailgun-Variables"] = json.dumps({"delivery": str(delivery.pk)})
        message = EmailMultiAlternatives(
            subject=one_line(subject, 250),
            body=text,
            from_email=self.from_email,
            to=[one_line(delivery.email, 254)],
            headers=headers,
        )
        message.attach_alternative(markup, "text/html")
        # django-anymail's backends pass these to the provider, whose webhooks return them.
        message.metadata = {"delivery": str(delivery.pk)}
        return message
