"""WordPress's short links, /?p=123, lead to the imported story.

Wagtail's RedirectMiddleware only looks for a redirect when the response is a 404, and /?p=123
is the site's home page (200): its query string would never be read. This middleware answers
those requests from the same Redirect rows (editable in the admin's Redirects list) before the
home page is served."""

from django.http import HttpResponsePermanentRedirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site


class WordPressShortLinkMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        post_id = request.GET.get("p", "")
        if request.path == "/" and post_id.isdigit() and len(post_id) < 20:
            site = Site.find_for_request(request)
            redirect = (
                Redirect.get_for_site(site).filter(old_path=f"/?p={post_id}").order_by("site_id").first()
                if site
                else None
            )
            if redirect is not None and redirect.link:
                return HttpResponsePermanentRedirect(redirect.link)
        return self.get_response(request)
