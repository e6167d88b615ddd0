from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import VisitorEmailField

# The honeypot: a field people never see (hidden by the style sheet) that bots fill in.
TRAP = "website"


class RSVPForm(forms.Form):
    """A journalist's name, outlet and email, to attend an advisory's event."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        error_messages={"required": _("Enter your name."), "max_length": _("Enter at most 200 characters.")},
    )
    outlet = forms.CharField(
        label=_("News outlet"),
        max_length=200,
        error_messages={
            "required": _("Enter the outlet you report for (or 'freelance')."),
            "max_length": _("Enter at most 200 characters."),
        },
    )
    email = VisitorEmailField()

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_outlet(self):
        return " ".join(self.cleaned_data["outlet"].split())

    @property
    def is_trapped(self):
        """True when the honeypot was filled in: a bot, answered as if it had worked."""
        return bool(self.data.get(TRAP))
