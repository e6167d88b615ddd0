"""Sending purges: every change an editor makes names the sites whose pages could show it;
their surrogate keys are purged from every configured Varnish once the change is committed
(a purge sent earlier could let a visitor put the old page back before the commit)."""

import threading

from django.db import transaction
from django.db.models import Q
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Site

from frontcache.keys import ALL, site_key
from press.models import PressIndexPage

_pending = threading.local()


def purge_keys(keys):
    """Purge ``keys`` now, from every configured backend that purges by key."""
    for backend in get_backends().values():
        if hasattr(backend, "purge_keys"):
            backend.purge_keys(keys)


def purge_on_commit(keys, *, with_listing_sites=False, stories_only=False):
    """Purge ``keys`` once the current transaction commits (now, outside one); with
    ``with_listing_sites``, also the sites that list other sites' stories (worked out after
    the commit, so a press room that starts cross-listing in this change counts too).

    Keys from one transaction go out together, in one request per Varnish: deleting a press
    room with 2,000 stories is one purge, not 2,000."""
    pending = getattr(_pending, "keys", None)
    if pending is None:
        pending = _pending.keys = set()
    pending.update(keys)
    if with_listing_sites:
        _pending.with_listing_sites = True
        keys = {*keys, *(site_key(site_id) for site_id in sites_listing_other_sites())}
    # One callback per call: if an inner savepoint rolls back, its callback goes, but the
    # others still send everything pending (at worst a key too many, never one too few).
    transaction.on_commit(_send_pending)


def _send_pending():
    keys = getattr(_pending, "keys", None) or set()
    if getattr(_pending, "with_listing_sites", False):
        keys |= {site_key(site_id) for site_id in sites_listing_other_sites()}
    _pending.keys, _pending.with_listing_sites = None, False
    if keys and get_backends():
        purge_keys(keys)


def purge_everything():
    purge_on_commit({ALL})


def purge_sites(site_ids, *, with_listing_sites=False, stories_only=False):
    """Purge every cached page of these sites (and, if asked, of the sites that list them)."""
    purge_on_commit(
        {site_key(site_id) for site_id in site_ids}, with_listing_sites=with_listing_sites, stories_only=stories_only
    )


def sites_at(url_paths):
    """Ids of the sites whose tree holds any of ``url_paths`` (Wagtail page url_paths)."""
    return {
        root.site_id
        for root in Site.get_site_root_paths()
        for url_path in url_paths
        if url_path and url_path.startswith(root.root_path)
    }


def sites_listing_other_sites():
    """Sites whose press room also lists stories from other sites (cross-listing): any
    story, and any site's name, may appear there."""
    rooms = PressIndexPage.objects.filter(Q(cross_list_signed_by__isnull=False) | Q(also_list_rooms__isnull=False))
    paths = rooms.distinct().values_list("url_path", flat=True)
    return sites_at(paths)
