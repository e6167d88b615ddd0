"""Editor panels of the press app."""

from django.apps import apps
from django.conf import settings
from wagtail.admin.panels import InlinePanel, MultiFieldPanel
from wagtail.admin.widgets import AdminPageChooser


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


class StoryChooser(AdminPageChooser):
    """Wagtail's page chooser, for stories: a value that is no page id (a tampered form) shows
    as nothing chosen beside the field's error, instead of failing as the form is shown again."""

    def __init__(self, **kwargs):
        super().__init__(target_models=[apps.get_model("press", "StoryPage")], **kwargs)

    def get_instance(self, value):
        try:
            return super().get_instance(value)
        except (TypeError, ValueError):
            return None


class DefaultLanguagePanel(MultiFieldPanel):
    """Fields that only the default-language page uses (its language versions follow it): a
    language version's form shows ``note`` instead of fields that would do nothing."""

    def __init__(self, *args, note="", **kwargs):
        self.note = note
        super().__init__(*args, **kwargs)

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "note": self.note}

    class BoundPanel(MultiFieldPanel.BoundPanel):
        template_name = "press/panels/default_language_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            locale = getattr(self.instance, "locale", None)
            context["follows_default"] = locale is not None and locale.language_code != settings.LANGUAGE_CODE
            return context
