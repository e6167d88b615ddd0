"""The root page of a site: the base of CIPC's home page and each coalition's."""

from django.db import connection, models
from django.db.models import F, Subquery
from django.db.models.functions import JSONObject
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, Site

from core.forms import PageForm
from core.models import (
    INLINE_TEXT,
    MetadataPageMixin,
)
from core.pictures import fetch_page_pictures
from core.rows import from_json, model_fields
from frontcache.keys import page_key, room_key, site_keys_at
from people import views as people_views
from people.site_people import PEOPLE_ROUTE, PERSON_ROUTE, default_room, people_with_pages
from press.listing import card_pictures
from press.models import PressIndexPage, StoryPage
from press.models.press_room import is_room_route
from press.models.story_rows import carried, room_rows, version_rows
from press.pinning import fresh_until, pin_row, pinned_keys, pinned_story_of
from presskit.models import PressKitPage


class SiteRootPage(RoutablePageMixin, MetadataPageMixin, Page):
    """The root of a site (an organization's or a coalition's): an introduction, the way to
    its press room and its latest stories. Each site root has one press room as a child, and
    answers its spokespeople's pages (/people/, /people/<slug>/: the ``people`` app)."""

    intro = RichTextField(
        features=INLINE_TEXT,
        blank=True,
        help_text="A short welcome for journalists: who the organization is and what it works on.",
    )
    latest_count = models.PositiveSmallIntegerField(
        default=6, help_text="How many of the latest stories to show (0 hides them)."
    )

    base_form_class = PageForm
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["press.PressIndexPage", "presskit.PressKitPage"]

    class Meta:
        abstract = True

    def route(self, request, path_components):
        """Wagtail's routing, with the steps down in fewer queries: a story (room/story/) in one
        query that brings its room too (``story_at``); the press room itself (the way to every
        other page of a site) in one query for the room instead of two (the page, then its
        specific type). The page found is then routed by Wagtail's own rules (live, or a 404).
        Any other child (the press kit) is found as Wagtail finds it. The root's own routes
        (people/) come first, as RoutablePageMixin has them, without looking for a story."""
        if path_components and path_components[0] == PEOPLE_ROUTE.strip("/"):
            return super().route(request, path_components)
        if len(path_components) == 2:
            story = self.story_at(request, *path_components)
            if story is not None:
                return story.route(request, [])
        if path_components:
            room = self.press_rooms(request).filter(slug=path_components[0]).first()
            if room is not None:
                return room.route(request, path_components[1:])
        return super().route(request, path_components)

    def story_at(self, request, room_slug, story_slug):
        """The story at room_slug/story_slug/ below this root, found by its ``url_path`` (which
        Wagtail keeps up to date with every slug above it) in one query with what its page shows
        (``StoryPageQuerySet.for_story_page``) and its room, carried as a row (``core.rows``),
        with the press kit's address the header needs. None when there is no such story, when
        the room answers that address itself (its own routes, such as feed/, come first, as
        RoutablePageMixin does), or where rows cannot be carried (SQLite): the room then routes."""
        if connection.vendor != "postgresql" or is_room_route(story_slug):
            return None
        rooms = self.rooms_with_press_kit(request, PressIndexPage.objects.child_of(self)).filter(slug=room_slug)
        room_fields = model_fields(PressIndexPage)
        if "press_kit_url_path" in rooms.query.annotations:
            room_fields["press_kit_url_path"] = F("press_kit_url_path")
        story = (
            StoryPage.objects.filter(slug=story_slug, url_path=f"{self.url_path}{room_slug}/{story_slug}/")
            .for_story_page()
            .annotate(room_row=Subquery(rooms.values(row=JSONObject(**room_fields))[:1]))
            .first()
        )
        if story is None or story.room_row is None:
            return None
        story.press_room = from_json(PressIndexPage, story.room_row)
        if "press_kit_url_path" in story.room_row:
            story.press_room.press_kit_url_path = story.room_row["press_kit_url_path"]
        return story

    def press_rooms(self, request):
        """This root's press rooms, each carrying the address of the site's press kit (the
        header links to both), its language versions (the language switcher's) and its media
        contacts, so one query finds them all."""
        rooms = carried(
            PressIndexPage.objects.child_of(self),
            version_rows=version_rows,
            media_contact_rows=PressIndexPage.media_contacts_as_rows,
            pin_row=pin_row,
            **room_rows,
        )
        return self.rooms_with_press_kit(request, rooms)

    @staticmethod
    def rooms_with_press_kit(request, rooms):
        """``rooms`` carrying the address of the site's press kit (``press_kit_url_path``)."""
        site = Site.find_for_request(request)
        if site is None:
            return rooms
        kit = PressKitPage.top_of(site).values("url_path")[:1]
        return rooms.annotate(press_kit_url_path=Subquery(kit))

    def room_with_versions(self, request):
        """The site's live press room in this root's language, found as ``press_rooms`` finds
        it, bringing this root's own language versions too (the language switcher's), in one
        query; or None."""
        rooms = carried(self.press_rooms(request).live(), home_version_rows=lambda: version_rows(self.translation_key))
        press_room = rooms.first()
        if press_room is not None and hasattr(press_room, "home_version_rows"):
            self.version_rows = press_room.home_version_rows
        return press_room

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["press_room"] = press_room = self.room_with_versions(request)
        context["latest_stories"] = latest = PressIndexPage.latest_in(press_room, self.latest_count, request)
        if context["press_room"] is not None:
            context["media_contacts"] = context["press_room"].default_media_contacts()
        context["pinned"] = pinned = pinned_story_of(press_room)
        context["fresh_until"] = fresh_until(pinned)
        fetch_page_pictures(request, card_pictures(latest) + self.own_pictures(), page=self, banner=True)
        return context

    @path(PEOPLE_ROUTE, name="people")
    def people(self, request):
        return people_views.people_index(self, request)

    @path(PERSON_ROUTE, name="person")
    def person(self, request, slug):
        return people_views.person_page(self, request, slug)

    def get_sitemap_urls(self, request=None):
        """The home page, and the spokespeople's pages of the site (``route``: the same route of
        each language's version of the home page, for the sitemap's alternates)."""
        urls = super().get_sitemap_urls(request)
        if request is None or not urls:
            return urls
        people = people_with_pages(default_room(request, None))
        if not people:
            return urls
        home = urls[0]["location"]
        routes = [self.reverse_subpage("people")]
        routes += [self.reverse_subpage("person", kwargs={"slug": person.slug}) for person in people]
        return urls + [{"location": home + route, "route": route} for route in routes]

    def own_pictures(self):
        """(image, specs) of what this kind of home page shows besides its stories and its
        banner, so their renditions come in the page's one query (``core.pictures``)."""
        return []

    # The front cache (frontcache): what a home page's answer is filed under, and what shows it.

    def get_cache_keys(self, context):
        """Its own key, its press room's, whose latest stories it shows, and its pinned story's.
        A spokesperson's page (``people``) is filed under the rooms whose stories it lists or
        whose stories decide whether it exists."""
        rooms = [context.get("press_room"), context.get("default_press_room")]
        rooms = {room_key(room.pk) for room in rooms if room is not None}
        return {page_key(self.pk), *rooms, *pinned_keys(context)}

    def get_purge_keys(self):
        """A site root's change (its title, intro) shows on every page of its site."""
        return site_keys_at(self.url_path)
