"""Who has a page on a site (/people/<slug>/), and what it lists.

A spokesperson has a page on a site when their record in the default language is published
and has a bio, and they speak (a statement, a quote or a bio block) in a live, public story
that the site's press room lists in the default language: its own stories and those it
cross-lists, as its spokesperson filter counts them. The page has the same address in every
language (/es/people/<slug>/), so the language switcher never leads to a 404; a language's
page lists the stories of that language's room.

Real people whom the seed gives no bio get no page: nobody writes one for them."""

from django.conf import settings
from django.utils.html import strip_tags
from wagtail.models import Site

from core.models import Spokesperson
from core.translations import directory, language_of_locale, translations_in
from press.models import PressIndexPage

# The site root's routes (siteroot.models.SiteRootPage): the index and one page a person.
PEOPLE_ROUTE = "people/"
PERSON_ROUTE = "people/<slug:slug>/"


def person_path(slug):
    """The page's path inside the site, for Wagtail's ``wagtail_serve`` (a language prefix is
    added by the URL resolver)."""
    return f"{PEOPLE_ROUTE}{slug}/"


def has_bio(person):
    """Whether ``person`` (a record in any language) has a bio in the default language: the
    one rule editors follow to give someone a page (docs/editors.md)."""
    original = translations_in(Spokesperson, settings.LANGUAGE_CODE).get(person.translation_key)
    return original is not None and bool(strip_tags(original.bio or "").strip())


def default_room(request, room):
    """The site's press room in the default language: ``room`` itself in the default language
    (no query), else looked up (one query)."""
    if room is not None and language_of_locale(room.locale_id) == settings.LANGUAGE_CODE:
        return room
    site = Site.find_for_request(request)
    return None if site is None else PressIndexPage.in_language_under(site.root_page, settings.LANGUAGE_CODE)


def find_person(slug):
    """The published default-language record with ``slug`` and a bio, from this request's
    directory (with their organisation and photo), or None."""
    person = next((record for record in directory(Spokesperson).values() if record.slug == slug), None)
    return person if person is not None and has_bio(person) else None


def speaks_in(room, person):
    """Whether ``person`` speaks in a live, public story ``room`` lists (one query)."""
    return room is not None and room.get_stories().spoken_by(person.slug).exists()


def people_with_pages(room):
    """The default-language records of everyone with a page on the site whose default-language
    room is ``room``, by name (two queries: the speakers' ids, the directory)."""
    if room is None:
        return []
    speakers = set(room.get_stories().speaker_ids())
    people = [person for pk, person in directory(Spokesperson).items() if pk in speakers and has_bio(person)]
    return sorted(people, key=lambda person: (person.name.casefold(), person.slug))
