"""The stories desk: one "Stories" list of every story the user may edit, on every site."""

from django.conf import settings
from django.contrib.admin import SimpleListFilter
from django.db.models import Q
from wagtail import hooks
from wagtail_modeladmin.helpers import PageButtonHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import IndexView

from core.models import Category, in_default_locale
from desk.dashboard import AddStoryPanel
from desk.new_pages import refuse_autosave_of_a_new_page
from desk.query import FILTER_PARAMETERS, desk_query, whole_number
from desk.stories import STATUS_FILTERS, STATUS_LABELS, status_of, stories_for
from press.models import StoryPage


class ChoiceFilter(SimpleListFilter):
    """A filter whose value picks a condition; a value it does not know lists nothing
    (never a server error), so a mistyped or stale address is plainly empty."""

    def condition(self, value):
        raise NotImplementedError

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        condition = self.condition(self.value())
        return queryset.filter(condition) if condition is not None else queryset.none()


class WholeNumberFilter(ChoiceFilter):
    lookup = None  # the field the number is compared with
    minimum, maximum = 0, 2**31 - 1  # a primary key

    def condition(self, value):
        number = whole_number(value, self.minimum, self.maximum)
        return Q(**{self.lookup: number}) if number is not None else None


class SiteFilter(WholeNumberFilter):
    title = "site"
    parameter_name = "site"
    lookup = "desk_site_id"

    def lookups(self, request, model_admin):
        sites = stories_for(request.user).order_by().values_list("desk_site_id", "desk_site_name").distinct()
        return sorted((str(pk), name) for pk, name in sites if pk)


class CategoryFilter(WholeNumberFilter):
    # Django's own related-field filter needs django.contrib.admin, which this project does not use.
    title = "category"
    parameter_name = "category"
    lookup = "category_id"

    def lookups(self, request, model_admin):
        # Stories name the English categories (core.models.in_default_locale).
        return [(str(pk), name) for pk, name in Category.objects.filter(in_default_locale()).values_list("pk", "name")]


class LanguageFilter(ChoiceFilter):
    # In place of the locale filter modeladmin adds for translatable models (Django's related-field
    # filter, which needs django.contrib.admin). The languages are the settings': no query.
    title = "language"
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return list(settings.WAGTAIL_CONTENT_LANGUAGES)

    def condition(self, value):
        return Q(locale__language_code=value) if value in dict(settings.WAGTAIL_CONTENT_LANGUAGES) else None


class YearFilter(WholeNumberFilter):
    title = "year"
    parameter_name = "year"
    lookup = "date__year"
    minimum, maximum = 1, 9999  # what a date can hold

    def lookups(self, request, model_admin):
        years = stories_for(request.user).order_by().dates("date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]


class StatusFilter(ChoiceFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return list(STATUS_LABELS.items())

    def condition(self, value):
        return STATUS_FILTERS.get(value)


class StoryButtonHelper(PageButtonHelper):
    """Edit (and view live): the listing only holds stories the user may edit, so no
    per-row permission checks (each would cost queries)."""

    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = [self.edit_button(obj.pk, classnames_add, classnames_exclude)]
        if obj.live:
            buttons.append(
                {
                    "url": obj.full_url,
                    "label": "View live",
                    "classname": "button button-small button-secondary",
                    "title": f"View '{obj.title}' on its site",
                }
            )
        return buttons


def spreadsheet_safe(value):
    """A title like '=HYPERLINK(…)' must stay text when the export is opened in a spreadsheet."""
    if isinstance(value, str) and len(value) > 1 and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value
    return value


class StoryDeskIndexView(IndexView):
    def dispatch(self, request, *args, **kwargs):
        # Everything downstream (filters, search, ordering, paging, export, the links the page
        # builds) reads request.GET: give it only the desk's own parameters.
        request.GET = desk_query(request.GET, column_count=len(self.model_admin.list_display))
        return super().dispatch(request, *args, **kwargs)

    def get_filters_params(self, params=None):
        # modeladmin would pass every other key to the ORM as a lookup; the desk has none.
        params = self.params if params is None else params
        return {name: params.getlist(name) for name in FILTER_PARAMETERS if name in params}

    def write_csv_row(self, writer, row_dict):
        # The XLSX export already keeps formulas as text; CSV needs it done by hand.
        return super().write_csv_row(writer, {field: spreadsheet_safe(value) for field, value in row_dict.items()})


class StoryDesk(ModelAdmin):
    model = StoryPage
    menu_label = "Stories"
    menu_icon = "doc-full"
    menu_order = 150
    base_url_path = "stories"
    index_view_class = StoryDeskIndexView
    button_helper_class = StoryButtonHelper
    list_display = ["title", "site", "category", "date", "status", "spokespeople_names"]
    list_filter = [SiteFilter, LanguageFilter, CategoryFilter, YearFilter, StatusFilter]

    def get_list_filter(self, request):
        return self.list_filter  # not modeladmin's extra "locale": LanguageFilter does that

    search_fields = ["title", "subtitle", "summary"]
    ordering = ["-date", "-pk"]
    list_per_page = 50
    list_export = ["title", "site", "category", "date", "status", "spokespeople_names", "full_url"]
    export_filename = "stories"

    index_view_extra_css = ["desk/desk.css"]

    def get_queryset(self, request):
        return stories_for(request.user).order_by(*self.ordering)

    def get_extra_class_names_for_field_col(self, obj, field_name):
        return ["desk-nowrap"] if field_name in ("date", "status") else []

    def site(self, story):
        return story.desk_site_name or "—"

    def status(self, story):
        return STATUS_LABELS[status_of(story)]

    def spokespeople_names(self, story):
        return ", ".join(person.name for person in story.spokespeople.all())

    spokespeople_names.short_description = "spokespeople"

    def full_url(self, story):
        return story.full_url or ""

    full_url.short_description = "address"


modeladmin_register(StoryDesk)


@hooks.register("construct_homepage_panels")
def explain_how_to_add_a_story(request, panels):
    panels.insert(0, AddStoryPanel())


# A new page is stored when its editor saves it (desk/new_pages.py).
hooks.register("before_create_page", refuse_autosave_of_a_new_page)
