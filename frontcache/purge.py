"""Sending purges: every change an editor makes names the surrogate keys of the responses
that could show it (a page states its own, ``get_purge_keys``); they are purged from every
configured Varnish once the change is committed (a purge sent earlier could let a visitor put
the old page back before the commit).

Softly as a rule: Varnish keeps serving the old copy while it fetches the new one, so no
visitor waits for a page to be rendered again after a publish. At once (``soft=False``) when
something is withdrawn (an unpublish, a deletion, a privacy rule): nobody may get it again."""

import threading

from django.db import transaction
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Page, Site

from frontcache.keys import ALL, page_key, site_key, site_keys_at

_pending = threading.local()


def purge_keys(keys, soft=()):
    """Purge ``keys`` at once and ``soft`` softly, now, from every configured backend that
    purges by key."""
    for backend in get_backends().values():
        if hasattr(backend, "purge_keys"):
            backend.purge_keys(keys, soft=soft)


def purge_on_commit(keys, *, soft=True):
    """Purge ``keys`` once the current transaction commits (now, outside one).

    Keys from one transaction go out together, in one request per Varnish: deleting a press
    room with 2,000 stories is one purge, not 2,000."""
    pending = getattr(_pending, "keys", None)
    if pending is None:
        pending = _pending.keys = {True: set(), False: set()}
    pending[soft].update(keys)
    # One callback per call: if an inner savepoint rolls back, its callback goes, but the
    # others still send everything pending (at worst a key too many, never one too few).
    transaction.on_commit(_send_pending)


def _send_pending():
    pending, _pending.keys = getattr(_pending, "keys", None), None
    if pending and (pending[True] or pending[False]) and get_backends():
        purge_keys(pending[False], soft=pending[True])


def purge_everything(*, soft=True):
    purge_on_commit({ALL}, soft=soft)


def page_purge_keys(page):
    """What to purge when ``page`` changes, as its page type states it; a page type that
    states nothing purges its site(s)."""
    page = page.specific_deferred if type(page) is Page else page
    get_purge_keys = getattr(page, "get_purge_keys", None)
    return set(get_purge_keys()) if get_purge_keys else site_keys_at(page.url_path) | {page_key(page.pk)}


def purge_page(page, *, soft=True):
    purge_on_commit(page_purge_keys(page), soft=soft)


def purge_sites(site_ids, *, with_listing_sites=False):
    """Purge every cached page of these sites; with ``with_listing_sites``, also what the
    pages at the top of these sites (their press rooms) say shows them elsewhere (a room on
    another site that lists their stories)."""
    keys = {site_key(site_id) for site_id in site_ids}
    if with_listing_sites:
        for site in Site.objects.filter(pk__in=site_ids).select_related("root_page"):
            for page in site.root_page.get_children().specific():
                keys |= page_purge_keys(page)
    purge_on_commit(keys)
