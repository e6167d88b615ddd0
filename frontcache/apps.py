from django.apps import AppConfig


class FrontcacheConfig(AppConfig):
    name = "frontcache"
    verbose_name = "Front-end cache (Varnish)"
