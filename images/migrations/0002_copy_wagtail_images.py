"""Move images uploaded before the switch to CreditedImage: each keeps its id, so every
reference to it (foreign keys, StreamField blocks, rich text) still finds it. Their renditions
are not copied: they are made again on first use. Old rows stay in wagtailimages_image,
unused (nothing reads them once WAGTAILIMAGES_IMAGE_MODEL is set)."""

from django.core.management.color import no_style
from django.db import migrations

FIELDS = [
    "id",
    "title",
    "file",
    "width",
    "height",
    "created_at",
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
    "file_size",
    "file_hash",
    "description",
    "collection_id",
    "uploaded_by_user_id",
]


def copy_images(apps, schema_editor):
    OldImage = apps.get_model("wagtailimages", "Image")
    CreditedImage = apps.get_model("images", "CreditedImage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    db = schema_editor.connection.alias
    existing = set(CreditedImage.objects.using(db).values_list("pk", flat=True))
    new = [
        CreditedImage(**{name: getattr(old, name) for name in FIELDS})
        for old in OldImage.objects.using(db).order_by("pk")
        if old.pk not in existing
    ]
    if not new:
        return
    CreditedImage.objects.using(db).bulk_create(new, batch_size=500)
    # Tags are generic relations: point them at the new rows (same ids).
    old_type = ContentType.objects.using(db).filter(app_label="wagtailimages", model="image").first()
    new_type, _ = ContentType.objects.using(db).get_or_create(app_label="images", model="creditedimage")
    if old_type is not None:
        TaggedItem.objects.using(db).filter(
            content_type=old_type, object_id__in=[image.pk for image in new]
        ).update(content_type=new_type)
    # The ids were given explicitly: move the table's id sequence past them (PostgreSQL).
    with schema_editor.connection.cursor() as cursor:
        for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [CreditedImage]):
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("images", "0001_images_with_credits"),
        ("wagtailimages", "0027_image_description"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(copy_images, migrations.RunPython.noop)]
