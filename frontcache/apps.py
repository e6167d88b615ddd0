from django.apps import AppConfig


class FrontcacheConfig(AppConfig):
    name = "frontcache"
    verbose_name = "Front-end cache (Varnish)"

    def ready(self):
        from frontcache.signal_handlers import register_signal_handlers

        register_signal_handlers()
