from django.apps import AppConfig


class VcardsConfig(AppConfig):
    name = "vcards"
    verbose_name = "vCards"
