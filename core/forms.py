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
