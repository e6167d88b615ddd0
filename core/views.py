import sys
import time
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe
from django.views.defaults import page_not_found
from django_redis.exceptions import ConnectionInterrupted
from wagtail.models import Site

from core import vcard
from core.branding import DEFAULT_ICO, site_icon
from core.cache import ResilientRedisClient
from core.db import is_statement_timeout
from core.models import DEFAULT_NAME, DEFAULT_PRIMARY_COLOUR, SiteBranding, Spokesperson


@never_cache
def healthz(request):
    """Liveness, for container health checks: the process answers. Touches nothing else."""
    return HttpResponse("ok", content_type="text/plain")


def _timed(check):
    started = time.perf_counter()
    ok = check()
    return {"status": "ok" if ok else "down", "ms": round((time.perf_counter() - started) * 1000, 1)}


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_answers():
    cache = caches["default"]
    client = getattr(cache, "client", None)
    if isinstance(client, ResilientRedisClient):
        # Through the circuit breaker: while Redis is known to be down this answers at once.
        try:
            return bool(client.ping())
        except ConnectionInterrupted:
            return False
    key, value = "readyz:" + get_random_string(12), get_random_string(12)
    cache.set(key, value, 10)
    answered = cache.get(key) == value
    cache.delete(key)
    return answered


@never_cache
@require_GET
def readyz(request):
    """Readiness, for load balancers: the database and the cache, reported separately.

    503 only when the database does not answer, since no page can be served without it. A
    cache outage is "degraded" but still 200: pages are served without the cache (slower),
    and a shared Redis failing must not take every instance out of the load balancer at once."""
    checks = {"database": _timed(_database_answers), "cache": _timed(_cache_answers)}
    if checks["database"]["status"] != "ok":
        overall, status = "unavailable", 503
    elif checks["cache"]["status"] != "ok":
        overall, status = "degraded", 200
    else:
        overall, status = "ok", 200
    return JsonResponse({"status": overall, "checks": checks}, status=status)


@cache
def _default_ico():
    with open(finders.find(DEFAULT_ICO), "rb") as ico:
        return ico.read()


@require_safe
def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for whatever a page links to: the
    site's icon (or logo), else the install's default icon. Shared-cacheable (``shared_cache``
    in config/urls.py); a change of branding purges the site's key."""
    branding = SiteBranding.for_request(request)
    if branding.icon or branding.logo:
        return HttpResponseRedirect(site_icon(branding).url)
    return HttpResponse(_default_ico(), content_type="image/x-icon")


@require_GET
def robots_txt(request):
    """Names this site's sitemap; keeps crawlers out of the admin and the search results."""
    site = Site.find_for_request(request)
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /search/", "", f"Sitemap: {root}/sitemap.xml", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def server_error(request):
    """The 500 page, branded for the site when the failed request already knew its branding.

    It never touches the database (which may be why we are here): the template is standalone
    and is rendered without context processors, from what is cached on the request.

    A query cancelled by the web statement_timeout is a 503 with Retry-After instead: the
    site is overloaded or the database slow for now, which browsers, crawlers and caches
    should treat as temporary, not as a broken page."""
    branding = getattr(request, SiteBranding.get_cache_attr_name(), None)
    context = {
        # The install's constants, not InstallDefaults: that would be a query.
        "name": getattr(branding, "name", "") or DEFAULT_NAME,
        "primary_colour": getattr(branding, "primary_colour", "") or DEFAULT_PRIMARY_COLOUR,
        "contact_email": getattr(branding, "contact_email", ""),
        "contact_phone": getattr(branding, "contact_phone", ""),
        "csp_nonce": getattr(request, "csp_nonce", ""),
        # The home page in the address's language (core.i18n activated it): no lookup needed.
        "home_url": home_url_for(getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)),
    }
    if is_statement_timeout(sys.exc_info()[1]):
        context["too_slow"] = True
        response = HttpResponse(loader.get_template("500.html").render(context), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render(context))


def preview_page_not_found(request):
    """The site's branded 404 page, as a visitor gets it when DEBUG is off (DEBUG only)."""
    return page_not_found(request, Http404("Preview of the branded 404 page"))


def preview_server_error(request):
    """The site's branded 500 page, as a visitor gets it when DEBUG is off (DEBUG only)."""
    SiteBranding.for_request(request)  # the real handler finds it cached on the request
    return server_error(request)


def spokesperson_vcard(request, slug):
    """A spokesperson's press contact as a vCard, for journalists' address books. Only people
    who are published and still active: anyone else is the site's ordinary 404."""
    person = Spokesperson.objects.filter(slug=slug, live=True, active=True).select_related("organization").first()
    if person is None:
        raise Http404("No such contact")
    response = HttpResponse(vcard.spokesperson_vcard(person), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{person.slug}.vcf"'
    return response


def home_url_for(language):
    return "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
