"""/search/ on each site: the stories listed in that site's press room (its own and the
ones it cross-lists), the newest 100 matches ranked by Wagtail's search backend (titles that
hold every word first), then older matches newest first (``StoryPageQuerySet.ranked_ids``);
or, with ``?sort=newest``, every match newest first. Each result's summary marks the words
searched for."""

from django.db.models import Subquery
from django.http import QueryDict
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext
from wagtail.models import Site

from core.pictures import fetch_page_pictures
from press.filters import clean_query
from press.listing import annotate_home_sites, card_pictures, paginate
from press.models import PressIndexPage, StoryPage
from presskit.models import PressKitPage

PER_PAGE = 20
NEWEST = "newest"  # ?sort=newest; no sort is best match first


def search(request):
    query, notices = clean_query(request.GET.get("q", ""))
    sort, sort_notices = clean_sort(request.GET.get("sort", ""))
    notices += sort_notices
    press_room = site_press_room(request)
    paginator = page_obj = None
    if query:
        # Only punctuation, or a site without a press room, finds nothing.
        results = []
        if press_room is not None:
            results = RankedStories(press_room.get_stories().ranked_ids(query, newest_first=sort == NEWEST))
        paginator, page_obj = paginate(request, results, PER_PAGE)
        annotate_home_sites(page_obj.object_list, press_room, request)
    # The cards' pictures and the frame's, in one query at most.
    fetch_page_pictures(request, card_pictures(page_obj.object_list) if page_obj is not None else [])
    context = {
        "query": query,
        "notices": notices,
        "press_room": press_room,
        "paginator": paginator,
        "page_obj": page_obj,
        "stories": page_obj.object_list if page_obj is not None else [],
        "listing_url": request.path,
        "query_params": QueryDict(mutable=True, query_string=urlencode(search_params(query, sort))),
        "canonical_url": request.build_absolute_uri(request.path) + canonical_querystring(query, sort, page_obj),
        "sort": sort,
        "best_match_url": f"?{urlencode(search_params(query, ''))}",
        "newest_url": f"?{urlencode(search_params(query, NEWEST))}",
    }
    return TemplateResponse(request, "pages/search_results.html", context)


def site_press_room(request):
    """The site's live press room in the page's language, carrying the address of the site's
    press kit (the header links to both): one query for the two."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    kit = PressKitPage.top_of(site).values("url_path")[:1]
    rooms = PressIndexPage.rooms_in_language_under(site.root_page)
    return rooms.annotate(press_kit_url_path=Subquery(kit)).first()


class RankedStories:
    """Search results as the paginator reads them: ids in rank order, each page's stories
    fetched by id in one query."""

    def __init__(self, ids):
        self._ids = ids

    def __len__(self):
        return len(self._ids)

    def __getitem__(self, window):
        ids = self._ids[window]
        found = StoryPage.objects.filter(pk__in=ids).for_listing().in_bulk()
        return [found[pk] for pk in ids if pk in found]


def clean_sort(raw):
    """(sort, notices) from the raw ``sort`` parameter: "newest", or "" (best match first)
    for anything else, with a notice when the visitor asked for something we do not offer."""
    if raw in ("", NEWEST):
        return raw, []
    return "", [gettext("That sort order is not one we offer, so the best matches come first.")]


def search_params(query, sort):
    params = {"q": query} if query else {}
    if sort:
        params["sort"] = sort
    return params


def canonical_querystring(query, sort, page_obj):
    params = search_params(query, sort)
    if page_obj is not None and page_obj.number > 1:
        params["page"] = page_obj.number
    return f"?{urlencode(params)}" if params else ""
