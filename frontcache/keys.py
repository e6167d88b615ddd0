"""Surrogate keys: the names Varnish files each cached response under, so one purge request
clears every address (filters, pages, feeds) that could show a change."""

# Every cached response carries it: purging it empties the whole cache.
ALL = "all"


def site_key(site_id):
    return f"site-{site_id}"
