"""Which site and which page an address leads to, worked out once per publish.

Wagtail finds the site for every request (a query) and walks the page tree from the site's
root to the page, one query per step and one more for each step's specific page: four to
six queries, half of a warm page's work, for answers that change only when an editor
publishes, moves or deletes a page or edits a Site. ``cached_route`` remembers them, filed
under the generations (``core.generations``) that every such change bumps, and hands them to
Wagtail's serve view through the two request attributes Wagtail itself caches them in
(``request._wagtail_site``, ``request._wagtail_route_for_request``; see ``Site.find_for_request``
and ``Page.route_for_request``). Only the page itself is read from the database (one query),
so whether it is live is always today's answer; the page's own ``route()`` still runs, and
Wagtail's privacy check and hooks run as before, on the page's privacy rules as remembered
with the route (``MetadataPageMixin.get_view_restrictions``; a privacy change purges the
site, so starts a new generation).

Each entry carries the generation tokens it was computed under, so the entry and the current
tokens come in one round trip to the cache. Without a shared cache, or with Redis down, or
for an address that is a 404, Wagtail routes as usual."""

import logging
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail.models import Site
from wagtail.views import serve as wagtail_serve

from core.generations import ALL, ANSWER_TIMEOUT, PREFIX, digest, read_with, remember

logger = logging.getLogger("core.routing")

ALL_TOKEN = PREFIX + ALL
# Named with the shape of what is filed under it: a release that changes the shape reads none
# of the entries an earlier release filed.
ROUTE_KEY = "route-v2"


def cached_route(view):
    """Wrap Wagtail's page-serving view so GET and HEAD requests use the remembered route;
    any other view is returned as it is (for ``decorate_urlpatterns``)."""
    if view is not wagtail_serve:
        return view

    @wraps(view)
    def serve(request, path):
        if request.method in ("GET", "HEAD") and settings.CACHE_PUBLISHED_ANSWERS:
            prime(request, path)
        return view(request, path)

    return serve


def prime(request, path):
    site = remembered_site(request)
    if site is not None:
        _route(request, site, path)


def remembered_site(request):
    """The request's site, as ``Site.find_for_request`` gives it, from the cache when it is
    known in this generation (for views outside Wagtail's page tree too, such as search)."""
    if hasattr(request, "_wagtail_site") or not settings.CACHE_PUBLISHED_ANSWERS:
        return Site.find_for_request(request)
    site = _site(request)
    if site is not None:
        request._wagtail_site = site
    return site


def _site(request):
    hostname = split_domain_port(request._get_raw_host())[0]
    key = f"route-site:{digest(hostname, request.get_port())}"
    found = read_with([ALL_TOKEN], [key])
    if found is None:
        return None
    token = found[ALL_TOKEN]
    remember(request, {ALL_TOKEN: token})
    entry = found.get(key)
    if entry is not None and entry[0] == token:
        return entry[1]
    site = Site.find_for_request(request)
    if site is not None:
        _store(key, (token, site))
    return site


def _route(request, site, path):
    components = [component for component in path.split("/") if component]
    site_token = f"{PREFIX}site-{site.pk}"
    key = f"{ROUTE_KEY}:{site.pk}:{digest(components, get_language())}"
    # The install token is already known when remembered_site() found the site; not when
    # something before Wagtail's view (the WordPress /?p= redirects) looked the site up itself.
    known = getattr(request, "_generations", {})
    names = [site_token] if ALL_TOKEN in known else [ALL_TOKEN, site_token]
    found = read_with(names, [key])
    if found is None:
        return
    remember(request, {name: found[name] for name in names})
    tokens = (request._generations[ALL_TOKEN], request._generations[site_token])
    entry = found.get(key)
    if entry is not None and entry[0] == tokens:
        label, pk, consumed, restrictions = entry[1]
        if label is None:
            return
        model = apps.get_model(label)
        try:
            page = model.objects.get(pk=pk)
        except model.DoesNotExist:
            return  # deleted since: Wagtail routes it (a 404) itself
        page.remembered_view_restrictions = restrictions  # checked by Wagtail's hook as ever
        request._wagtail_route_for_request = _route_or_none(page, request, components[consumed:])
        return
    # Not known in this generation: Wagtail's own walk, remembered for the next visitor.
    root = site.root_page.localized.specific
    result = _route_or_none(root, request, components)
    request._wagtail_route_for_request = result
    if result is None:
        return  # a 404: not remembered, so a page published there later is found
    page = result[0]
    target = (None, None, 0, None)
    if page.url_path.startswith(root.url_path):
        consumed = len([part for part in page.url_path[len(root.url_path) :].split("/") if part])
        restrictions = list(page.get_view_restrictions())
        page.remembered_view_restrictions = restrictions
        target = (page._meta.label_lower, page.pk, consumed, restrictions)
    _store(key, (tokens, target))


def _route_or_none(page, request, components):
    """``page.route()``, or None for a 404, as ``Page.route_for_request`` records it."""
    try:
        return page.route(request, components)
    except Http404:
        return None


def _store(key, value):
    try:
        cache.set(key, value, timeout=ANSWER_TIMEOUT)
    except Exception:
        logger.warning("Could not cache %s", key, exc_info=True)
