import re

from django import forms

from core.forms import VisitorEmailField
from core.models import Category, Topic, in_default_locale

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")


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

    email = VisitorEmailField()  # one row per address and room, whatever capitals the reader types

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
