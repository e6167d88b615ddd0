from django import forms
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

from alerts.forms import mail_domain

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
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        validators=[EmailValidator(message=_("Enter an email address such as name@example.org."), allowlist=[])],
        error_messages={
            "required": _("Enter your email address."),
            "max_length": _("Enter an email address of at most 254 characters."),
        },
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if not mail_domain(email.rpartition("@")[2]):
            raise forms.ValidationError(_("Enter an address at a mail domain, such as name@example.org."))
        return email

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_outlet(self):
        return " ".join(self.cleaned_data["outlet"].split())

    @property
    def is_trapped(self):
        """True when the honeypot was filled in: a bot, answered as if it had worked."""
        return bool(self.data.get(TRAP))
