"""The journalist's side: an embargoed story, read through its secret link."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail.models import Site

from embargo.models import EmbargoLink, could_be_token


def embargoed_page(request, token):
    """The latest revision of the linked story, under an "EMBARGOED until …" banner.

    A wrong, revoked or expired token, or a link opened on another site's address, gets the
    site's ordinary 404: nothing tells a guesser that a story, or a link, exists. While the
    story is live the link sends readers to it; once it has been published the link never
    shows a draft again, even if the story is unpublished later."""
    if not could_be_token(token):
        # Not the shape of any token we issue (a NUL byte would even make PostgreSQL fail):
        # no need to ask the database.
        raise Http404
    link = EmbargoLink.objects.select_related("page").filter(token=token).first()
    site = Site.find_for_request(request)
    if link is None or link.is_revoked or link.is_expired:
        raise Http404
    page = link.page.specific
    # get_site() knows a site's root in every language: a Spanish story is under /es/'s home.
    if site is None or page.get_site() != site:
        raise Http404
    if page.live:
        return redirect(page.get_url(request))
    if link.ended_by_publication:
        raise Http404

    draft = page.get_latest_revision_as_object()
    # The address has no language prefix: the story's own language is the page's.
    with translation.override(page.locale.language_code):
        context = draft.get_context(request)
        context.update(embargoed_template=draft.get_template(request), embargoed_until=draft.go_live_at)
        response = TemplateResponse(request, "embargo/embargoed_page.html", context).render()
    # Never cached (by browsers, proxies or a CDN), never indexed, and the token never leaks
    # in a Referer header when the journalist follows a link out of the story.
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    response["Referrer-Policy"] = "no-referrer"
    return response
