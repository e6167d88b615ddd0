from wagtail import hooks

from interviews.admin_views import interview_request_viewset


@hooks.register("register_admin_viewset")
def register_interview_requests():
    return interview_request_viewset
