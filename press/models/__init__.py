"""Press rooms and the stories in them: a module per page type, the story queryset apart."""

from press.models.facet_counts import RoomFacetCount
from press.models.press_room import PressIndexPage, PressRoomContact, reserved_slugs
from press.models.queryset import RANKED_SEARCH_MATCHES, StoryPageQuerySet
from press.models.story import StoryCorrection, StoryPage, StorySignatory, join_names

__all__ = [
    "RANKED_SEARCH_MATCHES",
    "PressIndexPage",
    "PressRoomContact",
    "RoomFacetCount",
    "StoryCorrection",
    "StoryPage",
    "StoryPageQuerySet",
    "StorySignatory",
    "join_names",
    "reserved_slugs",
]
