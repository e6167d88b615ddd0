"""Keeping the press rooms' facet counts (``press.models.facet_counts``) true: whatever changes
which stories a room lists, or how they count, recounts the rooms it can touch, in the
publisher's request. A change made behind Wagtail's back (a ``QuerySet.update()``, SQL by
hand, a bulk load) is followed by ``manage.py count_facets``."""

import weakref

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail import signals
from wagtail.models import Page, PageViewRestriction

from core.models import Spokesperson
from press.models import PressIndexPage, RoomFacetCount, StoryPage
from press.models.facet_counts import count_room, count_rooms

# Deletions already recounted: one delete of a room's 10,000 stories recounts once, not once
# a story (Django sends every post_delete after the rows are gone).
_recounted_deletions = weakref.WeakValueDictionary()


def rooms_touched(story, room_paths):
    """The rooms whose counts a change to ``story`` can alter, in its language: its room (the
    rooms at ``room_paths``: on a move, the old one too), the rooms that also list those, and
    the rooms that cross-list what an organisation signed (every one: the story's signatories
    before this change are not known here, and such rooms are few). Another site's room that
    lists nothing of this one is not recounted."""
    rooms_here = Page.objects.filter(path__in=room_paths).values("translation_key")
    touched = Q(path__in=room_paths) | Q(also_list_rooms__translation_key__in=rooms_here)
    touched |= Q(cross_list_signed_by__isnull=False)
    return PressIndexPage.objects.filter(touched, locale_id=story.locale_id).distinct()


def story_changed(sender, instance, **kwargs):
    """A story published or unpublished: the rooms it can touch (``rooms_touched``)."""
    count_rooms(rooms_touched(instance, [instance.path[: -instance.steplen]]))


def story_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    count_rooms(rooms_touched(instance, [parent_page_before.path, parent_page_after.path]))


def story_deleted(sender, instance, origin=None, **kwargs):
    """A story deleted (or a room, a site with its stories): every room of its language,
    once per deletion."""
    if origin is not None:
        if _recounted_deletions.get(id(origin)) is origin:
            return
        _recounted_deletions[id(origin)] = origin
    count_rooms(PressIndexPage.objects.filter(locale_id=instance.locale_id))


def room_deleted(sender, instance, **kwargs):
    """A room's counts go with it. The cascade deletes those it found before the deletion
    began; Wagtail unpublishes each page it deletes, and the recount that starts can write
    counts for the room after that, which would break the room's foreign key at the commit."""
    RoomFacetCount.objects.filter(room_id=instance.pk).delete()


def room_published(sender, instance, **kwargs):
    """A room published: what it cross-lists may have changed."""
    count_room(instance)


def every_room(sender, **kwargs):
    """Privacy (a restriction on a story, a room or a site) and people (an organisation's
    spokespeople count for it) reach across rooms: every room is recounted."""
    count_rooms(PressIndexPage.objects.all())


signals.page_published.connect(story_changed, sender=StoryPage)
signals.page_unpublished.connect(story_changed, sender=StoryPage)
signals.post_page_move.connect(story_moved, sender=StoryPage)
post_delete.connect(story_deleted, sender=StoryPage)
signals.page_published.connect(room_published, sender=PressIndexPage)
post_delete.connect(room_deleted, sender=PressIndexPage)
for signal in (post_save, post_delete):
    signal.connect(every_room, sender=PageViewRestriction, dispatch_uid=f"press-facets-privacy-{signal}")
    signal.connect(every_room, sender=Spokesperson, dispatch_uid=f"press-facets-people-{signal}")
