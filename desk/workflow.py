"""Approving or rejecting from the dashboard says what happened.

Wagtail's own workflow action view (used by the dashboard's "Awaiting your review" buttons)
acts and returns to the dashboard in silence; this one, served at the same address, adds the
confirmation message the page editor's own actions give."""

from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin import messages
from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.pages.workflow import WorkflowAction
from wagtail.models import TaskState


class WorkflowActionWithMessage(WorkflowAction):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db()
        status = self.task_state.status
        if status == TaskState.STATUS_IN_PROGRESS:
            return response  # not acted on (e.g. a form error in the modal): nothing to confirm
        page = self.object.specific_class.objects.get(pk=self.object.pk)
        title = get_latest_str(page)
        if status == TaskState.STATUS_APPROVED:
            if page.live and not page.has_unpublished_changes:
                messages.success(request, f"“{title}” approved and published.")
            elif page.go_live_at and page.go_live_at > timezone.now():
                when = date_format(timezone.localtime(page.go_live_at), "l j F Y, g:i A T")
                messages.success(request, f"“{title}” approved: it goes live on {when}.")
            else:
                messages.success(request, f"“{title}” approved.")
        elif status == TaskState.STATUS_REJECTED:
            messages.success(request, f"Changes requested on “{title}”: its editor has been told.")
        return response
