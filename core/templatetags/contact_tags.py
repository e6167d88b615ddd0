import re

from django import template

register = template.Library()


@register.filter
def tel_uri(phone):
    """'(916) 555-0101' → 'tel:9165550101': digits only (and a leading +), as phones dial them."""
    phone = str(phone or "").strip()
    digits = re.sub(r"\D", "", phone)
    return f"tel:{'+' if phone.startswith('+') else ''}{digits}"
