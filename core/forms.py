from django import forms
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

# Wagtail's scheduling fields have no help text of their own; these are what editors need.
SCHEDULE_HELP = {
    "go_live_at": "Embargo: stays off the site until this time, then goes live by itself (checked every "
    "minute). Leave empty to go live as soon as it is published or approved.",
    "expire_at": "Optional: taken off the site at this time.",
}


class ScheduleHelpMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, help_text in SCHEDULE_HELP.items():
            if name in self.fields:
                self.fields[name].help_text = help_text


class PageForm(ScheduleHelpMixin, WagtailAdminPageForm):
    """The editor form of every page type here."""

    def clean(self):
        cleaned_data = super().clean()
        self._show_slug_clash_at_the_title()
        return cleaned_data

    def _show_slug_clash_at_the_title(self):
        """A slug taken by another page under the same parent is an error on the slug field,
        on the Promote tab, where the editor is not: say it at the title too (the slug is
        made from the title), naming the address, so the editor sees it where they type."""
        slug = self.data.get(self.add_prefix("slug"), "")
        if not self.has_error("slug") or self.has_error("title") or "title" not in self.fields:
            return
        if self.parent_page is None or not slug:
            return
        taken = self.parent_page.get_children().filter(slug=slug)
        if self.instance.pk is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            self.add_error(
                "title",
                f"Another page here already has the address '{slug}', which this title makes. Change "
                "the title, or the slug on the Promote tab.",
            )


class SnippetForm(ScheduleHelpMixin, WagtailAdminModelForm):
    """The editor form of snippets that can be scheduled."""


def mail_domain(domain):
    """True for a public-looking domain name: dotted, not bracketed, not all-digit at the end."""
    labels = domain.rstrip(".").split(".")
    return not domain.startswith("[") and len(labels) > 1 and not labels[-1].isdigit()


class VisitorEmailField(forms.EmailField):
    """The email address a visitor gives a public form (alerts, RSVPs, interview requests),
    with the same messages in each. ``lowercase``: one row per address whatever capitals
    the visitor types (off where the address is only written back to)."""

    def __init__(self, *, lowercase=True, **kwargs):
        self.lowercase = lowercase
        kwargs.setdefault("label", _("Email address"))
        super().__init__(
            max_length=254,
            # No allowlist: Django's default lets "localhost" through.
            validators=[EmailValidator(message=_("Enter an email address such as name@example.org."), allowlist=[])],
            error_messages={
                "required": _("Enter your email address."),
                "max_length": _("Enter an email address of at most 254 characters."),
            },
            **kwargs,
        )

    def clean(self, value):
        email = super().clean(value).strip()
        if email and not mail_domain(email.rpartition("@")[2]):
            # An IP literal or a name with no dot (v@[127.0.0.1], v@localhost, v@10.0.0.12) would
            # have us send mail to a machine of someone's choosing, perhaps inside our network.
            raise forms.ValidationError(_("Enter an address at a mail domain, such as name@example.org."))
        return email.lower() if self.lowercase else email
