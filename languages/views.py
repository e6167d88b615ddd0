"""Wagtail's "Translate" (simple_translation), refusing a language the page cannot go to.

Wagtail's form greys out the languages whose parent page is not translated yet, but a forged
POST could still pick one, and copying then fails with a server error (ParentNotTranslatedError).
Here such a choice is a form error, like any other bad input from an editor."""

from django.core.exceptions import ValidationError
from wagtail.contrib.simple_translation.forms import SubmitTranslationForm
from wagtail.contrib.simple_translation.views import SubmitPageTranslationView


class PageTranslationForm(SubmitTranslationForm):
    def __init__(self, instance, *args, **kwargs):
        super().__init__(instance, *args, **kwargs)
        self.instance = instance

    def clean_locales(self):
        locales = self.cleaned_data["locales"]
        parent = self.instance.get_parent()
        if not parent.is_root():
            translated = set(parent.get_translations(inclusive=True).values_list("locale_id", flat=True))
            missing = [locale for locale in locales if locale.pk not in translated]
            if missing:
                names = ", ".join(locale.get_display_name() for locale in missing)
                raise ValidationError(f"Translate the parent page into {names} first.")
        return locales


class PageTranslationView(SubmitPageTranslationView):
    def get_form(self):
        if self.request.method == "POST":
            return PageTranslationForm(self.object, self.request.POST)
        return PageTranslationForm(self.object)
