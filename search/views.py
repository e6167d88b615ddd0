"""/search/ on each site: the stories listed in that site's press room (its own and the
ones it cross-lists), ranked by Wagtail's search backend."""

from django.http import QueryDict
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from wagtail.models import Site

from core.generations import SiteAnswers, digest
from press.filters import clean_query, search_terms
from press.listing import CachedListing, annotate_home_sites, paginate
from press.models import PressIndexPage, StoryPage

PER_PAGE = 20


def search(request):
    query, notices = clean_query(request.GET.get("q", ""))
    press_room = PressIndexPage.for_request(request)
    paginator = page_obj = None
    if query:
        # Only punctuation, or a site without a press room, finds nothing.
        if press_room is None:
            results = []
        else:
            # Ranking every match is the cost: counts and pages are cached until the next publish.
            site = Site.find_for_request(request)
            answers = SiteAnswers(site.pk if site else None, f"search-{press_room.pk}", request)
            results = CachedListing(
                lambda: press_room.get_stories().best_matches(query),
                StoryPage,
                answers,
                digest(search_terms(query)),
                prepare=lambda stories: annotate_home_sites(stories, press_room, request),
            )
        paginator, page_obj = paginate(request, results, PER_PAGE)
    context = {
        "query": query,
        "notices": notices,
        "press_room": press_room,
        "paginator": paginator,
        "page_obj": page_obj,
        "stories": page_obj.object_list if page_obj else [],
        "listing_url": request.path,
        "query_params": QueryDict(mutable=True, query_string=urlencode({"q": query})),
        "canonical_url": request.build_absolute_uri(request.path) + canonical_querystring(query, page_obj),
    }
    return TemplateResponse(request, "pages/search_results.html", context)


def canonical_querystring(query, page_obj):
    params = {"q": query} if query else {}
    if page_obj and page_obj.number > 1:
        params["page"] = page_obj.number
    return f"?{urlencode(params)}" if params else ""
