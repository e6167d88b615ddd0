"""The live, public story an address under it names (``<story>/release.pdf``…): found by
Wagtail's own routing, so a draft, an unpublished story, a private one or a page that is not a
story is the site's ordinary 404, exactly as the story's page would be."""

from django.http import Http404, HttpResponse
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page

from press.models import StoryPage


def live_story(request, story_path):
    """The story at ``story_path`` (its address under the site, without the language prefix),
    or Http404. A story behind a password or a sign-in offers nothing here. Runs the hooks
    Wagtail runs before serving a page, among them the front cache's record of the page: the
    answer is filed under the story's own keys and purged with it."""
    route = Page.route_for_request(request, story_path)
    if route is None:
        raise Http404("No such story")
    story, args, kwargs = route
    if args or kwargs or not isinstance(story, StoryPage):
        raise Http404("Not a story")
    if story.get_view_restrictions().exists():
        # Behind a password or a sign-in: nothing here, not even for a visitor who passed it
        # (these answers are the same for everyone, and kept at the edge).
        raise Http404("Not a public story")
    for hook in hooks.get_hooks("before_serve_page"):
        if isinstance(hook(story, request, (), {}), HttpResponse):
            raise Http404("Not a public story")
    return story


def under_embargo(story):
    """A live story whose printed embargo has not lifted yet offers no release."""
    lifts = story.embargo_lifts_at if story.release == "embargoed" else None
    return lifts is not None and lifts > timezone.now()
