"""WordPress's short links, /?p=123 (a post) and /?attachment_id=456 (an image's or file's
page), lead to the imported story.

Wagtail's RedirectMiddleware only looks for a redirect when the response is a 404, and /?p=123
is the site's home page (200): its query string would never be read. This middleware answers
those requests from the same Redirect rows (editable in the admin's Redirects list) before the
home page is served."""

from django.http import HttpResponsePermanentRedirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

SHORT_LINK_KEYS = ("p", "attachment_id")


class WordPressShortLinkMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/":
            for key in SHORT_LINK_KEYS:
                value = request.GET.get(key, "")
                if value.isdigit() and len(value) < 20:
                    return self._redirect(request, f"/?{key}={value}") or self.get_response(request)
        return self.get_response(request)

    @staticmethod
    def _redirect(request, old_path):
        site = Site.find_for_request(request)
        if site is None:
            return None
        redirect = Redirect.get_for_site(site).filter(old_path=old_path).order_by("site_id").first()
        if redirect is not None and redirect.link:
            return HttpResponsePermanentRedirect(redirect.link)
        return None
