import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core import wording

register = template.Library()


@register.filter
def languages_spoken(typed):
    """ "English, Spanish" as the page's language says it: "inglés y español" (core.wording)."""
    return wording.languages_spoken(typed)


@register.filter
def tel_uri(phone):
    """'(916) 555-0101' → 'tel:9165550101': digits only (and a leading +), as phones dial them."""
    phone = str(phone or "").strip()
    digits = re.sub(r"\D", "", phone)
    return f"tel:{'+' if phone.startswith('+') else ''}{digits}"


@register.filter
def email_breaks(address):
    """An email address that wraps only where a reader expects it: after the @ and before a
    dot ("jordan.placeholder@ / example.org"), never mid-word ("example.o / rg")."""
    marked = escape(str(address or "")).replace("@", "@<wbr>").replace(".", "<wbr>.")
    return mark_safe(marked)  # noqa: S308 (escaped above; only <wbr> added)
