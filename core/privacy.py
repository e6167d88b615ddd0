"""Which parts of the page tree are private, read once per change, not once per listing.

Wagtail's ``PageQuerySet.public()`` reads every privacy rule (a query) each time a listing is
built. The rules change only when an editor changes a page's privacy or moves a page; both
start a new install generation (``frontcache.signal_handlers``), so the sections they cover
are kept in the cache until then."""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from core.generations import SiteAnswers


def private_sections():
    """[(path, depth)] of every page with a privacy rule: it and its descendants are private."""

    def compute():
        return sorted(set(PageViewRestriction.objects.values_list("page__path", "page__depth")))

    return SiteAnswers(0, "privacy").get_or_compute("sections", compute)


def private_q():
    """A Q matching pages in a private section, as ``PageQuerySet.private_q`` gives it."""
    q = Q()
    for path, depth in private_sections():
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])
