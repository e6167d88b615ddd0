"""The journalist's request form: what the press team needs to call back before the deadline."""

import re
from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import VisitorEmailField
from interviews.models import (
    MESSAGE_LENGTH,
    NAME_LENGTH,
    OUTLET_LENGTH,
    PHONE_LENGTH,
    TOPIC_LENGTH,
    InterviewLanguage,
)

PHONE = re.compile(r"[0-9+()./ \-]*(?:(?:ext\.?|x) ?[0-9]{1,6})?", re.IGNORECASE)
STORY_ID = re.compile(r"[0-9]{1,12}")
# A deadline up to a day gone is a typo about today's date more often than a lie: kept; older is refused.
DEADLINE_PAST_GRACE = timedelta(days=1)
DEADLINE_HORIZON = timedelta(days=366)
# The hidden field that people never see and form-filling robots fill in.
HONEYPOT = "website"


def _text(label, max_length, required=True, **kwargs):
    errors = {"max_length": _("Keep this to %(limit_value)d characters or fewer (it has %(show_value)d).")}
    if required:
        errors["required"] = _("This field is required.")
    return forms.CharField(label=label, max_length=max_length, required=required, error_messages=errors, **kwargs)


class InterviewRequestForm(forms.Form):
    """``stories``: the (id, title) pairs offered; a story chosen from a cached page that has
    since gone is dropped, not refused (the topic field still says what the journalist wants)."""

    name = _text(_("Your name"), NAME_LENGTH)
    outlet = _text(_("Outlet"), OUTLET_LENGTH, help_text=_("The newspaper, station, site or show you report for."))
    email = VisitorEmailField(lowercase=False)  # written back to as typed
    phone = _text(_("Phone (optional)"), PHONE_LENGTH, required=False)
    deadline = forms.DateTimeField(
        label=_("Your deadline"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        help_text=_("Pacific time."),
        error_messages={
            "required": _("Enter your deadline: a date and a time."),
            "invalid": _("Enter the deadline as a date and time, such as 2026-12-08 17:00."),
        },
    )
    language = forms.ChoiceField(
        label=_("Interview in"), choices=InterviewLanguage.choices, initial=InterviewLanguage.ENGLISH
    )
    story = forms.CharField(label=_("About a story (optional)"), required=False, max_length=12)
    topic = _text(_("Or a topic (optional)"), TOPIC_LENGTH, required=False)
    message = _text(_("Message (optional)"), MESSAGE_LENGTH, required=False, widget=forms.Textarea)
    website = forms.CharField(required=False, max_length=10_000)  # the honeypot (HONEYPOT)

    def __init__(self, *args, stories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.stories = list(stories)

    @property
    def is_robot(self):
        """True when the hidden field came back filled in."""
        return self.is_bound and bool(str(self.data.get(HONEYPOT, "")).strip())

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if not PHONE.fullmatch(phone):
            raise forms.ValidationError(_("Enter a phone number with digits, spaces, +, ( ) or -."))
        return phone

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        now = timezone.now()
        if deadline < now - DEADLINE_PAST_GRACE:
            raise forms.ValidationError(_("This deadline has passed: enter the date and time you need an answer by."))
        if deadline > now + DEADLINE_HORIZON:
            raise forms.ValidationError(_("Enter a deadline within the next year."))
        return deadline

    def clean_story(self):
        """The offered story's id, or None."""
        value = self.cleaned_data["story"]
        if not STORY_ID.fullmatch(value or ""):
            return None
        offered = {story_id for story_id, _title in self.stories}
        return int(value) if int(value) in offered else None

    @property
    def chosen_story(self):
        if not self.is_bound:
            return None
        value = str(self.data.get("story", ""))
        return int(value) if STORY_ID.fullmatch(value) else None
