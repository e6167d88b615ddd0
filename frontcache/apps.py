from django.apps import AppConfig


class FrontcacheConfig(AppConfig):
    name = "frontcache"
    verbose_name = "Front-end cache (Varnish)"

    def ready(self):
        # The handlers import models, which may be imported only once apps are ready.
        from frontcache.signal_handlers import register_signal_handlers

        register_signal_handlers()
