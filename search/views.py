"""/search/ on each site: the stories listed in that site's press room (its own and the
ones it cross-lists), the newest 100 matches ranked by Wagtail's search backend, then older
matches newest first (``StoryPageQuerySet.ranked_ids``)."""

import functools

from django.http import QueryDict
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import get_language
from wagtail.models import Site

from core.generations import SiteAnswers, digest
from core.routing import remembered_site
from press.filters import clean_query, search_terms
from press.listing import PAGE_NUMBER, CachedListing, annotate_home_sites, paginate
from press.models import PressIndexPage, StoryPage

PER_PAGE = 20


def search(request):
    remembered_site(request)
    query, notices = clean_query(request.GET.get("q", ""))
    press_room = PressIndexPage.for_request(request)
    paginator = page_obj = answers = fragment = None
    if query:
        # Only punctuation, or a site without a press room, finds nothing.
        if press_room is None:
            results = []
        else:
            # Ranking every match is the cost: counts, pages and the rendered results are
            # cached until the next publish.
            site = Site.find_for_request(request)
            answers = SiteAnswers(site.pk if site else None, f"search-{press_room.pk}", request)
            key = digest(search_terms(query))
            # The results as shown (they quote the words as typed), in the visitor's language.
            fragment = f"results:{digest(query, notices, get_language())}"
            number = request.GET.get("page") or "1"
            answers.prefetch(f"count:{key}", *([f"fragment:{fragment}:{number}"] if PAGE_NUMBER.match(number) else []))

            # The room's stories newest first change only on publish: kept per generation.
            def ranked():
                newest = answers.get_or_compute("newest-ids", press_room.get_stories().newest_ids)
                return StoryPage.objects.ranked_ids(query, newest)

            ranked_ids = functools.cache(lambda: answers.get_or_compute(f"ranked:{key}", ranked))
            results = CachedListing(
                ranked_ids,
                StoryPage,
                answers,
                key,
                prepare=lambda stories: annotate_home_sites(stories, press_room, request),
                count=lambda: len(ranked_ids()),
                ids_only=True,
            )
        paginator, page_obj = paginate(request, results, PER_PAGE)
        if fragment:
            fragment = f"{fragment}:{page_obj.number}"
    context = {
        "search_answers": answers,
        "results_fragment": fragment,
        "query": query,
        "notices": notices,
        "press_room": press_room,
        "paginator": paginator,
        "page_obj": page_obj,
        "stories": page_obj.object_list if page_obj is not None else [],
        "listing_url": request.path,
        "query_params": QueryDict(mutable=True, query_string=urlencode({"q": query})),
        "canonical_url": request.build_absolute_uri(request.path) + canonical_querystring(query, page_obj),
    }
    return TemplateResponse(request, "pages/search_results.html", context)


def canonical_querystring(query, page_obj):
    params = {"q": query} if query else {}
    if page_obj is not None and page_obj.number > 1:
        params["page"] = page_obj.number
    return f"?{urlencode(params)}" if params else ""
