"""Malformed input is refused before Wagtail's own admin views see it.

Wagtail's class-based views hand query values and ids straight to the ORM in a few places:
the image chooser's ``?tag=`` (a NUL byte makes PostgreSQL fail) and every chooser's
"chosen" views (``/chosen/<pk>/`` and ``?id=`` that are not a primary key raise ValueError;
the page chooser's ``?id=1``, the tree's root, an AttributeError).
Each gave a server error. The rules are keyed on the view class, not on the address, so they
cover every chooser Wagtail or an app registers; our own views clean their own input (the
press room, for one, ignores a NUL with a notice) and are left alone."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404
from wagtail.admin.views import chooser as page_chooser
from wagtail.admin.views.generic.chooser import ChosenMultipleViewMixin, ChosenViewMixin
from wagtail.coreutils import resolve_model_string
from wagtail.models import Page


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
