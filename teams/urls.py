"""The admin's URLs, each view guarded so that a team works on its own sites only."""

from django.urls import include, path
from django.views.decorators.cache import never_cache
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from desk.workflow import WorkflowActionWithMessage
from languages.views import PageTranslationView
from teams.guard import only_the_users_sites
from teams.reports import TeamPageTypesUsageReportView

# Served in place of Wagtail's views at the same addresses (they come first in the list).
replaced_views = decorate_urlpatterns(
    decorate_urlpatterns(
        [
            path("translation/submit/page/<int:page_id>/", PageTranslationView.as_view()),
            path("reports/page-types-usage/", TeamPageTypesUsageReportView.as_view()),
            path("reports/page-types-usage/results/", TeamPageTypesUsageReportView.as_view(results_only=True)),
            # The dashboard's approve / request changes buttons, with a confirmation message.
            path(
                "pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
                WorkflowActionWithMessage.as_view(),
                name="workflow_action",
            ),
        ],
        require_admin_access,
    ),
    never_cache,
)


def admin_urlpatterns():
    """Wagtail's admin (with every app's ``register_admin_urls``), for ``path("admin/", include(…))``."""
    return decorate_urlpatterns([*replaced_views, path("", include(wagtailadmin_urls))], only_the_users_sites)
