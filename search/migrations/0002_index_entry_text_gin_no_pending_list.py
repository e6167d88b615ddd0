"""The search index's GIN index without a pending list (``fastupdate = off``).

With the default, new index entries wait in an unsorted pending list until a vacuum merges
them, and every search reads the whole list: after loading 2,000 stories a search for a word
nothing contains took 12 ms instead of 0.2 ms, and up to 4 MB of pending entries can build up
between vacuums. A press room adds a few stories a day, so each insert paying to update the
index at once costs nothing anyone notices."""

from django.db import migrations

INDEX = "site_search_indexentry_text_gin"


def no_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX IF EXISTS {INDEX} SET (fastupdate = off)")
        # Merge what is pending now (new entries go straight into the index from here on).
        schema_editor.execute(f"SELECT gin_clean_pending_list('{INDEX}'::regclass) WHERE to_regclass('{INDEX}') IS NOT NULL")


def pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX IF EXISTS {INDEX} RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [("site_search", "0001_index_entry_text_gin")]

    operations = [migrations.RunPython(no_pending_list, pending_list)]
