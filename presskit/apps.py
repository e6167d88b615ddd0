from django.apps import AppConfig


class PressKitConfig(AppConfig):
    name = "presskit"
    verbose_name = "Press kit"
