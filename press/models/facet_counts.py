"""A press room's counts over every story it lists (years, categories, topics, people,
organisations), kept up to date by the publish signals (``press.signals``) instead of counted
by the visitor: at 10,000 stories the whole-room counts are most of what an unfiltered room
cost. The publisher pays, in one INSERT … SELECT per room; a visitor reads them in one query,
with their labels (``StoryPageQuerySet.count_together``)."""

import contextvars
from contextlib import contextmanager

from django.db import connections, models, transaction

# What a room counts over all its stories: the facets of a room with no filter.
KINDS = ("year", "category", "topic", "spokesperson", "organization")
# The row saying a room has been counted (its ``n``: how many stories it lists).
COUNTED = "counted"
# PostgreSQL advisory locks taken while recounting a room: (this number, the room's id).
LOCK_SPACE = 7331
# Inside ``counting_deferred()``: {room id: room} to recount when it ends.
_deferred = contextvars.ContextVar("press_facet_counts_deferred", default=None)


class RoomFacetCount(models.Model):
    """``n`` of a room's live, public stories have ``value`` as their ``kind`` (a year, or the
    id of a category, topic, person or organisation; labels are joined when read, so a renamed
    or deleted record never shows a stale name)."""

    room = models.ForeignKey("press.PressIndexPage", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12)
    value = models.IntegerField()
    n = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["room", "kind", "value"], name="press_room_facet_count_unique")]

    def __str__(self):
        return f"{self.kind} {self.value}: {self.n}"


class StoredCounts:
    """A room's kept counts, asked as a story queryset is (``count_sql``), so
    ``count_together`` reads them in the same one query as any counts it computes. The kind
    ``COUNTED`` is one row, (0, stories listed), when the room has been counted: without it
    (just migrated, never published to) the caller counts the room's stories instead."""

    COUNTED = COUNTED

    def __init__(self, room):
        self.room = room

    def count_sql(self, kind):
        rows = RoomFacetCount.objects.filter(room_id=self.room.pk, kind=kind).values_list("value", "n")
        return rows.order_by().query.sql_with_params()


def count_room(room):
    count_rooms([room])


def _count_room(room):
    """Recount ``room``'s facets from its stories: its rows replaced in one transaction,
    the counts written by one INSERT … SELECT (a UNION ALL of one GROUP BY per kind)."""
    stories = room.get_stories()
    selects, params = [], []
    for kind in KINDS:
        sql, part_params = stories.count_sql(kind)
        selects.append(f"SELECT %s, %s, counted.value, counted.n FROM ({sql}) AS counted")  # noqa: S608
        params.extend([room.pk, kind, *part_params])
    ids_sql, ids_params = stories.order_by().values("pk").query.sql_with_params()
    selects.append(f"SELECT %s, %s, 0, COUNT(*) FROM ({ids_sql}) AS listed")  # noqa: S608
    params.extend([room.pk, COUNTED, *ids_params])
    table = RoomFacetCount._meta.db_table
    # Django's SQL, compiled from querysets; every value is a parameter.
    insert = f"INSERT INTO {table} (room_id, kind, value, n) {' UNION ALL '.join(selects)}"
    using = stories.db
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        if connections[using].vendor == "postgresql":
            # Two publishes recounting one room take turns (until the first commits), so the
            # second counts the first's story too and replaces its rows rather than colliding
            # with them. A lock of our own, not the room's row, which Wagtail's tree writes
            # lock in their own order (a row lock here deadlocked with ``add_child``).
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_SPACE, room.pk])
        RoomFacetCount.objects.using(using).filter(room_id=room.pk).delete()
        cursor.execute(insert, params)


def count_rooms(rooms):
    """Recount ``rooms``, always in the same order (their locks are taken in it); inside
    ``counting_deferred()``, when it ends."""
    pending = _deferred.get()
    if pending is not None:
        pending.update((room.pk, room) for room in rooms)
        return
    for room in sorted(rooms, key=lambda room: room.pk):
        _count_room(room)


@contextmanager
def counting_deferred():
    """Many stories changed at once (an import): each room they touch is recounted once, when
    the block ends without an error, instead of once per published story."""
    if _deferred.get() is not None:  # the outer block counts
        yield
        return
    pending = {}
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
    count_rooms(pending.values())
