"""Links to spokespeople's pages (/people/<slug>/) from what names them: a story's statement,
quote and bio blocks, and the press room's spokesperson filter."""

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from people.site_people import find_person, has_bio, person_path

register = template.Library()


@register.filter
def person_url(slug):
    """The address of the page of the spokesperson with ``slug``, in the page's language."""
    return reverse("wagtail_serve", args=[person_path(slug)])


@register.simple_tag(takes_context=True)
def person_page_url(context, person):
    """The address of ``person``'s page, for a block of a live story (whose speakers have a
    page on its site when they have a bio); "" in a preview, an embargoed draft, the block
    picker, or for someone without a bio. No query: the blocks read the directory already."""
    page, request = context.get("page"), context.get("request")
    if person is None or not getattr(page, "live", False) or getattr(request, "is_preview", False):
        return ""
    return person_url(person.slug) if has_bio(person) else ""


@register.simple_tag
def linked_lead_in(value, url):
    """A statement's lead-in ('NAME, TITLE, issued the following statement:') with the name
    linking to the speaker's page; the plain lead-in without a page."""
    person = value.get("spokesperson")
    if not person or not url:
        return value.lead_in()
    name = format_html('<a href="{}">{}</a>', url, person.name)
    words = gettext("%(name)s, %(title_and_organization)s, issued the following statement:")
    return mark_safe(words % {"name": name, "title_and_organization": escape(person.title_and_organization)})  # noqa: S308 (the name escaped by format_html, the rest here)


@register.simple_tag
def spokesperson_filter_page(facets):
    """(name, address) of the page of the spokesperson the press room is filtered by, when
    they speak in what it lists and have a page; else None. One query (the directory), only
    while the filter is on."""
    for facet in facets or ():
        if facet.name != "spokesperson":
            continue
        chosen = next((option for option in facet.options if option.selected and option.count), None)
        if chosen is not None and find_person(chosen.value) is not None:
            return chosen.label, person_url(chosen.value)
    return None
