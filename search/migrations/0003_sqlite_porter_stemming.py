"""English stemming for the SQLite search index (``make run``).

Wagtail's SQLite backend searches an FTS5 table that its migration creates with FTS5's default
tokenizer, which does not stem: "rulings" found nothing where "ruling" found four stories. FTS5's
``porter`` tokenizer (Porter's English stemmer over ``unicode61``) stems both what is indexed and
what is searched, so the backend's queries need no change. This rebuilds that table with it, from
the index entries it mirrors (the table has no data of its own); Wagtail's triggers name the
table, not its definition, so they keep it up to date. PostgreSQL is untouched: it stems with its
text search configurations (core/search.py)."""

from django.db import migrations

TABLE = "wagtailsearch_indexentry_fts"
COLUMNS = "autocomplete, body, title"


def _rebuild(schema_editor, options):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [TABLE])
        if cursor.fetchone() is None:
            return  # an SQLite without FTS5: Wagtail's fallback search, nothing to stem
        cursor.execute(f"DROP TABLE {TABLE}")
        cursor.execute(f"CREATE VIRTUAL TABLE {TABLE} USING fts5({COLUMNS}{options})")
        cursor.execute(
            f"INSERT INTO {TABLE}(rowid, {COLUMNS}) SELECT id, {COLUMNS} FROM wagtailsearch_indexentry"  # noqa: S608
        )


def stem_english(apps, schema_editor):
    _rebuild(schema_editor, ", tokenize = 'porter unicode61'")


def stem_nothing(apps, schema_editor):
    _rebuild(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [("site_search", "0002_index_entry_text_gin_no_pending_list"), ("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(stem_english, stem_nothing)]
