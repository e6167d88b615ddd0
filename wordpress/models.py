"""Where each imported story came from, so a re-import updates instead of duplicating."""

from django.db import models


class WordPressOrigin(models.Model):
    """One WordPress post, imported as one story."""

    page = models.OneToOneField("press.StoryPage", on_delete=models.CASCADE, related_name="wordpress_origin")
    press_room = models.ForeignKey("press.PressIndexPage", on_delete=models.CASCADE, related_name="+")
    post_id = models.PositiveIntegerField(help_text="The post's ID in WordPress (wp:post_id).")
    guid = models.CharField(max_length=500, blank=True, help_text="The post's guid, e.g. https://example.org/?p=123.")
    link = models.CharField(max_length=500, blank=True, help_text="The post's permalink in WordPress.")
    fingerprint = models.CharField(max_length=64, help_text="Hash of what was imported, to notice changes.")
    # The revision the import published: a newer one means an editor changed the story since.
    imported_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The post left "publish" in WordPress and the import unpublished the story (so a later
    # import may publish it again); an unpublished story without this was an editor's doing.
    unpublished_by_import = models.BooleanField(default=False)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["press_room", "post_id"], name="one_story_per_wordpress_post")]
        verbose_name = "WordPress origin"

    def __str__(self):
        return f"WordPress post {self.post_id}"


# The admin import's runs live in their own module (wordpress/run_models.py).
from wordpress.run_models import ImportRun, ImportRunChunk  # noqa: E402, F401
