"""What a story's page and its feed item show of the story's relations (topics, dated notes,
signatories, language versions), read in the story's own query (``core.rows``) instead of a
query per relation. PostgreSQL only: elsewhere (``make run``'s SQLite) the story reads each
relation as Django does, with the same result."""

from django.apps import apps
from django.db import connections
from django.db.models import F, OuterRef
from django.db.models.functions import JSONObject
from wagtail.models import Page

from core.models import Category, Organization, Topic
from core.rows import from_json, json_rows, model_fields
from core.translations import is_default_language, name_here_sql


def _model(name):
    # Defined beside the story, which imports this module.
    return apps.get_model("press", name)


def topic_rows():
    links = _model("StoryPage").topics.through.objects.filter(storypage_id=OuterRef("pk"))
    fields = model_fields(Topic, "topic__")
    if not is_default_language():  # each topic's name in the page's language, when translated
        fields["name_here"] = name_here_sql(Topic, "topic__")
    return json_rows(links.order_by("topic__name"), **fields)


def category_name_here():
    """The story's category's name in the page's language (its own when untranslated): set
    on the category by ``with_category_name``."""
    return name_here_sql(Category, "category__")


def with_category_name(story):
    """``story`` with the name its query carried set on its category (``localized_name``)."""
    name = getattr(story, "category_name_here", None)
    if name is not None and story.category is not None:
        story.category.name_here = name
    return story


def correction_rows():
    notes = _model("StoryCorrection")
    return json_rows(notes.objects.filter(page_id=OuterRef("pk")).order_by("sort_order"), **model_fields(notes))


def signatory_rows():
    signatories = _model("StorySignatory")
    return json_rows(
        signatories.objects.filter(page_id=OuterRef("pk")).order_by("sort_order"),
        **model_fields(signatories),
        organization=JSONObject(**model_fields(Organization, "organization__")),
    )


def version_rows(translation_key=None):
    """The live versions of a page in every language (itself included): what the language
    switcher and the hreflang links need of each, its locale and its address. The outer
    query's page's, or those of the page whose ``translation_key`` is given."""
    key = OuterRef("translation_key") if translation_key is None else translation_key
    versions = Page.objects.filter(translation_key=key, live=True).order_by("path")
    return json_rows(versions, id=F("id"), locale_id=F("locale_id"), url_path=F("url_path"))


# Rows other apps add, each registered by its app's ``ready()`` ({name: function making the
# annotation}): a story's page carries ``story_page_rows`` (``for_story_page``), and the query
# that finds a press room for its own page and its site's home page carries ``room_rows``
# (``SiteRootPage.press_rooms``). What those apps show costs no query more, and press imports
# none of them.
story_page_rows = {}
room_rows = {}


def carried(queryset, **rows):
    """``queryset`` annotated with ``rows`` ({name: one of the functions above}) where the
    database can carry them (PostgreSQL)."""
    if connections[queryset.db].vendor != "postgresql":
        return queryset
    return queryset.annotate(**{name: make() for name, make in rows.items()})


def carried_story_rows(stories, **rows):
    """``carried`` for stories: on a page in another language than the default, with the
    category's name in that language too."""
    if not is_default_language():
        rows = {**rows, "category_name_here": category_name_here}
    return carried(stories, **rows)


def live_versions_of(page):
    """``page``'s live versions in every language: carried by its query (``version_rows``),
    else read."""
    rows = getattr(page, "version_rows", None)
    if rows is None:
        return list(page.get_translations(inclusive=True).live())
    return [from_json(Page, row) for row in rows]


def topics_of(story):
    rows = getattr(story, "topic_rows", None)
    if rows is None:
        return list(story.topics.all())
    topics = []
    for row in rows:
        topics.append(from_json(Topic, row))
        topics[-1].name_here = row.get("name_here")
    return topics


def corrections_of(story):
    rows = getattr(story, "correction_rows", None)
    if rows is None:
        return list(story.corrections.all())
    return [from_json(_model("StoryCorrection"), row) for row in rows]


def signatories_of(story):
    rows = getattr(story, "signatory_rows", None)
    if rows is None:
        return list(story.signatories.select_related("organization"))
    signatories = []
    for row in rows:
        signatory = from_json(_model("StorySignatory"), row)
        signatory.organization = from_json(Organization, row["organization"])
        signatories.append(signatory)
    return signatories
