from wagtail import hooks

from press.models import StoryPage


@hooks.register("generated_share_image")
def story_share_card(page, request):
    """A story with no picture of its own is shared with its card (``<story>/card.png``): its
    headline on the site's colours, rather than the site's banner, the same for every story."""
    if not isinstance(page, StoryPage):
        return None
    url = page.get_url(request)
    return (request.build_absolute_uri(f"{url}card.png"), page.title) if url else None
