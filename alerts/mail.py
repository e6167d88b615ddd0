"""The two emails this app sends: the confirmation request and the story alert.

Every header value passes through ``one_line``: a title, a site name or an address holding a
line break can never add a header (header injection). Django refuses such headers anyway
(BadHeaderError); cleaning first means a bad title costs a tidy subject, not a lost alert."""

import re
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from alerts.tokens import confirm_token, unsubscribe_token
from core.models import SiteBranding

EMAIL_LOGO_SPEC = "max-400x80|format-png"
LINE_BREAKS = re.compile(r"[\r\n\x00-\x1f\x7f\u2028\u2029\x85]+")


def one_line(text, limit=200):
    """``text`` with control characters and line breaks turned into single spaces, cut to ``limit``."""
    return LINE_BREAKS.sub(" ", str(text)).strip()[:limit]


class RoomMail:
    """What every email from one press room shares: its site's address, branding and sender."""

    def __init__(self, press_room):
        self.press_room = press_room
        self.site = press_room.get_site() or Site.objects.get(is_default_site=True)
        self.branding = SiteBranding.for_site(self.site)
        self.root_url = self.site.root_url

    def absolute(self, path):
        return f"{self.root_url}{path}"

    @property
    def from_email(self):
        """DEFAULT_FROM_EMAIL's address, under the room's site name ("ICE Out of California
        <press@…>"), so the reader sees who writes."""
        _name, address = parseaddr(settings.ALERTS_FROM_EMAIL or settings.DEFAULT_FROM_EMAIL)
        return formataddr((one_line(self.branding.display_name, 80), address))

    def logo_url(self):
        """A PNG of the email logo, else of the logo; never an SVG, which Gmail and Outlook do
        not show ("" then: the email prints the site's name)."""
        images = (self.branding.email_logo, self.branding.logo)
        image = next((image for image in images if image and not image.is_svg()), None)
        rendition = image.rendition_or_none(EMAIL_LOGO_SPEC) if image else None
        if rendition is None:
            return ""
        url = rendition.url
        return url if url.startswith(("http://", "https://")) else self.absolute(url)

    def context(self, **extra):
        return {
            "branding": self.branding,
            "site_name": self.branding.display_name,
            "logo_url": self.logo_url(),
            "press_room_url": self.absolute(self.press_room.get_url(current_site=self.site) or "/"),
            **extra,
        }

    def message(self, to, subject, template, context, headers=None, reply_to=None, folder="alerts/email"):
        """The email from ``folder``'s ``template``.txt and .html, from the room, to one address."""
        message = EmailMultiAlternatives(
            subject=one_line(subject),
            body=render_to_string(f"{folder}/{template}.txt", context),
            from_email=self.from_email,
            to=[one_line(to, 254)],
            reply_to=[one_line(reply_to, 254)] if reply_to else None,
            headers=headers or {},
        )
        message.attach_alternative(render_to_string(f"{folder}/{template}.html", context), "text/html")
        return message


def link_language(subscription):
    """The site language whose addresses the subscription's links use: its own ("es"), its
    base language for a regional one ("en-us" from before the site had languages), else the
    default. Any other value would put a prefix such as /en-us/ that leads nowhere."""
    codes = {code for code, _name in settings.LANGUAGES}
    language = (subscription.language or "").lower()
    for candidate in (language, language.split("-")[0]):
        if candidate in codes:
            return candidate
    return settings.LANGUAGE_CODE


def unsubscribe_url(mail, subscription):
    """In the subscriber's language (/es/alerts/…): the page it opens speaks the emails' language."""
    with translation.override(link_language(subscription)):
        return mail.absolute(reverse("alerts:unsubscribe", args=[unsubscribe_token(subscription)]))


def confirmation_message(subscription, category_names, topic_names, token_filters):
    """ "Please confirm": the only email an unconfirmed address ever gets."""
    mail = RoomMail(subscription.press_room)
    with translation.override(link_language(subscription)):
        confirm_url = mail.absolute(reverse("alerts:confirm", args=[confirm_token(subscription, *token_filters)]))
    with translation.override(subscription.language):
        context = mail.context(
            confirm_url=confirm_url,
            categories=category_names,
            topics=topic_names,
            max_age_days=settings.ALERTS_CONFIRM_MAX_AGE // 86400,
            language=subscription.language,
        )
        subject = translation.gettext("Confirm your email alerts from %(site)s") % {"site": mail.branding.display_name}
        return mail.message(subscription.email, subject, "confirm", context)


def alert_message(alert, mail=None):
    """One story, to one subscriber, with RFC 8058 one-click unsubscribe headers."""
    subscription, story = alert.subscription, alert.story
    mail = mail or RoomMail(subscription.press_room)
    unsubscribe = unsubscribe_url(mail, subscription)
    with translation.override(subscription.language):
        context = mail.context(
            story=story,
            story_url=story.get_full_url(),  # a cross-listed story lives (and is read) on its own site
            unsubscribe_url=unsubscribe,
            email=subscription.email,
            language=subscription.language,
        )
        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # A stable id per story and room, so mail clients can group a room's alerts.
            "List-Id": f"<press-room-{subscription.press_room_id}.{mail.site.hostname}>",
            "Auto-Submitted": "auto-generated",
        }
        return mail.message(subscription.email, story.title, "alert", context, headers)
