"""What the stories desk knows about a story beyond its own fields: its site and its status,
worked out in the listing's one query (as SQL annotations), never one query per row."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Length, NullIf, Substr
from wagtail.models import Page, Site, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from press.models import StoryPage

LIVE, SCHEDULED, IN_MODERATION, DRAFT = "live", "scheduled", "in-moderation", "draft"
STATUS_LABELS = {LIVE: "Live", SCHEDULED: "Scheduled", IN_MODERATION: "In moderation", DRAFT: "Draft"}
STATUS_FILTERS = {
    LIVE: Q(live=True),
    SCHEDULED: Q(live=False, _approved_schedule=True),
    IN_MODERATION: Q(live=False, _approved_schedule=False, in_moderation=True),
    DRAFT: Q(live=False, _approved_schedule=False, in_moderation=False),
}


def _site_of_story():
    """The site whose root page, or a translation of it, the story is under (the deepest, if
    roots nest): a Spanish story sits under the Spanish home page, a sibling of the site's root."""
    root_above_story = Page.objects.filter(
        translation_key=OuterRef("root_page__translation_key"),
        path=Substr(OuterRef(OuterRef("path")), 1, Length("path")),
    )
    return Site.objects.filter(Exists(root_above_story)).order_by("-root_page__depth")


def stories_for(user):
    """Every story ``user`` may edit, on any site, with what the desk lists about it."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    in_moderation = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    site_label = Coalesce("sitebranding__name", NullIf("site_name", Value("")), "hostname")
    return (
        StoryPage.objects.filter(pk__in=editable.values("pk"))
        .annotate_approved_schedule()
        .annotate(
            in_moderation=Exists(in_moderation),
            desk_site_id=Subquery(_site_of_story().values("pk")[:1]),
            desk_site_name=Subquery(_site_of_story().annotate(label=site_label).values("label")[:1]),
        )
        .select_related("category")
        .prefetch_related("spokespeople")
        .defer_streamfields()
    )


def status_of(story):
    """The same rules as STATUS_FILTERS, for a story from ``stories_for``."""
    if story.live:
        return LIVE
    if story._approved_schedule:
        return SCHEDULED
    return IN_MODERATION if story.in_moderation else DRAFT
