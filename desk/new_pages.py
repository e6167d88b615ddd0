"""A new page is stored when its editor saves it, not by autosave.

Wagtail 7.4's page editor autosaves a new page too: half a second after the first keystroke it
creates the page as a draft and turns the form into the page's edit form. An editor who then
closes the tab leaves a silent draft in the room; typing the same title again clashes with that
draft's slug (an error on the Promote tab, out of sight), and the first deliberate save says
"updated", not "created". So the create form does not autosave (its "unsaved changes" warning
still guards against leaving), and an autosave request to create a page (from a tab opened
before this) is refused without creating anything. Once saved, the page autosaves as before."""

from django.http import JsonResponse

CREATE_VIEW = "wagtailadmin_pages:add"


def is_autosave(request):
    """Wagtail's autosave asks for JSON; the Save button's submission asks for HTML."""
    return request.method == "POST" and not request.accepts("text/html")


class NewPageNotAutosavedMiddleware:
    """The page create form renders without Wagtail's autosave."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        match = request.resolver_match
        if match is not None and match.view_name == CREATE_VIEW and response.context_data is not None:
            response.context_data["autosave_enabled"] = False
        return response


def refuse_autosave_of_a_new_page(request, parent_page, page_class):
    """``before_create_page``: an autosave creates nothing."""
    if is_autosave(request):
        return JsonResponse(
            {
                "success": False,
                "error_code": "not_saved_yet",
                "error_message": "A new page is stored when you save it.",
            },
            status=400,
        )
    return None
