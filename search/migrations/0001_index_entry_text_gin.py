"""A GIN index on the text Wagtail's PostgreSQL search backend matches: it filters on
``title || body`` (one tsvector), which the backend's own indexes on ``title`` and ``body``
apart cannot answer, so every search read every index entry. With this one a search for a
rare word reads only the entries holding it, however large the archive."""

from django.db import migrations

INDEX = "site_search_indexentry_text_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index)]
