"""A press room's JSON Feed 1.1 (https://jsonfeed.org/version/1.1): the RSS feed's items and
filters, for member organisations' sites and tools that read JSON rather than XML."""

import json

from django.utils.feedgenerator import SyndicationFeed, rfc3339_date

from core.translations import active_language
from press.feeds import PressRoomFeed

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


class JsonFeed11(SyndicationFeed):
    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding):
        feed = {
            "version": JSON_FEED_VERSION,
            "title": self.feed["title"],
            "home_page_url": self.feed["link"],
            "feed_url": self.feed["feed_url"],
            "description": self.feed["description"],
            "language": self.feed["language"],
            "items": [self._item(item) for item in self.items],
        }
        outfile.write(json.dumps(feed, ensure_ascii=False, indent=1).encode(encoding))

    @staticmethod
    def _item(item):
        entry = {
            "id": item["unique_id"],
            "url": item["link"],
            "title": item["title"],
            "content_text": item["description"],
            "date_published": rfc3339_date(item["pubdate"]),
        }
        if item["updateddate"]:
            entry["date_modified"] = rfc3339_date(item["updateddate"])
        if item["categories"]:
            entry["tags"] = item["categories"]
        return entry


class PressRoomJsonFeed(PressRoomFeed):
    """The same items as the room's RSS feed (filters, guids, dates, categories), as JSON."""

    feed_type = JsonFeed11
    language = None  # set per request below: the feed's language is the page's

    def stylesheets(self):
        return []  # a browser shows JSON as it is

    def get_object(self, request, press_room):
        self.language = active_language()
        return super().get_object(request, press_room)
