"""The site-wide pages every site has: /favicon.ico, /robots.txt and the branded error pages."""

import sys
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.template import loader
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_safe
from django.views.defaults import page_not_found
from wagtail.models import Site

from core.branding import DEFAULT_ICO, site_icon
from core.models import DEFAULT_NAME, DEFAULT_PRIMARY_COLOUR, SiteBranding
from resilience.db import is_statement_timeout


def noindex_page(request, template, status=200, **context):
    """A page answering one visitor's own request (a form's answer, a link from an email):
    its template is told to keep search engines out."""
    return TemplateResponse(request, template, {"noindex": True, **context}, status=status)


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
        # The home page in the address's language (languages.middleware activated it): no lookup needed.
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


def home_url_for(language):
    return "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
