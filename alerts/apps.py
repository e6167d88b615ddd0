from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = "Email alerts"

    def ready(self):
        # Importing connects page_published; models may be imported only once apps are ready.
        from alerts import signals  # noqa: F401
