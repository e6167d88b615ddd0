from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "teams"
    verbose_name = "Site teams"

    def ready(self):
        # Signals connect when imported, and models may be imported only once apps are ready.
        from teams import signals  # noqa: F401
