from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = "Images with credits"
    default_auto_field = "django.db.models.BigAutoField"
