"""Which site and which page an address leads to, worked out once, not on every request.

Wagtail finds the site for every request (a query) and walks the page tree from the site's
root to the page, one query per step and one more for each step's specific page, and reads
the page's privacy rules: six or seven queries, most of a page's work, for answers that
change only when an editor moves, renames or deletes a page, changes its privacy or edits a
Site. ``cached_route`` remembers them and hands them to Wagtail's serve view through the two
request attributes Wagtail itself caches them in (``request._wagtail_site``,
``request._wagtail_route_for_request``; see ``Site.find_for_request`` and
``Page.route_for_request``).

Only the page itself is read from the database (one query), so whether it is live, and where
it is, are always today's answers: a remembered route is used only while the page's
``url_path`` is still the one it was remembered with, so a move, a new slug or a deletion
sends the address back to Wagtail's own walk. Everything else is filed under the install's
generation (``core.generations``), which Site edits and privacy changes bump: publishing a
story leaves every other address's route alone. The page's own ``route()`` still runs, and
Wagtail's privacy check and hooks run as before, on the page's privacy rules as remembered
with the route (``MetadataPageMixin.get_view_restrictions``).

Each entry carries the generation token it was computed under, so the entry and the current
token come in one round trip to the cache. Without a shared cache, or with Redis down, or
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
ROUTE_KEY = "route-v3"


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
    key = f"{ROUTE_KEY}:{site.pk}:{digest(components, get_language())}"
    # The install token is already known when remembered_site() found the site; not when
    # something before Wagtail's view (the WordPress /?p= redirects) looked the site up itself.
    known = getattr(request, "_generations", {})
    found = read_with([] if ALL_TOKEN in known else [ALL_TOKEN], [key])
    if found is None:
        return
    if ALL_TOKEN in found:
        remember(request, {ALL_TOKEN: found[ALL_TOKEN]})
    token = request._generations[ALL_TOKEN]
    entry = found.get(key)
    if entry is not None and entry[0] == token:
        label, pk, consumed, restrictions, url_path = entry[1]
        model = apps.get_model(label)
        page = model.objects.filter(pk=pk).first()
        if page is not None and page.url_path == url_path:
            page.remembered_view_restrictions = restrictions  # checked by Wagtail's hook as ever
            request._wagtail_route_for_request = _route_or_none(page, request, components[consumed:])
            return
        # Deleted, moved or renamed since: Wagtail's walk finds what is there now.
    root = site.root_page.localized.specific
    result = _route_or_none(root, request, components)
    request._wagtail_route_for_request = result
    if result is None:
        return  # a 404: not remembered, so a page published there later is found
    page = result[0]
    if not page.url_path.startswith(root.url_path):
        return  # routed outside the site's tree (an alias, say): not remembered
    consumed = len([part for part in page.url_path[len(root.url_path) :].split("/") if part])
    restrictions = list(page.get_view_restrictions())
    page.remembered_view_restrictions = restrictions
    _store(key, (token, (page._meta.label_lower, page.pk, consumed, restrictions, page.url_path)))


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
