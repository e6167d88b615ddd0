from django.apps import AppConfig


class StoryMediaConfig(AppConfig):
    name = "storymedia"
    verbose_name = "Story media"
