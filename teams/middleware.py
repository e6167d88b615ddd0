"""Admin URLs that name a page are refused to anyone who works on another site.

Wagtail checks permissions in each view; this checks them once, for every admin view that
takes a page id (edit, revisions, compare, workflow actions, previews, the page chooser…),
and for our own admin views that take a page id, so a secondary endpoint that forgets to
check cannot reveal another site's page. It found
one: the workflow cancellation dialog shows any page's workflow and task to any editor."""

from wagtail.admin.auth import permission_denied
from wagtail.models import Page

from teams.access import can_reach, explorable_pages

PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")


def _page_ids(match):
    ids = [match.kwargs[name] for name in PAGE_ID_KWARGS if name in match.kwargs]
    if match.url_name == "revisions_compare" and match.args:
        ids.append(match.args[0])  # a regex route: the page id is positional
    return [int(page_id) for page_id in ids]


class SitePageAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated or user.is_superuser:
            return None
        if match.namespace == "wagtailadmin_pages" or (
            request.path_info.startswith("/admin/") and any(name in match.kwargs for name in PAGE_ID_KWARGS)
        ):
            # Wagtail's page views, and any of our admin views that act on a page (embargo links).
            pages = Page.objects.filter(pk__in=_page_ids(match)).only("pk", "path", "depth")
            if any(not can_reach(user, page) for page in pages):
                return permission_denied(request)
        elif match.url_name == "wagtailadmin_choose_page_child":
            parent = Page.objects.filter(pk=match.kwargs["parent_page_id"]).first()
            if parent is not None and not explorable_pages(user).filter(pk=parent.pk).exists():
                return permission_denied(request)
        return None
