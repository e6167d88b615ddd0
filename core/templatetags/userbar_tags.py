"""``{% editor_userbar %}``: Wagtail's user bar, for signed-in editors only.

Wagtail's ``{% wagtailuserbar %}`` reads ``request.user``, which opens the session, so every
page (anonymous visitors' too) answered ``Vary: Cookie``: any cookie at all (analytics, a
stale CSRF token) then split browsers' and shared caches' copies of a public page. Without a
session cookie nobody can be signed in, so the session is not opened and nothing varies."""

from django import template
from django.conf import settings
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

register = template.Library()


@register.simple_tag(takes_context=True)
def editor_userbar(context, position="bottom-right"):
    request = context.get("request")
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return ""
    return wagtailuserbar(context, position)
