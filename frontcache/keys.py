"""Surrogate keys: the names Varnish files each cached response under, so one purge request
clears every address (filters, pages, feeds) that could show a change.

Every public response carries ``all`` and its site's ``site-<id>``; the view adds what it
shows. Pages state their own keys (``get_cache_keys`` and ``get_purge_keys`` on the page
types), built with the functions below; views say theirs where they are routed
(config/urls.py)."""

from wagtail.models import Site

# Every cached response carries it: purging it empties the whole cache.
ALL = "all"


def site_key(site_id):
    """Every public response of one site."""
    return f"site-{site_id}"


def page_key(page_id):
    """A page's own address (a story, a press kit), and the pages that link to it by title."""
    return f"page-{page_id}"


def room_key(room_id):
    """What lists a press room's stories: its listing with any filter and page, its feeds and
    the home page that shows its latest stories."""
    return f"room-{room_id}"


def search_key(site_id):
    """A site's search results, with any words."""
    return f"search-{site_id}"


def paths_key(site_id):
    """What depends on which addresses a site has: its sitemap and its not-found pages."""
    return f"paths-{site_id}"


def site_ids_at(*url_paths):
    """Ids of the sites whose tree (in any language) holds any of ``url_paths`` (Wagtail page
    url_paths); read from Wagtail's cached site root paths, so no query as a rule."""
    return {
        root.site_id
        for root in Site.get_site_root_paths()
        for url_path in url_paths
        if url_path and url_path.startswith(root.root_path)
    }


def site_keys_at(*url_paths):
    return {site_key(site_id) for site_id in site_ids_at(*url_paths)}
