from django.apps import AppConfig


class MediaListsConfig(AppConfig):
    name = "medialists"
    verbose_name = "Media lists"
