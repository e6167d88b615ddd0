"""Admin URLs that name a page are refused to anyone who works on another site.

Wagtail checks permissions in each view; this checks them once, for every admin view that
takes a page id in its path (edit, revisions, compare, workflow actions, previews, the page
chooser…) or in its query string (bulk actions, the page chooser's chosen pages), and for our
own admin views that take a page id, so a secondary endpoint that forgets to check cannot
reveal another site's page. It found two: the workflow cancellation dialog showed any page's
workflow and task to any editor, and the bulk actions named every page they were given
("You don't have permission to delete <title>")."""

from functools import wraps

from django.http import Http404
from wagtail.admin.auth import permission_denied
from wagtail.models import Page

from teams.access import can_reach, explorable_pages
from teams.media_guard import refuse_objects_out_of_sight

PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")
# The page chooser's views: what they take is a page to show or browse, so the test is
# "explorable" (the user's subtrees and the ancestors leading to them), as in its listing.
PAGE_CHOOSER_URL_NAMES = {
    "wagtailadmin_choose_page",
    "wagtailadmin_choose_page_child",
    "wagtailadmin_choose_page_search",
    "wagtailadmin_choose_page_chosen_multiple",
    "wagtailadmin_choose_page_external_link",
    "wagtailadmin_choose_page_email_link",
    "wagtailadmin_choose_page_phone_link",
    "wagtailadmin_choose_page_anchor_link",
}


class BadPageId(Exception):
    pass


def _as_ids(values):
    if not all(value.isascii() and value.isdigit() and len(value) < 19 for value in values):
        raise BadPageId
    return {int(value) for value in values}


def _pages_acted_on(request, match):
    """Ids of the pages the view would act on; None for "every page" (a bulk action's select-all
    without a parent page)."""
    ids = {match.kwargs[name] for name in PAGE_ID_KWARGS if name in match.kwargs}
    if match.url_name == "revisions_compare" and match.args:
        ids.add(match.args[0])  # a regex route: the page id is positional
    if match.url_name == "wagtail_bulk_action" and _is_page_model(match.kwargs):
        wanted = request.GET.getlist("id")
        if "all" in wanted:
            # Every child (or, when searching, every descendant) of ``childOf``, or every page.
            parent = request.GET.get("childOf")
            if parent is None:
                return None
            wanted = [parent]
        ids |= _as_ids(wanted)
    return _as_ids([str(page_id) for page_id in ids])


def _is_page_model(kwargs):
    from django.apps import apps

    try:
        model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
    except LookupError:
        return False
    return issubclass(model, Page)


def _pages_shown_by_chooser(request, match):
    ids = request.GET.getlist("target_pages[]") + request.GET.getlist("parent_page_id")
    if match.url_name == "wagtailadmin_choose_page_chosen_multiple":
        ids += request.GET.getlist("id")
    if "parent_page_id" in match.kwargs:
        ids.append(str(match.kwargs["parent_page_id"]))
    return _as_ids([page_id for page_id in ids if page_id])


def _refusal(request, match):
    """A response refusing the request, or None to let the view answer."""
    if match.url_name in PAGE_CHOOSER_URL_NAMES:
        shown = Page.objects.filter(pk__in=_pages_shown_by_chooser(request, match))
        if shown.exclude(pk__in=explorable_pages(request.user).values("pk")).exists():
            return permission_denied(request)
        return None
    ids = _pages_acted_on(request, match)
    if ids is None:
        return permission_denied(request)
    if not ids:
        return None
    pages = Page.objects.filter(pk__in=ids).only("pk", "path", "depth")
    if any(not can_reach(request.user, page) for page in pages):
        return permission_denied(request)
    return None


def only_the_users_sites(view):
    """Refuse the admin ``view`` to a non-superuser when the page ids it is given (in its URL
    or query string) include a page outside the user's sites, or an image, document or snippet
    the user may not see (``teams.media_guard``)."""
    if getattr(view, "only_the_users_sites", False):
        return view  # already guarded (the URLconf was loaded twice)

    @wraps(view)
    def guarded(request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not user.is_superuser:
            try:
                refusal = _refusal(request, request.resolver_match)
            except BadPageId:
                raise Http404("Not a page id") from None
            if refusal is not None:
                return refusal
            refuse_objects_out_of_sight(request, request.resolver_match)
        return view(request, *args, **kwargs)

    guarded.only_the_users_sites = True
    return guarded
