from django.apps import AppConfig


class SiteRootConfig(AppConfig):
    name = "siteroot"
    verbose_name = "Site root pages"
