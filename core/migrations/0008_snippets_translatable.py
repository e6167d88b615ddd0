"""The press directory (spokespeople, organizations, categories, topics) becomes translatable:
every existing row is the default language's record (Wagtail's bootstrap pattern: add the
fields nullable, fill them, then make them required), names and slugs become unique per
language, and every content language in settings gets its Locale."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from wagtail.models import BootstrapTranslatableModel

import core.models

DIRECTORY = ["category", "organization", "spokesperson", "topic"]


def add_content_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def nullable_fields(model):
    return [
        migrations.AddField(
            model_name=model,
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name=model,
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
    ]


def required_fields(model):
    return [
        migrations.AlterField(
            model_name=model,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name=model,
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(name=model, unique_together={("translation_key", "locale")}),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_site_branding_images_with_credits"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.RunPython(add_content_locales, migrations.RunPython.noop),
        *[operation for model in DIRECTORY for operation in nullable_fields(model)],
        BootstrapTranslatableModel("core.Category"),
        BootstrapTranslatableModel("core.Organization"),
        BootstrapTranslatableModel("core.Spokesperson"),
        BootstrapTranslatableModel("core.Topic"),
        *[operation for model in DIRECTORY for operation in required_fields(model)],
        migrations.AlterField(
            model_name="category",
            name="name",
            field=models.CharField(help_text="Shown on stories and in the listing's filters.", max_length=120),
        ),
        migrations.AlterField(
            model_name="category",
            name="slug",
            field=models.SlugField(
                help_text="Used in filter links. Keep it the same in every language.", max_length=120
            ),
        ),
        migrations.AlterField(
            model_name="topic",
            name="name",
            field=models.CharField(help_text="Shown on stories and in the listing's filters.", max_length=120),
        ),
        migrations.AlterField(
            model_name="topic",
            name="slug",
            field=models.SlugField(
                help_text="Used in filter links. Keep it the same in every language.", max_length=120
            ),
        ),
        migrations.AlterField(
            model_name="organization",
            name="name",
            field=models.CharField(help_text="Full name, as in a statement.", max_length=255),
        ),
        migrations.AlterField(
            model_name="organization",
            name="slug",
            field=models.SlugField(
                help_text="Used in filter links: /press/?organization=<slug>. Keep it the same in every language.",
                max_length=80,
            ),
        ),
        migrations.AlterField(
            model_name="spokesperson",
            name="slug",
            field=models.SlugField(
                help_text="Used in filter links: /press/?spokesperson=<slug>. Keep it the same in every language.",
                max_length=80,
            ),
        ),
        migrations.AlterField(
            model_name="spokesperson",
            name="organization",
            field=models.ForeignKey(
                help_text="The organization this person speaks for.",
                limit_choices_to=core.models.in_default_locale,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="spokespeople",
                to="core.organization",
            ),
        ),
        migrations.AddConstraint(
            model_name="category",
            constraint=models.UniqueConstraint(fields=("name", "locale"), name="category_name_unique_per_locale"),
        ),
        migrations.AddConstraint(
            model_name="category",
            constraint=models.UniqueConstraint(fields=("slug", "locale"), name="category_slug_unique_per_locale"),
        ),
        migrations.AddConstraint(
            model_name="organization",
            constraint=models.UniqueConstraint(fields=("name", "locale"), name="organization_name_unique_per_locale"),
        ),
        migrations.AddConstraint(
            model_name="organization",
            constraint=models.UniqueConstraint(fields=("slug", "locale"), name="organization_slug_unique_per_locale"),
        ),
        migrations.AddConstraint(
            model_name="spokesperson",
            constraint=models.UniqueConstraint(fields=("slug", "locale"), name="spokesperson_slug_unique_per_locale"),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(fields=("name", "locale"), name="topic_name_unique_per_locale"),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(fields=("slug", "locale"), name="topic_slug_unique_per_locale"),
        ),
    ]
