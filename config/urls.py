from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from core import views as core_views
from core.sitemaps import MultilingualSitemap
from frontcache.decorators import filed_under, shared_cache
from frontcache.keys import paths_key, search_key
from health import views as health_views
from search import views as search_views
from storymedia import urls as storymedia_urls
from teams.urls import admin_urlpatterns
from uploads.svg import serve_media
from vcards.views import spokesperson_vcard

handler500 = "core.views.server_error"

# Sign-in security (accounts app): the rate-limited password reset answers Wagtail's own
# admin/password_reset/ address, so it comes before the admin.
sign_in_security_urlpatterns = [
    path("admin/", include("accounts.urls")),
]

urlpatterns = sign_in_security_urlpatterns + [
    path("healthz/", health_views.healthz, name="healthz"),
    path("readyz/", health_views.readyz, name="readyz"),
    # Public pages: Varnish may keep them for anonymous visitors (frontcache), filed under
    # `all`, their site's key and what they show: the sitemap lists the site's addresses,
    # search its press room's stories.
    *decorate_urlpatterns(
        [
            path("robots.txt", core_views.robots_txt, name="robots_txt"),
            path("favicon.ico", core_views.favicon, name="favicon"),
            path("contacts/<slug:slug>.vcf", spokesperson_vcard, name="spokesperson_vcard"),
        ],
        shared_cache,
    ),
    *decorate_urlpatterns(
        [path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap")],
        filed_under(paths_key),
    ),
    *decorate_urlpatterns([path("search/", search_views.search, name="search")], filed_under(search_key)),
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

# Pages, search, email alerts and interview requests in every language: English at today's
# addresses, the others under their prefix (/es/, /es/search/, /es/alerts/, /es/interview/).
# Wagtail's page serving last: it claims every remaining path. Public, like the above, except
# the alerts and what the interview form posts to: never cached (each view says so). A sign-up
# under /es/alerts/ records Spanish, and its emails' links lead back to /es/alerts/.
# A page's answer is filed under the keys the page states (get_cache_keys); a not-found
# address or a redirect, with the site's addresses.
urlpatterns += i18n_patterns(
    *decorate_urlpatterns([path("search/", search_views.search, name="search")], filed_under(search_key)),
    path("alerts/", include("alerts.urls")),
    # A story's release PDF, share card and original pictures (storymedia): each answer filed
    # under its story's keys; a not-found one, like a page's, under the site's addresses.
    *decorate_urlpatterns(storymedia_urls.urlpatterns, filed_under(paths_key)),
    # Interview requests: the form is cached like a page (filed in interviews.urls); what it
    # posts to (/interview/send/) never is.
    path("interview/", include("interviews.urls")),
    # Unsubscribing from a team's releases, and the email provider's webhooks: never cached.
    path("releases/", include("releases_out.urls")),
    path("advisories/", include("advisories.urls")),  # an advisory's .ics and RSVP form
    path(
        "",
        include(decorate_urlpatterns(wagtail_urls.urlpatterns, lambda view: shared_cache(view, [paths_key]))),
    ),
    prefix_default_language=False,
)
