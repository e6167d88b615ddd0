from django.apps import AppConfig


class ReleasesOutConfig(AppConfig):
    name = "releases_out"
    verbose_name = "Sending releases"

    def ready(self):
        # Connects the handler of the email provider's tracking webhooks (bounces, complaints).
        from releases_out import webhooks  # noqa: F401
