from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Site

from core.models import SiteBranding


@never_cache
def healthz(request):
    """For load balancers and container health checks: the process answers."""
    return HttpResponse("ok", content_type="text/plain")


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
    and is rendered without context processors, from what is cached on the request."""
    branding = getattr(request, SiteBranding.get_cache_attr_name(), None)
    context = {
        "name": getattr(branding, "name", "") or "Press room",
        "primary_colour": getattr(branding, "primary_colour", "") or "#1d4f91",
        "contact_email": getattr(branding, "contact_email", ""),
        "contact_phone": getattr(branding, "contact_phone", ""),
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }
    return HttpResponseServerError(loader.get_template("500.html").render(context))
