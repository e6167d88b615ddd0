"""Input that would be expensive to parse, or that Wagtail's own views cannot take, is refused
before anything parses it.

``RequestGuardMiddleware`` (first in MIDDLEWARE) refuses pathological Cookie headers;
``WagtailViewInputGuard`` refuses malformed ids and NUL bytes on Wagtail's admin views."""

import logging

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404, HttpResponseBadRequest
from wagtail.admin.views import chooser as page_chooser
from wagtail.admin.views.generic.chooser import ChosenMultipleViewMixin, ChosenViewMixin
from wagtail.coreutils import resolve_model_string
from wagtail.models import Page

logger = logging.getLogger("security.request_guard")

# A few session, CSRF and preference cookies are well under 1 KB; browsers cap one cookie at
# 4 KB. Nothing this site sets is quoted with backslashes.
DEFAULT_MAX_COOKIE_BYTES = 8192
DEFAULT_MAX_COOKIE_BACKSLASHES = 64

COOKIE_REFUSED = (
    "Bad request: the Cookie header is too large or malformed.\n"
    "Clear this site's cookies in your browser and try again.\n"
)


class RequestGuardMiddleware:
    """First in MIDDLEWARE: a Cookie header that is too long or full of backslashes gets a 400.

    Python before 3.11.10 unquotes cookie values in quadratic time (CVE-2024-7592): one
    request with many Cookie headers of backslashes (WSGI joins them into one) could hold a
    CPU core for minutes, and no worker timeout stops it. A deployment may run on such a
    Python, so the app refuses the header itself. It reads only the raw header: the session
    and CSRF middleware parse ``request.COOKIES`` later, and must never see it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.max_bytes = getattr(settings, "REQUEST_GUARD_MAX_COOKIE_BYTES", DEFAULT_MAX_COOKIE_BYTES)
        self.max_backslashes = getattr(settings, "REQUEST_GUARD_MAX_COOKIE_BACKSLASHES", DEFAULT_MAX_COOKIE_BACKSLASHES)

    def __call__(self, request):
        cookie = request.META.get("HTTP_COOKIE", "")
        if len(cookie) > self.max_bytes or cookie.count("\\") > self.max_backslashes:
            logger.warning(
                "Refused a Cookie header of %d characters (%d backslashes) for %s",
                len(cookie),
                cookie.count("\\"),
                request.path,
            )
            return HttpResponseBadRequest(COOKIE_REFUSED, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _is_wagtail_view(view_class):
    return view_class is not None and view_class.__module__.startswith("wagtail.")


def _chosen_ids(view_class, request, view_kwargs):
    if issubclass(view_class, ChosenViewMixin) and "pk" in view_kwargs:
        return [unquote(str(view_kwargs["pk"]))]
    if issubclass(view_class, (ChosenMultipleViewMixin, page_chooser.ChosenMultipleView)):
        return request.GET.getlist("id")
    return []


def _model_of(view_func, view_class):
    if issubclass(view_class, page_chooser.ChosenMultipleView):
        return Page
    return resolve_model_string(getattr(view_func, "view_initkwargs", {}).get("model") or view_class.model)


class WagtailViewInputGuard:
    """Wagtail's class-based views hand query values and ids straight to the ORM in a few places:
    the image chooser's ``?tag=`` (a NUL byte makes PostgreSQL fail) and every chooser's
    "chosen" views (``/chosen/<pk>/`` and ``?id=`` that are not a primary key raise ValueError;
    the page chooser's ``?id=1``, the tree's root, an AttributeError).
    Each gave a server error. The rules are keyed on the view class, not on the address, so they
    cover every chooser Wagtail or an app registers; our own views clean their own input (the
    press room, for one, ignores a NUL with a notice) and are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_class = getattr(view_func, "view_class", None)
        if not _is_wagtail_view(view_class):
            return None
        if any("\x00" in text for key, values in request.GET.lists() for text in (key, *values)):
            raise BadRequest("The address contains a NUL character.")
        ids = _chosen_ids(view_class, request, view_kwargs)
        if ids:
            model = _model_of(view_func, view_class)
            try:
                pks = [model._meta.pk.to_python(value) for value in ids]
            except ValidationError as error:
                raise Http404(f"Not a {model._meta.verbose_name} id.") from error
            if model is Page and Page.objects.filter(pk__in=pks, depth=1).exists():
                # The tree's root is no page anyone can choose (it has no parent to report).
                raise Http404("Not a page that can be chosen.")
        return None
