from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from core import views as core_views
from core.routing import cached_route
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
            path("sitemap.xml", sitemap, name="sitemap"),
            path("search/", search_views.search, name="search"),
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
        re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [
    # Wagtail's page serving last: it claims every remaining path. Public, like the above.
    # Its routes are remembered until the next publish (core.routing).
    path("", include(decorate_urlpatterns(wagtail_urls.urlpatterns, lambda view: shared_cache(cached_route(view))))),
]
