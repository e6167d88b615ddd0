"""Editor panels of the press app."""

from wagtail.admin.panels import InlinePanel


class ClearableInlinePanel(InlinePanel):
    """An inline panel with a "Remove all" button beside "Add": a coalition's story starts with
    every member as a signatory, and a statement signed by a few should not take a click per row."""

    def __init__(self, *args, clear_label="Remove all", **kwargs):
        self.clear_label = clear_label
        super().__init__(*args, **kwargs)

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "clear_label": self.clear_label}

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "press/panels/clearable_inline_panel.html"
