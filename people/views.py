"""The spokesperson pages: /people/ and /people/<slug>/ of each site, in every language. Routes
of the site root (``siteroot.models.SiteRootPage``), so Wagtail serves them as it serves the
site's pages (its site, language, privacy) and the front cache files them under the keys the
site root states for what they show (its press room's: a story published or withdrawn there
purges them; an edited spokesperson purges every site)."""

from django.conf import settings
from django.http import Http404, QueryDict
from django.template.response import TemplateResponse
from django.utils.html import strip_tags
from django.utils.translation import gettext
from wagtail.models import Page

from core.pictures import fetch_page_pictures
from core.translations import language_of_locale, localized
from people.site_people import default_room, find_person, people_with_pages, speaks_in
from press.listing import CountedStories, annotate_home_sites, card_pictures, paginate

# The sizes the templates show photos at (templates/pages/person_page.html, people_index_page.html).
PHOTO_SPEC = "fill-320x320"
INDEX_PHOTO_SPEC = "fill-160x160"


def person_page(root, request, slug):
    """One spokesperson's page on this site: photo (with its credit), title, organisation, bio,
    languages, the topics they speak on here, their statements and quotes here (newest first,
    paged as the press room is), how to reach them, their vCard and schema.org ``Person``."""
    room = root.room_with_versions(request)
    person = find_person(slug)
    if room is None or person is None:
        return not_found(request, room)
    stories = room.get_stories().spoken_by(person.slug)
    # One query for the topics they speak on (named in this language) and, adding up the
    # years, how many stories: the paginator needs no COUNT of its own.
    counts = stories.count_together({"year": (stories, "year"), "topic": (stories, "topic")}, using=stories.db)
    total = sum(count.n for count in counts["year"])
    base_room = room
    if not total and language_of_locale(room.locale_id) != settings.LANGUAGE_CODE:
        # Nothing in this language yet: the page is there if they speak in the site's stories.
        base_room = default_room(request, room)
    if not total and (base_room is room or not speaks_in(base_room, person)):
        return not_found(request, room, base_room)
    try:
        paginator, page_obj = paginate(request, CountedStories(stories, total), room.per_page)
    except Http404:
        return not_found(request, room)
    annotate_home_sites(page_obj.object_list, room, request)

    shown = localized(person)  # their title, bio and organisation in this language, where written
    bio = shown.bio if strip_tags(shown.bio or "").strip() else person.bio
    own_contact = person.active and bool(shown.press_email or shown.press_phone)
    fetch_page_pictures(request, card_pictures(page_obj.object_list) + [(shown.photo, [PHOTO_SPEC])], page=root)
    route = root.reverse_subpage("person", kwargs={"slug": person.slug})
    url = root.get_url(request) + route
    topics = sorted(counts["topic"], key=lambda count: (-count.n, count.label.label.casefold()))
    context = Page.get_context(root, request)
    context.update(
        press_room=room,
        default_press_room=base_room,
        person=shown,
        bio=bio,
        own_contact=own_contact,
        media_contacts=[] if own_contact else room.default_media_contacts(),
        topics=[count.label for count in topics],
        paginator=paginator,
        page_obj=page_obj,
        stories=page_obj.object_list,
        listing_url=url,
        query_params=QueryDict(),
        people_url=root.get_url(request) + root.reverse_subpage("people"),
        canonical_url=request.build_absolute_uri(url) + (f"?page={page_obj.number}" if page_obj.number > 1 else ""),
        meta_title=shown.name,
        meta_description=strip_tags(bio),
        room_route=route,
        person_data=person_structured_data(request, shown, bio, own_contact, url),
    )
    return TemplateResponse(request, "pages/person_page.html", context)


def people_index(root, request):
    """Everyone with a page on this site, by name; a 404 where nobody has one yet."""
    room = root.room_with_versions(request)
    base_room = default_room(request, room)
    people = [localized(person) for person in people_with_pages(base_room)]
    if room is None or not people:
        return not_found(request, room, base_room)
    fetch_page_pictures(request, [(person.photo, [INDEX_PHOTO_SPEC]) for person in people], page=root)
    route = root.reverse_subpage("people")
    context = Page.get_context(root, request)
    context.update(
        press_room=room,
        default_press_room=base_room,
        people=people,
        canonical_url=root.get_full_url(request) + route,
        meta_title=gettext("Spokespeople"),
        room_route=route,
    )
    return TemplateResponse(request, "pages/people_index_page.html", context)


def not_found(request, room, *other_rooms):
    """The site's 404 page, filed (``SiteRootPage.get_cache_keys``) under the rooms whose
    stories decide whether the page exists: a story published there purges it."""
    context = {"press_room": room, "default_press_room": next(iter(other_rooms), None)}
    return TemplateResponse(request, "404.html", context, status=404)


def person_structured_data(request, person, bio, own_contact, url):
    """schema.org Person: who they are, for whom they speak, and how to reach them."""
    organization = {"@type": "Organization", "name": person.organization.name}
    if person.organization.website:
        organization["url"] = person.organization.website
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.name,
        "jobTitle": person.title,
        "worksFor": organization,
        "description": " ".join(strip_tags(bio).split()),
        "url": request.build_absolute_uri(url),
    }
    rendition = person.photo.rendition_or_none(PHOTO_SPEC) if person.photo else None
    if rendition is not None:
        data["image"] = request.build_absolute_uri(rendition.url)
    if own_contact and person.press_email:
        data["email"] = person.press_email
    if own_contact and person.press_phone:
        data["telephone"] = person.press_phone
    languages = [word.strip() for word in (person.languages or "").split(",") if word.strip()]
    if languages:
        data["knowsLanguage"] = languages
    return data
