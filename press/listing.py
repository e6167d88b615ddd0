"""Presentation helpers for story listings: where a cross-listed story comes from, and
the page-number rule every listing shares. The queries are on ``StoryPageQuerySet``."""

import re

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404

from core.models import SiteBranding

# The size of a listing card's picture (templates/includes/story_card.html).
CARD_IMAGE_SPEC = "fill-320x168"


def card_pictures(stories):
    """(image, specs) of the cards of ``stories``, for ``core.pictures.fetch_page_pictures``."""
    return [(story.listing_image, [CARD_IMAGE_SPEC]) for story in stories]


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
    names = site_names()
    for story in foreign:
        site_id = site_for_story.get(story.pk)
        story.home_site_name = names.get(site_id) or "another site"


def site_names():
    """{site id: branded name} of every site: one small query."""
    return dict(SiteBranding.objects.values_list("site_id", "name"))


class CountedStories:
    """A listing's stories as the paginator reads them, with their number already known
    (a press room reads it off its facet counts): paging costs no COUNT of its own, and each
    page is one query for its stories."""

    def __init__(self, stories, count):
        self._stories, self._count = stories, count

    def count(self):
        return self._count

    def __getitem__(self, window):
        # The page's ids are chosen first, in a subquery of narrow rows, and only its stories
        # read with what a card shows: a page far down the listing sorts ids, not whole cards.
        page = self._stories.values("pk")[window]
        return list(self._stories.model.objects.filter(pk__in=page).for_listing())


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
