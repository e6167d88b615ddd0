"""Stories live before email alerts existed count as announced: editing or republishing an
old story must not email today's subscribers about it."""

from django.db import migrations


def mark_live_stories_announced(apps, schema_editor):
    StoryPage = apps.get_model("press", "StoryPage")
    AnnouncedStory = apps.get_model("alerts", "AnnouncedStory")
    AnnouncedStory.objects.bulk_create(
        [AnnouncedStory(story_id=pk) for pk in StoryPage.objects.filter(live=True).values_list("pk", flat=True)],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("alerts", "0001_email_alerts")]

    operations = [migrations.RunPython(mark_live_stories_announced, migrations.RunPython.noop)]
