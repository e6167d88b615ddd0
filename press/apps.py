from django.apps import AppConfig


class PressConfig(AppConfig):
    name = "press"
    verbose_name = "Press rooms and stories"

    def ready(self):
        # Importing connects the handlers that keep the rooms' facet counts, and the one that
        # starts a story's translation in its new language; models may be imported only once
        # apps are ready.
        from press import signals, translation  # noqa: F401
