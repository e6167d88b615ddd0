from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from core import views as core_views
from core.sitemaps import MultilingualSitemap
from core.svg import serve_media
from frontcache.decorators import shared_cache
from search import views as search_views
from teams.urls import admin_urlpatterns

handler500 = "core.views.server_error"

# Sign-in security (accounts app): the rate-limited password reset answers Wagtail's own
# admin/password_reset/ address, so it comes before the admin.
sign_in_security_urlpatterns = [
    path("admin/", include("accounts.urls")),
]

urlpatterns = sign_in_security_urlpatterns + [
    path("healthz/", core_views.healthz, name="healthz"),
    path("readyz/", core_views.readyz, name="readyz"),
    # Public pages: Varnish may keep them for anonymous visitors (frontcache).
    *decorate_urlpatterns(
        [
            path("robots.txt", core_views.robots_txt, name="robots_txt"),
            path("favicon.ico", core_views.favicon, name="favicon"),
            path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
            path("search/", search_views.search, name="search"),
            path("contacts/<slug:slug>.vcf", core_views.spokesperson_vcard, name="spokesperson_vcard"),
        ],
        shared_cache,
    ),
    path("admin/", include(admin_urlpatterns())),
    path("documents/", include(wagtaildocs_urls)),
    path("embargoed/", include("embargo.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}(?P<path>.*)$", serve_media, {"document_root": settings.MEDIA_ROOT}),
    ]

if settings.DEBUG:
    # Under DEBUG (make run) Django answers a missing page or an error with its technical
    # page; these show each site's branded 404 and 500 pages instead, for designing them.
    urlpatterns += [
        path("_errors/404/", core_views.preview_page_not_found, name="preview_404"),
        path("_errors/500/", core_views.preview_server_error, name="preview_500"),
    ]

# Pages, search and email alerts in every language: English at today's addresses, the others
# under their prefix (/es/, /es/search/, /es/alerts/). Wagtail's page serving last: it claims
# every remaining path. Public, like the above, except the alerts: never cached (each view says
# so). A sign-up under /es/alerts/ records Spanish, and its emails' links lead back to /es/alerts/.
urlpatterns += i18n_patterns(
    *decorate_urlpatterns([path("search/", search_views.search, name="search")], shared_cache),
    path("alerts/", include("alerts.urls")),
    path(
        "",
        include(decorate_urlpatterns(wagtail_urls.urlpatterns, shared_cache)),
    ),
    prefix_default_language=False,
)
