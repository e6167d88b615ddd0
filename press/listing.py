"""Presentation helpers for story listings: where a cross-listed story comes from, and
the page-number rule every listing shares. The queries are on ``StoryPageQuerySet``."""

import re
from collections.abc import Sequence

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from wagtail.models import Site

from core.generations import SiteAnswers
from core.models import SiteBranding


def annotate_home_sites(stories, press_room, request):
    """Mark each story listed in ``press_room`` that lives on another site with
    ``home_site_name``, so the listing can say where it comes from.

    Costs at most two queries whatever the number of stories: the site root paths (cached
    by Wagtail, and the same answer ``get_url`` uses) and the branding of the sites involved."""
    foreign = [story for story in stories if not story.path.startswith(press_room.path)]
    for story in stories:
        story.home_site_name = ""
    if not foreign:
        return
    site_for_story = {story.pk: (story.get_url_parts(request) or [None])[0] for story in foreign}
    names = site_names(request)
    for story in foreign:
        site_id = site_for_story.get(story.pk)
        story.home_site_name = names.get(site_id) or "another site"


def site_names(request):
    """{site id: branded name} of every site, cached until a branding or site changes (both
    give the listing sites a new generation)."""
    site = Site.find_for_request(request)
    answers = SiteAnswers(site.pk if site else None, "sites", request)
    return answers.get_or_compute("names", lambda: dict(SiteBranding.objects.values_list("site_id", "name")))


class CachedListing:
    """A listing's stories as the paginator reads them (``count()`` and a slice), with the
    count and each page's story ids cached for the generation in ``answers``: a later visit
    to the same address costs one query for its stories (plus their prefetches) instead of
    counting and sorting every story the filters match.

    ``stories`` is a callable giving the full queryset, called only on a cache miss (building
    it can cost a query); ``model`` fetches a cached page's stories by id; ``count``, when
    given, counts them some cheaper way (the press room reads it off its facets); with
    ``ids_only``, ``stories`` gives only ids (search) and each page is then fetched by id."""

    def __init__(self, stories, model, answers, key, prepare=None, count=None, ids_only=False):
        self._stories, self._model, self._answers, self._key = stories, model, answers, key
        self._prepare, self._ids_only = prepare, ids_only
        self._count = count or (lambda: self._stories().count())

    def count(self):
        return self._answers.get_or_compute(f"count:{self._key}", self._count)

    def __getitem__(self, window):
        return LazyStories(lambda: self._fetch(window))

    def _fetch(self, window):
        fetched = []

        def compute():
            found = list(self._stories()[window])
            if not self._ids_only:
                fetched.extend(found)
            return [getattr(story, "pk", story) for story in found]  # stories, or ids already

        ids = self._answers.get_or_compute(f"ids:{self._key}:{window.start}:{window.stop}", compute)
        if not fetched and ids:
            found = {story.pk: story for story in self._model.objects.filter(pk__in=ids).for_listing()}
            fetched = [found[pk] for pk in ids if pk in found]
        if self._prepare is not None:
            self._prepare(fetched)
        return fetched


class LazyStories(Sequence):
    """A page of stories fetched when first read, so a page whose listing comes from a cached
    fragment (``{% cached_answer %}``) never fetches its stories at all."""

    def __init__(self, fetch):
        self._fetch, self._stories = fetch, None

    @property
    def stories(self):
        if self._stories is None:
            self._stories = self._fetch()
        return self._stories

    def __getitem__(self, index):
        return self.stories[index]

    def __len__(self):
        return len(self.stories)


# A positive whole number, without a leading zero or sign, short enough to be a real page.
PAGE_NUMBER = re.compile(r"^[1-9][0-9]{0,5}$")


def paginate(request, items, per_page):
    """(paginator, page) for the request's ``page`` parameter, the same rule for every listing:
    no parameter is page 1; anything that is not one of the listing's pages (``abc``, ``0``,
    ``-1``, past the last page) is a 404, so no two addresses show the same page and no
    address shows an empty one."""
    paginator = Paginator(items, per_page)
    number = request.GET.get("page") or "1"
    if not PAGE_NUMBER.match(number):
        raise Http404("No such page of this listing.")
    try:
        page = paginator.page(int(number))
    except EmptyPage as error:
        raise Http404("No such page of this listing.") from error
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
    return paginator, page
