"""Whose media contacts a user works on: those of the sites whose team they are in (any site
whose root page they hold a page permission on; a superuser's: every site)."""

from wagtail.models import Site

from teams.access import reachable_pages


def sites_of(user):
    """The user's sites, as a list (kept on the request's user: asked several times a page)."""
    cached = getattr(user, "_medialists_sites", None)
    if cached is None:
        sites = Site.objects.select_related("root_page").order_by("pk")
        if not user.is_superuser:
            sites = sites.filter(root_page__in=reachable_pages(user).values("pk"))
        cached = user._medialists_sites = list(sites)
    return cached


def site_ids_of(user):
    return [site.pk for site in sites_of(user)]
