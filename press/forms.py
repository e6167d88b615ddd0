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
