from django.apps import AppConfig


class ResilienceConfig(AppConfig):
    name = "resilience"
    verbose_name = "Database and cache timeouts"
