from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def sample_content_notice():
    """Whether pages say their content is sample content (settings.SAMPLE_CONTENT_NOTICE)."""
    return getattr(settings, "SAMPLE_CONTENT_NOTICE", False)
