"""A press room's RSS 2.0 feed: the latest stories, filtered like the listing."""

import datetime

from django.contrib.syndication.views import Feed
from django.templatetags.static import static
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed, Stylesheet
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext

from core.models import SiteBranding
from core.translations import active_language, is_default_language, localized_name
from press.filters import StoryFilters
from press.models.story_rows import with_category_name

FEED_LENGTH = 50


class BrowsableRss(Rss201rev2Feed):
    """RSS 2.0 sent as application/xml: browsers show application/rss+xml as plain text (or
    download it) without applying its stylesheet; feed readers read either."""

    content_type = "application/xml; charset=utf-8"


# The browser view of a feed (what a feed is, how to follow it) in each language but English.
FEED_STYLESHEETS = {"es": "feeds/feed.es.xsl"}


class PressRoomFeed(Feed):
    feed_type = BrowsableRss

    def stylesheets(self):
        # A browser shows people what a feed is and how to follow it; feed readers ignore it.
        # In the feed's language: static files, so each language has its own copy (English for
        # a language without one).
        name = FEED_STYLESHEETS.get(active_language(), "feeds/feed.xsl")
        return [Stylesheet(static(name), mimetype="text/xsl")]

    def get_object(self, request, press_room):
        self.request = request
        self.filters = StoryFilters.from_querydict(request.GET)
        self.branding = SiteBranding.for_request(request)
        return press_room

    def title(self, press_room):
        return f"{press_room.title} | {self.branding.display_name}"

    def link(self, press_room):
        return press_room.get_full_url(self.request) + self.filters.querystring()

    def feed_url(self, press_room):
        return self.request.build_absolute_uri()

    def description(self, press_room):
        if self.filters.is_active:
            return gettext("Latest stories from %(feed)s matching the chosen filters.") % {
                "feed": self.title(press_room)
            }
        return gettext("Latest stories from %(feed)s.") % {"feed": self.title(press_room)}

    def items(self, press_room):
        return list(self.filters.apply(press_room.get_stories()).for_feed()[:FEED_LENGTH])

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        # Updates and corrections lead, dated, so a reader sees what changed.
        notes = [f"{self._note_label(note)}: {note.note}" for note in story.correction_list]
        return "\n\n".join([*notes, story.summary])

    @staticmethod
    def _note_label(note):
        """ "Corrected March 4, 2019", in the feed's language ("Corregido 4 de marzo de 2019")."""
        kind = gettext("Corrected") if note.kind == "correction" else gettext("Updated")
        return f"{kind} {date_format(timezone.localtime(note.noted_at), pgettext('long date format', 'F j, Y'))}"

    def item_updateddate(self, story):
        return timezone.localtime(story.modified_at) if story.correction_list else None

    def item_link(self, story):
        # Cross-listed stories link to their home site, where they live.
        return story.get_full_url(self.request)

    def item_guid(self, story):
        # The page's translation key never changes, whatever happens to its slug or site. A
        # translation shares it, so its guid adds its language (each feed is one language).
        if is_default_language():
            return f"urn:uuid:{story.translation_key}"
        return f"urn:uuid:{story.translation_key}:{story.locale_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, story):
        return timezone.make_aware(datetime.datetime.combine(story.date, datetime.time.min))

    def item_categories(self, story):
        names = [localized_name(with_category_name(story).category)] if story.category else []
        return names + [localized_name(topic) for topic in story.topic_list]
