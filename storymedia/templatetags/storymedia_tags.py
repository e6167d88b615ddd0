from django import template

from storymedia import media

register = template.Library()


@register.simple_tag
def story_media(story):
    """The pictures and files ``story`` offers for download (``storymedia.media``)."""
    return media.story_media(story)
