from django.apps import AppConfig


class EmbargoConfig(AppConfig):
    name = "embargo"
    verbose_name = "Embargoed preview links"
