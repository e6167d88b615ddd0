from core.forms import PageForm


class StoryPageForm(PageForm):
    """Starts a new story with its press room's defaults (category, signatories)."""

    def __init__(self, *args, parent_page=None, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk is None and parent_page is not None:
            # Set on the unsaved page before the form reads it, so the signatories inline
            # shows the defaults as ordinary, editable rows.
            instance.apply_defaults_from(parent_page.specific)
        super().__init__(*args, parent_page=parent_page, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        slug = cleaned_data.get("slug")
        # Asked here, not in the model: stories already named so (imported, say) keep working.
        from press.models.press_room import is_room_route  # the models import this form

        if slug and is_room_route(slug):
            self.add_error("slug", f"“{slug}” is the press room's own page (/press/{slug}/). Choose another.")
        return cleaned_data
