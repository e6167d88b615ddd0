"""Each site's sitemap, in every language: the pages of the site's root and of its
translations (/es/…), each with its hreflang alternates and x-default (Google's sitemap form
of the same links every page carries in its head)."""

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    def items(self):
        site = self.get_wagtail_site()
        in_site = Q()
        for root in site.root_page.get_translations(inclusive=True).only("path"):
            in_site |= Q(path__startswith=root.path)
        return Page.objects.filter(in_site).live().public().order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        versions = {}
        translations = (
            Page.objects.filter(translation_key__in={item.translation_key for item in pages})
            .live()
            .public()
            .select_related("locale")
            .defer_streamfields()
            .order_by("path")
        )
        for translation in translations:
            versions.setdefault(translation.translation_key, {})[translation.locale.language_code] = translation
        urls, last_mods = [], set()
        for item in pages:
            for url_info in item.get_sitemap_urls(self.request):
                # A page's own route (a site root's people/…) is at the same route of each version.
                route = url_info.pop("route", "")
                url_info["alternates"] = self.alternates(versions.get(item.translation_key, {}), route)
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def alternates(self, by_language, route=""):
        """Every language version, then x-default (the default language's), when there are two
        or more; a page in one language only needs none."""
        if len(by_language) < 2:
            return []
        alternates = [
            {"lang_code": code, "location": by_language[code].get_full_url(self.request) + route}
            for code, _name in settings.LANGUAGES
            if code in by_language
        ]
        default = by_language.get(settings.LANGUAGE_CODE)
        if default is not None:
            alternates.append({"lang_code": "x-default", "location": default.get_full_url(self.request) + route})
        return alternates
