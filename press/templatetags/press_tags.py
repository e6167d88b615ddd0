from django import template

from press.models import PressIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def site_press_room(context):
    """The press room of the site being viewed (for the header's navigation and feed link).

    The page being shown usually knows it already (a press room is its own; stories, home
    pages and search put theirs in the context): only look it up when it doesn't."""
    for candidate in (context.get("press_room"), context.get("page")):
        if isinstance(candidate, PressIndexPage):
            return candidate
    request = context.get("request")
    return PressIndexPage.for_request(request) if request is not None else None


@register.simple_tag(takes_context=True)
def story_structured_data(context, story):
    """schema.org NewsArticle for a story, for search engines' news results."""
    request = context["request"]
    branding = context.get("branding")
    publisher = {"@type": "Organization", "name": getattr(branding, "name", "") or story.get_site().site_name}
    if getattr(branding, "logo", None):
        publisher["logo"] = {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(branding.logo.get_rendition("max-600x60").url),
        }
    url = story.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title[:110],
        "description": story.summary,
        "datePublished": story.date.isoformat(),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "publisher": publisher,
        "author": [{"@type": "Person", "name": person.name} for person in story.spokespeople.all()] or publisher,
        "articleSection": story.category.name if story.category else "",
        "keywords": [topic.name for topic in story.topic_list],
    }
    if story.last_published_at:
        data["dateModified"] = story.last_published_at.isoformat()
    if story.dateline:
        data["dateline"] = story.dateline
    if story.listing_image:
        rendition = story.listing_image.get_rendition("fill-1200x630")
        data["image"] = [request.build_absolute_uri(rendition.url)]
    return data
