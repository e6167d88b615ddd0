import re

from django import template
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from core import translations
from press.filters import StoryFilters, query_stems, word_stem
from press.models import PressIndexPage
from press.widget import widget_snippet

register = template.Library()
WORD_SPLIT = re.compile(r"([^\W_]+)")


@register.simple_tag(takes_context=True)
def site_press_room(context):
    """The press room of the site being viewed (for the header's navigation and feed link).

    The page being shown usually knows it already (a press room is its own; stories, home
    pages and search put theirs in the context): only look it up when it doesn't."""
    for candidate in (context.get("press_room"), context.get("page")):
        if isinstance(candidate, PressIndexPage):
            return candidate
    request = context.get("request")
    return PressIndexPage.for_request(request) if request is not None else None


@register.simple_tag(takes_context=True)
def story_structured_data(context, story):
    """schema.org NewsArticle for a story (see ``StoryPage.structured_data``)."""
    return story.structured_data(context["request"], context["branding"])


@register.simple_tag(takes_context=True)
def organization_structured_data(context, press_room, contacts):
    """schema.org Organization with its media contacts (``PressIndexPage.organization_structured_data``)."""
    return press_room.organization_structured_data(context["request"], context["branding"], contacts)


@register.simple_tag(takes_context=True)
def member_widget_snippet(context, press_room):
    """The iframe a member organisation pastes into its site to carry the room's statements."""
    return widget_snippet(context["request"], press_room, context["branding"])


@register.simple_tag
def filtered_listing_url(listing_url, **filters):
    """The press room's listing narrowed by ``filters`` (e.g. ``topic=slug``), written by
    ``StoryFilters`` like every other filter link."""
    return listing_url + StoryFilters(**filters).querystring()


@register.filter
def localized_name(record):
    """A press-directory record's name in the page's language (``core.translations``)."""
    return translations.localized_name(record)


@register.filter(expects_localtime=True)
def long_date(value):
    """'February 15, 2019'; in Spanish '15 de febrero de 2019'. A moment (a correction's) is
    dated on the site's local day (TIME_ZONE), as the feed and JSON-LD date it, not UTC's."""
    # Translators: a long date in Django's date format: F month name, j day, Y year. Spanish: j \d\e F \d\e Y
    return date_format(value, pgettext("long date format", "F j, Y")) if value else ""


@register.filter(expects_localtime=True)
def long_datetime(value):
    """'Friday, February 15, 2019, 10:00 AM PST' (an embargo's end, in the site's time zone);
    in Spanish 'el viernes 15 de febrero de 2019, 10:00 PST' (after "Embargado hasta")."""
    # Translators: a date and time in Django's date format: l weekday, F month, j day, Y year,
    # g:i A 12-hour time, T time zone. Spanish: \e\l l j \d\e F \d\e Y, H:i T
    return date_format(value, pgettext("long date and time format", "l, F j, Y, g:i A T")) if value else ""


@register.filter
def highlight(text, query):
    """``text`` with each word of the search ``query`` in it marked (<mark>), the rest escaped:
    a summary in search results shows why it matched. Everything but the marks is escaped, so
    a summary or a query holding HTML stays text."""
    stems = query_stems(query or "")
    if not stems:
        return text
    # Split on words, keeping them: words at odd places, what lies between at even ones.
    pieces = WORD_SPLIT.split(str(text))
    marked = (
        format_html("<mark>{}</mark>", piece) if at % 2 and word_stem(piece) in stems else escape(piece)
        for at, piece in enumerate(pieces)
    )
    return mark_safe("".join(marked))  # noqa: S308 (every piece escaped above)
