from django.contrib.auth.models import Group
from django.db import models
from wagtail.models import Collection, Site


class SiteTeam(models.Model):
    """The editors' and moderators' groups and the media collection that belong to one site.

    Kept as a record (not found by group name) so renaming a site or a group never
    detaches its team."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="team")
    editors = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="+")
    moderators = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="+")
    collection = models.ForeignKey(Collection, on_delete=models.PROTECT, related_name="+")

    def __str__(self):
        return f"Team for {self.site}"
