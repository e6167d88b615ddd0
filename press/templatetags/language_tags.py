"""The same page in the other languages: the language switcher and the hreflang alternates."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from core.translations import language_of_locale
from press.models import PressIndexPage
from press.models.story_rows import live_versions_of

register = template.Library()


def home_url(language):
    return "/" if language == settings.LANGUAGE_CODE else f"/{language}/"


def page_versions(page, request, room_url):
    """[{code, name, url, exact}] for every language: the page's live translation (exact), else
    that language's press room (``room_url(code)``), else its home page, so a link never leads
    to a 404."""
    found = {language_of_locale(version.locale_id): version for version in live_versions_of(page)}
    versions = []
    for code, name in settings.LANGUAGES:
        version = found.get(code)
        exact = version is not None
        url = version.get_full_url(request) if exact else room_url(code)
        url = url or request.build_absolute_uri(home_url(code))
        versions.append({"code": code, "name": name, "url": url, "exact": exact})
    return versions


def press_room_url(request, site, language):
    """The site's live press room in ``language``, as an absolute address, or None: asked only
    for a language the page has no version in."""
    room = PressIndexPage.in_language_under(site.root_page, language) if site is not None else None
    return room.get_full_url(request) if room is not None else None


def view_versions(request, to_home):
    """The same for a view that is not a page (search): the same address under the other
    language's prefix, query string and all; or each language's home page (a 404)."""
    versions = []
    for code, name in settings.LANGUAGES:
        if to_home:
            url, exact = home_url(code), False
        else:
            url, exact = translate_url(request.get_full_path(), code), True
        versions.append({"code": code, "name": name, "url": request.build_absolute_uri(url), "exact": exact})
    return versions


@register.simple_tag(takes_context=True)
def language_versions(context, to_home=False):
    """Every language's version of what is shown, the active one marked ``current``: worked
    out once per request (the switcher and the hreflang links both ask)."""
    request = context.get("request")
    if request is None:
        return []
    to_home = bool(to_home)  # an include's unset ``to_home`` arrives as "": the same question as False
    memo = request.__dict__.setdefault("_language_versions", {})
    if to_home not in memo:
        memo[to_home] = _versions(context, request, to_home)
    active = translation.get_language()
    return [{**version, "current": version["code"] == active} for version in memo[to_home]]


def _versions(context, request, to_home):
    page = context.get("page")
    if to_home or not isinstance(page, Page) or not page.pk or getattr(request, "is_preview", False):
        return view_versions(request, to_home or isinstance(page, Page))
    site = Site.find_for_request(request)
    versions = page_versions(page, request, lambda language: press_room_url(request, site, language))
    # A page's own route (a room's contacts/): the same route of each language's version of
    # the page; where there is none, that language's room or home page, as for the page.
    route = context.get("room_route")
    if route:
        versions = [{**v, "url": v["url"] + route.lstrip("/")} if v["exact"] else v for v in versions]
    return versions


@register.simple_tag(takes_context=True)
def page_language(context):
    """The language of what the page says: the page's own locale, else the address's."""
    page = context.get("page")
    if isinstance(page, Page) and page.pk:
        return language_of_locale(page.locale_id)
    return translation.get_language() or settings.LANGUAGE_CODE
