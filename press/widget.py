"""The "latest statements" widget: a room's newest stories in a small page that a member
organisation frames on its own site (an iframe), filtered like the listing. It sets no cookie,
loads nothing but itself (styles inline, no script, no images) and links back to the stories."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext

from core.models import SiteBranding
from press.filters import StoryFilters
from press.models.story_rows import with_category_name

WIDGET_COUNTS = range(1, 11)
DEFAULT_WIDGET_COUNT = 5
WIDGET_HEIGHT = 560  # pixels, in the snippet members copy: five stories on a phone without a scroll bar


def widget_count(value):
    """How many stories the widget shows: ``?count=`` when it is 1 to 10, else the default."""
    try:
        count = int(value)
    except (TypeError, ValueError):
        return DEFAULT_WIDGET_COUNT
    return count if count in WIDGET_COUNTS else DEFAULT_WIDGET_COUNT


def widget_response(request, press_room):
    filters = StoryFilters.from_querydict(request.GET)
    count = widget_count(request.GET.get("count"))
    stories = [with_category_name(story) for story in filters.apply(press_room.get_stories()).for_feed()[:count]]
    branding = SiteBranding.for_request(request)
    context = {
        "page": press_room,
        "branding": branding,
        "stories": stories,
        "room_url": press_room.get_full_url(request) + filters.querystring(),
        "title": gettext("Latest statements from %(name)s") % {"name": branding.display_name},
    }
    return TemplateResponse(request, "widgets/latest_statements.html", context)


def widget_snippet(request, press_room, branding):
    """The HTML a member organisation pastes into its own site to show the widget."""
    src = press_room.get_full_url(request) + press_room.reverse_subpage("widget")
    title = gettext("Latest statements from %(name)s") % {"name": branding.display_name}
    return (
        f'<iframe src="{src}?count={DEFAULT_WIDGET_COUNT}" title="{title}" loading="lazy" '
        f'style="width:100%;max-width:40rem;height:{WIDGET_HEIGHT}px;border:0"></iframe>'
    )
