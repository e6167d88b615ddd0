from django import forms
from django.utils import timezone
from wagtail.admin.widgets import AdminDateTimeInput

from embargo.models import EmbargoLink


class EmbargoLinkForm(forms.ModelForm):
    class Meta:
        model = EmbargoLink
        fields = ["expires_at"]
        widgets = {"expires_at": AdminDateTimeInput}

    def clean_expires_at(self):
        expires_at = self.cleaned_data["expires_at"]
        if expires_at is not None and expires_at <= timezone.now():
            raise forms.ValidationError("Choose a date and time in the future, or leave it blank.")
        return expires_at
