"""Per-site rows that newer features keep (interview requests), for the cross-site sweep in
test_team_permissions: the victim's row, the admin addresses that name it, the listings that
must not show it to another team, and what must not change."""

from interviews.models import InterviewRequest
from tests.interviews.helpers import make_request

# The owners see the victim's rows here; another site's team must not.
SITE_ROW_LISTINGS = [
    "/admin/interview_requests/",
    "/admin/interview_requests/?q=Journalist",
    "/admin/interview_requests/?export=csv",
]


def make_site_rows(site, press_room):
    return {"interview": make_request(site, press_room, "Victim Journalist")}


def site_row_endpoints(rows):
    """(label, method, url, data, rightful role), as ``CrossSiteRefusalMixin.endpoints``."""
    interview = "/admin/interview_requests/{}/" + f"{rows['interview'].pk}/"
    return [
        ("interview request", "get", interview.format("edit"), None, "editor"),
        ("interview request answer", "post", interview.format("edit"), {"status": "closed", "notes": "x"}, "editor"),
        ("interview request history", "get", interview.format("history"), None, "editor"),
        ("interview request usage", "get", interview.format("usage"), None, "editor"),
        ("interview request delete", "post", interview.format("delete"), {}, None),  # superusers only
    ]


def site_rows_snapshot():
    return {"interview_requests": list(InterviewRequest.objects.order_by("pk").values_list("pk", "status", "notes"))}
