"""Adds many new live stories to a press room at once, writing the rows Wagtail's own
add_child → save_revision → publish path writes, in a fixed number of queries per batch.

That path costs about 110 queries a story (each save re-reads the tree, re-validates every
foreign key, re-indexes references, fetches the snippets in the body again, logs and purges):
5,000 posts took half an hour. Here a batch of stories costs about fifteen queries in all.

What a story gets, as if an editor had created and published it:
- its tree position (MP_Node path, depth, url_path) after the room's last child, and the
  room's numchild;
- a revision holding the page's serialised content, as its latest and live revision;
- the history entries "created" and "published";
- its topics and spokespeople (the people speaking in its body, as StoryPage.save works out);
- its reference-index rows (so "usage" of categories, images and people counts it);
- its search-index entry.
What it does not get: the page_published signal. The importer purges the press room's site
from the front cache (and bumps its cache generation) once, at the end."""

from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.db.models import F
from django.utils import timezone
from modelsearch.backends import get_search_backends
from treebeard.exceptions import PathOverflow
from wagtail.models import COMMENTS_RELATION_NAME, Page, PageLogEntry, ReferenceIndex, Revision

from core.blocks import spokesperson_ids
from press.models import StoryPage


def _insert(model, objs, fields, db, returning=False):
    """Multi-row INSERT of ``fields`` of ``objs`` into ``model``'s own table.

    Django's bulk_create refuses models with multi-table inheritance (StoryPage's rows live in
    wagtailcore_page and press_storypage); this is the insert that bulk_create and Model.save
    both use, called once per table."""
    returning_fields = [model._meta.pk] if returning else None
    return model._base_manager._insert(objs, fields=fields, returning_fields=returning_fields, using=db)


def validate(story):
    """The checks Page.full_clean makes on a live page that a bulk insert would skip, without
    its queries: lengths and required values. Foreign keys point at rows the importer has
    just read or made, and the slug is unique because the importer chose it among the room's."""
    story.clean_fields(exclude=[field.name for field in story._meta.fields if field.is_relation])


def add_live_stories(room, stories, spokespeople):
    """Insert ``stories`` (unsaved StoryPages with their fields, topics and slugs set) as live
    children of ``room``; return {story pk: its revision}. ``spokespeople`` is {pk: Spokesperson}."""
    if not stories:
        return {}
    db = room._state.db or "default"
    if not connections[db].features.can_return_rows_from_bulk_insert:
        raise NotImplementedError("bulk import needs a database that returns ids from a multi-row INSERT")
    now = timezone.now()
    page_type = ContentType.objects.get_for_model(Page)
    story_type = ContentType.objects.get_for_model(StoryPage)

    # Lock the room's row, as treebeard's add_child does, then place the stories after its
    # last child.
    room_row = Page.objects.select_for_update().only("path", "depth", "url_path").get(pk=room.pk)
    depth = room_row.depth + 1
    last = (
        Page.objects.filter(path__startswith=room_row.path, depth=depth)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    step = Page._str2int(last[-Page.steplen :]) if last else 0
    for story in stories:
        step += 1
        story.path = Page._get_path(room_row.path, depth, step)
        if len(story.path) != len(room_row.path) + Page.steplen:
            raise PathOverflow(f"the press room {room_row.url_path} has no room for more children")
        story.depth, story.numchild = depth, 0
        story.url_path = f"{room_row.url_path}{story.slug}/"
        story.locale_id = room.locale_id
        story.draft_title = story.title
        story.live, story.has_unpublished_changes, story.expired = True, False, False
        story.first_published_at = story.last_published_at = story.latest_revision_created_at = now
        story.spokespeople = [spokespeople[pk] for pk in spokesperson_ids(story.body) if pk in spokespeople]
        # Nothing to read back for these: saying so keeps serializable_data() from asking.
        story.signatories = []
        setattr(story, COMMENTS_RELATION_NAME, [])
        validate(story)

    page_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
    for story, (pk,) in zip(stories, _insert(Page, stories, page_fields, db, returning=True), strict=True):
        story.id = story.page_ptr_id = pk
    _insert(StoryPage, stories, StoryPage._meta.local_concrete_fields, db)
    for story in stories:
        story._state.adding, story._state.db = False, db
    Page.objects.filter(pk=room.pk).update(numchild=F("numchild") + len(stories))
    room.numchild += len(stories)

    for name in ("topics", "spokespeople"):
        field = StoryPage._meta.get_field(name)
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        field.remote_field.through.objects.bulk_create(
            field.remote_field.through(**{f"{source}_id": story.pk, f"{target}_id": item.pk})
            for story in stories
            for item in getattr(story, name).all()
        )

    revisions = Revision.objects.bulk_create(
        Revision(
            content_type=story_type,
            base_content_type=page_type,
            object_id=str(story.pk),
            created_at=now,
            content=story.serializable_data(),
            object_str=str(story),
        )
        for story in stories
    )
    for story, revision in zip(stories, revisions, strict=True):
        story.latest_revision = story.live_revision = revision
    Page.objects.bulk_update(stories, ["latest_revision", "live_revision"])

    PageLogEntry.objects.bulk_create(
        PageLogEntry(
            page_id=story.pk,
            content_type=story_type,
            label=story.get_admin_display_title(),
            action=action,
            timestamp=now,
            revision=logged_revision,
            content_changed=True,
        )
        for story, revision in zip(stories, revisions, strict=True)
        for action, logged_revision in (("wagtail.create", None), ("wagtail.publish", revision))
    )

    ReferenceIndex.objects.bulk_create(
        ReferenceIndex(
            content_type=story_type,
            base_content_type=page_type,
            object_id=str(story.pk),
            to_content_type_id=to_type,
            to_object_id=to_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for story in stories
        for to_type, to_id, model_path, content_path in set(ReferenceIndex._extract_references_from_object(story))
    )
    index(stories)
    return {story.pk: story.latest_revision for story in stories}


def index(stories):
    """Add or refresh ``stories`` in every search backend, in one statement per backend."""
    if stories:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(StoryPage, stories)
