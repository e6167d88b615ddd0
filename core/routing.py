"""Which site and which page an address leads to, worked out once, not on every request.

Wagtail finds the site for every request (a query) and walks the page tree from the site's
root to the page, one query per step and one more for each step's specific page, and reads
the page's privacy rules: six or seven queries, most of a page's work, for answers that
change only when an editor moves, renames or deletes a page, changes its privacy or edits a
Site. ``cached_route`` remembers them and hands them to Wagtail's serve view through the two
request attributes Wagtail itself caches them in (``request._wagtail_site``,
``request._wagtail_route_for_request``; see ``Site.find_for_request`` and
``Page.route_for_request``).

The page itself is read as it was at its site's last publish (``_live_page``; from the
database for signed-in people), and a remembered route is used only while the page's
``url_path`` is still the one it was remembered with, so a move, a new slug or a deletion
sends the address back to Wagtail's own walk. Everything else is filed under the install's
generation (``core.generations``), which Site edits and privacy changes bump: publishing a
story leaves every other address's route alone. The page's own ``route()`` still runs, and
Wagtail's privacy check and hooks run as before, on the page's privacy rules as remembered
with the route (``MetadataPageMixin.get_view_restrictions``).

The site's entry also holds every site's root path (``Site.get_site_root_paths``), handed to
Wagtail as the per-request copy it keeps itself (``request._wagtail_cached_site_root_paths``):
they change with Site records, moves and site root pages' publishes, which all start a new
install generation. Each entry carries the generation token it was computed under, so the
entry and the current token come in one round trip to the cache. Without a shared cache, or with Redis down, or
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

from core.generations import ALL, ANSWER_TIMEOUT, PREFIX, SiteAnswers, digest, read_with, remember

logger = logging.getLogger("core.routing")

ALL_TOKEN = PREFIX + ALL
# Named with the shape of what is filed under it: a release that changes the shape reads none
# of the entries an earlier release filed.
ROUTE_KEY = "route-v4"
SITE_KEY = "route-site-v2"


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
    components = [component for component in path.split("/") if component]
    if hasattr(request, "_wagtail_site"):  # looked up already (the WordPress /?p= redirects)
        site, found = Site.find_for_request(request), None
    else:
        # The site, its generation tokens and the route, in one round trip to the cache.
        site, found = _site(request, also=[_route_key(request, components)])
        if site is not None:
            request._wagtail_site = site
    if site is not None:
        _route(request, site, components, found)


def remembered_site(request):
    """The request's site, as ``Site.find_for_request`` gives it, from the cache when it is
    known in this generation (for views outside Wagtail's page tree too, such as search)."""
    if hasattr(request, "_wagtail_site") or not settings.CACHE_PUBLISHED_ANSWERS:
        return Site.find_for_request(request)
    site, _found = _site(request)
    if site is not None:
        request._wagtail_site = site
    return site


# The site each host was last found to be, per process: a guess that lets the first round
# trip to the cache read that site's generation tokens too (kept only if the guess was right).
_site_hints = {}


def _host(request):
    return split_domain_port(request._get_raw_host())[0], request.get_port()


def _site(request, also=()):
    """(site, what the cache held) for the request's host; ``also``: more keys to read."""
    host = _host(request)
    key = f"{SITE_KEY}:{digest(*host)}"
    hint = _site_hints.get(host)
    site_tokens = [f"{PREFIX}site-{hint}", f"{PREFIX}frame-{hint}"] if hint is not None else []
    found = read_with([ALL_TOKEN, *site_tokens], [key, *also])
    if found is None:
        return None, None
    token = found[ALL_TOKEN]
    remember(request, {ALL_TOKEN: token})
    entry = found.get(key)
    if entry is not None and entry[0] == token:
        site, root_paths = entry[1]
    else:
        site, root_paths = Site.find_for_request(request), Site.get_site_root_paths()
        if site is not None:
            _store(key, (token, (site, root_paths)))
    # Wagtail's own per-request copy of every site's root path (Page.get_url_parts reads it),
    # so building links asks the cache nothing more.
    request._wagtail_cached_site_root_paths = root_paths
    if site is not None and site.pk == hint:
        remember(request, {name: found[name] for name in site_tokens})
    elif site is not None:
        _site_hints[host] = site.pk
    return site, found


def _route_key(request, components):
    # By host, not site: the key is known before the site is, so both come in one read.
    return f"{ROUTE_KEY}:{digest(*_host(request), components, get_language())}"


def _route(request, site, components, found=None):
    key = _route_key(request, components)
    if found is None:  # the site came from elsewhere: read the route (and install token) now
        found = read_with([ALL_TOKEN], [key])
        if found is None:
            return
        remember(request, {ALL_TOKEN: found[ALL_TOKEN]})
    token = request._generations[ALL_TOKEN]
    entry = found.get(key)
    if entry is not None and entry[0] == token:
        label, pk, consumed, restrictions, url_path = entry[1]
        page = _live_page(request, site, apps.get_model(label), pk)
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
    _live_page(request, site, type(page), page.pk, found=page)  # the next visitor's copy
    restrictions = list(page.get_view_restrictions())
    page.remembered_view_restrictions = restrictions
    _store(key, (token, (page._meta.label_lower, page.pk, consumed, restrictions, page.url_path)))


def _live_page(request, site, model, pk, found=None):
    """The page as it is now. For visitors, as it was at the site's last publish: publishing
    or unpublishing a page (scheduled ones too) starts a new generation of its site, so the
    copy is never older than the page's live state. Signed-in people (editors, whose user bar
    shows the page's draft state) always get it from the database."""
    fetch = (lambda: found) if found is not None else model.objects.filter(pk=pk).first
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return fetch()
    return SiteAnswers(site.pk, "live-pages", request).get_or_compute(str(pk), fetch)


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
