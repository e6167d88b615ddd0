from django import forms
from django.utils import timezone

from medialists.models import MediaList
from releases_out.models import Send


class SendForm(forms.Form):
    lists = forms.ModelMultipleChoiceField(
        queryset=MediaList.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one list."},
    )
    when = forms.ChoiceField(choices=Send.When.choices, widget=forms.RadioSelect, label="When")
    count_clicks = forms.BooleanField(
        required=False,
        label="Count clicks on links",
        help_text="The links to the story and its PDF go through this site, which counts clicks for this send, "
        "per link: never who clicked. Off: the links go straight to the story.",
    )

    def __init__(self, *args, story, draft, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.story, self.draft = story, draft
        self.fields["lists"].queryset = MediaList.objects.filter(site=site)
        self.go_live_at = draft.go_live_at

    def clean(self):
        cleaned = super().clean()
        when = cleaned.get("when")
        live = self.story.live
        now = timezone.now()
        if when == Send.When.NOW and not live:
            self.add_error("when", "The story is not published: send it when it goes live, or now under embargo.")
        elif when == Send.When.GO_LIVE and not live and not (self.go_live_at and self.go_live_at > now):
            self.add_error(
                "when",
                "The story has no go-live time: set one in its Status panel and publish (or submit) it, "
                "or send now under embargo.",
            )
        elif when == Send.When.EMBARGO:
            if live:
                self.add_error("when", "The story is already published: there is no embargo left. Send it now.")
            elif not getattr(self.draft, "has_body", True):
                self.add_error("when", "The story has no text yet: write it and save a draft first.")
            elif not self.embargo_ends():
                self.add_error(
                    "when", "Set the story's go-live time (Status panel) or its “embargoed until” time first."
                )
        return cleaned

    def embargo_ends(self):
        ends = getattr(self.draft, "embargo_lifts_at", None)
        return ends if ends and ends > timezone.now() else None
