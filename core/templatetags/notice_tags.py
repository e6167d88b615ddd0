from django import template
from django.conf import settings

register = template.Library()

FICTIONAL = "fictional"


@register.simple_tag(takes_context=True)
def sample_content_notice(context):
    """Whether pages say their content is sample content (settings.SAMPLE_CONTENT_NOTICE):
    False, True, or "fictional" on the pages of the demo's fictional sample site (under a
    root whose slug, or its language version's, is in SAMPLE_CONTENT_FICTIONAL_ROOTS), whose
    note says everything there is made up rather than that it is built from the seed."""
    if not getattr(settings, "SAMPLE_CONTENT_NOTICE", False):
        return False
    page = context.get("page")
    url_path = getattr(page, "url_path", "") or ""
    root = url_path.strip("/").split("/")[0]
    for slug in getattr(settings, "SAMPLE_CONTENT_FICTIONAL_ROOTS", ()):
        if root == slug or root.startswith(f"{slug}-"):
            return FICTIONAL
    return True
