import re

from django import forms
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

from core.models import Category, Topic, in_default_locale

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")


def mail_domain(domain):
    """True for a public-looking domain name: dotted, not bracketed, not all-digit at the end."""
    labels = domain.rstrip(".").split(".")
    return not domain.startswith("[") and len(labels) > 1 and not labels[-1].isdigit()


def is_slug(value):
    return isinstance(value, str) and SLUG.fullmatch(value) is not None


def one_record_each(model, slugs):
    """The default language's record of each label named by ``slugs``: a label and its
    translation share a slug, but stories name the default language's record
    (core.models.in_default_locale), and the reader chose one label, not two."""
    translation_keys = model.objects.filter(slug__in=slugs).values("translation_key")
    return list(model.objects.filter(in_default_locale(), translation_key__in=translation_keys))


class SubscribeForm(forms.Form):
    """An address and, optionally, the categories and topics (by slug) it wants alerts about.

    Unknown slugs are ignored rather than refused: the form on a cached page may offer a
    label that has since been renamed."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        # No allowlist: Django's default lets "localhost" through.
        validators=[EmailValidator(message=_("Enter an email address such as name@example.org."), allowlist=[])],
        error_messages={
            "required": _("Enter your email address."),
            "max_length": _("Enter an email address of at most 254 characters."),
        },
    )

    def clean_email(self):
        # One row per address and room, whatever capitals the reader types.
        email = self.cleaned_data["email"].strip().lower()
        if not mail_domain(email.rpartition("@")[2]):
            # An IP literal or a name with no dot (v@[127.0.0.1], v@localhost, v@10.0.0.12) would
            # have us send mail to a machine of someone's choosing, perhaps inside our network.
            raise forms.ValidationError(_("Enter an address at a mail domain, such as name@example.org."))
        return email

    def clean(self):
        cleaned = super().clean()
        cleaned["category"] = one_record_each(Category, self._slugs("category"))
        cleaned["topic"] = one_record_each(Topic, self._slugs("topic"))
        return cleaned

    @property
    def chosen_categories(self):
        return self._slugs("category") if self.is_bound else []

    @property
    def chosen_topics(self):
        return self._slugs("topic") if self.is_bound else []

    def _slugs(self, name):
        values = self.data.getlist(name) if hasattr(self.data, "getlist") else self.data.get(name, [])
        return [value for value in values[:50] if is_slug(value)]
