"""The press team's list of interview requests: each site team sees and answers only its own
site's requests (those of the press rooms it works on, in every language); superusers see all.

Rows come from the public form only, so nobody adds one here; only a superuser deletes one
(an editor closes it instead, and the status keeps the record)."""

from django.db.models import Exists, OuterRef
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from interviews.models import InterviewEmail, InterviewRequest
from press.models import PressIndexPage
from teams.access import reachable_pages

TEAM_ACTIONS = {"change", "view"}


def requests_of(user):
    """The interview requests of the press rooms of ``user``'s sites (all, for a superuser)."""
    requests = InterviewRequest.objects.all()
    if user.is_superuser:
        return requests
    if not user.is_active:
        return requests.none()
    rooms = PressIndexPage.objects.filter(pk__in=reachable_pages(user).values("pk"))
    return requests.filter(press_room__in=rooms)


class TeamRequestsPolicy(BasePermissionPolicy):
    """Change and view for anyone who works on a press room; add for nobody; delete for superusers."""

    def user_has_permission(self, user, action):
        if not user.is_active:
            return False
        if user.is_superuser:
            return action != "add"
        return action in TEAM_ACTIONS and reachable_pages(user).filter(depth__gte=3).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and requests_of(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if any(self.user_has_permission(user, action) for action in actions):
            return requests_of(user)
        return InterviewRequest.objects.none()

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(is_active=True, is_superuser=True)


class OwnSitesOnly:
    """Edit and delete (Django's SingleObjectMixin) find only the user's own sites' requests:
    another site's id is a 404."""

    def get_queryset(self):
        return requests_of(self.request.user)


class OwnSitesObject:
    """History and usage (listings about one object, Wagtail's BaseObjectMixin): the same."""

    def get_base_object_queryset(self):
        return requests_of(self.request.user)


class IndexView(generic.IndexView):
    def get_base_queryset(self):
        failed = InterviewEmail.objects.filter(request=OuterRef("pk"), state=InterviewEmail.State.FAILED)
        return (
            requests_of(self.request.user)
            .select_related("site", "press_room", "story")
            .annotate(email_failed=Exists(failed))
        )


class EditView(OwnSitesOnly, generic.EditView):
    pass


class DeleteView(OwnSitesOnly, generic.DeleteView):
    pass


class HistoryView(OwnSitesObject, history.HistoryView):
    pass


class UsageView(OwnSitesObject, usage.UsageView):
    pass


class SiteColumn(Column):
    def get_value(self, instance):
        return instance.site.site_name or instance.site.hostname


class EmailsColumn(Column):
    """Whether an email of the request could not be delivered (a refused address): call instead."""

    def get_value(self, instance):
        return "Not delivered" if getattr(instance, "email_failed", False) else ""


class InterviewRequestViewSet(ModelViewSet):
    model = InterviewRequest
    icon = "mail"
    menu_label = "Interview requests"
    menu_order = 165
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = IndexView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView
    list_filter = ["status"]
    search_fields = ["name", "outlet", "email", "topic", "message"]
    list_display = [
        TitleColumn("name", label="Journalist", url_name="interview_requests:edit"),
        "outlet",
        DateColumn("deadline", label="Deadline"),
        "about",
        "status",
        SiteColumn("site", label="Site"),
        DateColumn("created_at", label="Received"),
        EmailsColumn("email_failed", label="Emails"),
    ]
    list_export = [
        "name",
        "outlet",
        "email",
        "phone",
        "deadline",
        "language",
        "about",
        "message",
        "status",
        "created_at",
    ]
    export_filename = "interview-requests"
    panels = [
        FieldPanel("status"),
        FieldPanel("notes"),
        MultiFieldPanel(
            [
                FieldPanel("name", read_only=True),
                FieldPanel("outlet", read_only=True),
                FieldPanel("email", read_only=True),
                FieldPanel("phone", read_only=True),
                FieldPanel("deadline", read_only=True),
                FieldPanel("language", read_only=True),
                FieldPanel("story", read_only=True),
                FieldPanel("topic", read_only=True),
                FieldPanel("message", read_only=True),
                FieldPanel("created_at", read_only=True),
            ],
            heading="The request",
        ),
    ]

    @property
    def permission_policy(self):
        return TeamRequestsPolicy(self.model)


interview_request_viewset = InterviewRequestViewSet("interview_requests")
