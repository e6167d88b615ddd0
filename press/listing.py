"""Helpers for showing stories from several sites in one listing."""

from wagtail.models import Site


def annotate_home_sites(stories, press_room, request):
    """Mark each story listed in ``press_room`` that lives on another site with
    ``home_site_name``, so the listing can say where it comes from.

    Costs at most two queries whatever the number of stories: the site root paths (cached
    by Wagtail) and the branding of the sites involved."""
    from core.models import SiteBranding

    foreign = [story for story in stories if not story.path.startswith(press_room.path)]
    for story in stories:
        story.home_site_name = ""
    if not foreign:
        return
    root_paths = Site.get_site_root_paths()
    site_for_story = {}
    for story in foreign:
        for root in root_paths:
            if story.url_path.startswith(root.root_path):
                site_for_story[story.pk] = root.site_id
                break
    names = dict(SiteBranding.objects.filter(site_id__in=set(site_for_story.values())).values_list("site_id", "name"))
    for story in foreign:
        site_id = site_for_story.get(story.pk)
        story.home_site_name = names.get(site_id) or "another site"
