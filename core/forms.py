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


class SnippetForm(ScheduleHelpMixin, WagtailAdminModelForm):
    """The editor form of snippets that can be scheduled."""
