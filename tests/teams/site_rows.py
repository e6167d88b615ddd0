"""Per-site rows that newer features keep (interview requests, media contacts and lists, a media
advisory's RSVPs), for
the cross-site sweep in test_team_permissions: the victim's rows, the admin addresses that name
them, the listings that must not show them to another team, and what must not change."""

from advisories.models import RSVP
from interviews.models import InterviewRequest
from tests.advisories.data import add_event_and_rsvp
from tests.interviews.helpers import make_request
from tests.teams.media_lists import MEDIA_LIST_LISTINGS, media_list_endpoints, media_list_objects, media_list_snapshot

INTERVIEW_LISTINGS = [
    "/admin/interview_requests/",
    "/admin/interview_requests/?q=Journalist",
    "/admin/interview_requests/?export=csv",
]
# Another site's team must not see the victim's rows here; the owners see them in the second.
SITE_ROW_LISTINGS = [*INTERVIEW_LISTINGS, *MEDIA_LIST_LISTINGS, "/admin/advisories/"]
OWN_SITE_ROW_LISTINGS = [*INTERVIEW_LISTINGS, *MEDIA_LIST_LISTINGS[:3], "/admin/advisories/"]


def make_site_rows(test_class):
    """The victim site's rows, set on ``test_class`` (as ``site_rows`` and by media_lists)."""
    test_class.site_rows = {"interview": make_request(test_class.site, test_class.press, "Victim Journalist")}
    media_list_objects(test_class)
    add_event_and_rsvp(test_class.story, name="Victim Reporter")  # a media advisory's RSVPs: the team's only


def site_row_endpoints(test):
    """(label, method, url, data, rightful role), as ``CrossSiteRefusalMixin.endpoints``."""
    interview = "/admin/interview_requests/{}/" + f"{test.site_rows['interview'].pk}/"
    story = test.story
    return [
        *media_list_endpoints(test),
        ("advisory rsvps", "get", f"/admin/advisories/stories/{story.pk}/rsvps/", None, "editor"),
        ("advisory rsvps export", "get", f"/admin/advisories/stories/{story.pk}/rsvps.csv", None, "editor"),
        ("interview request", "get", interview.format("edit"), None, "editor"),
        ("interview request answer", "post", interview.format("edit"), {"status": "closed", "notes": "x"}, "editor"),
        ("interview request history", "get", interview.format("history"), None, "editor"),
        ("interview request usage", "get", interview.format("usage"), None, "editor"),
        ("interview request delete", "post", interview.format("delete"), {}, None),  # superusers only
    ]


def site_rows_snapshot():
    return {
        "interview_requests": list(InterviewRequest.objects.order_by("pk").values_list("pk", "status", "notes")),
        **media_list_snapshot(),
        "rsvps": list(RSVP.objects.order_by("pk").values_list("pk", "story_id", "name", "email")),
    }
