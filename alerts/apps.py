from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = "Email alerts"

    def ready(self):
        from alerts import signals  # noqa: F401 (connects page_published: importing it is the point)
