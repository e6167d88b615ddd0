from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "teams"
    verbose_name = "Site teams"

    def ready(self):
        from teams import signals  # noqa: F401
