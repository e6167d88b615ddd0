"""A site's press room and its media contacts."""

from csp.decorators import csp_replace
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import JSONObject
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import LocalePrefixPattern, Resolver404, get_resolver
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.views.decorators.clickjacking import xframe_options_exempt
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, Site

from core.forms import PageForm
from core.models import (
    INLINE_TEXT,
    MetadataPageMixin,
    Organization,
    Spokesperson,
    in_default_locale,
)
from core.pictures import fetch_page_pictures
from core.rows import from_json, json_rows, model_fields
from core.translations import active_language, localized_all
from frontcache.keys import room_key, search_key, site_ids_at, site_keys_at
from press.feeds import PressRoomFeed
from press.filters import StoryFilters
from press.json_feed import PressRoomJsonFeed
from press.listing import CountedStories, annotate_home_sites, card_pictures, paginate
from press.models.facet_counts import StoredCounts
from press.panels import DefaultLanguagePanel, StoryChooser
from press.pinning import fresh_until, is_live_story_of, pinned_keys, pinned_story_of, previewed_pin
from press.widget import widget_response


def reserved_slugs():
    """First path segments the project's own URLs and the site root's routes use (admin, search,
    embargoed, people…): a press room, the only page type at a site's top level, must not take
    one, or its address would lead to that view instead of the page. The language prefixes
    (/es/) are taken too, and so are the first segments inside them (/search/)."""
    slugs = {code for code, _name in settings.LANGUAGES}
    patterns = list(get_resolver().url_patterns)
    for pattern in patterns:
        if isinstance(pattern.pattern, LocalePrefixPattern):
            patterns.extend(pattern.url_patterns)
            continue
        first = str(pattern.pattern).lstrip("^").split("/", 1)[0]
        if first and not any(char in first for char in "()[]?*+\\"):
            slugs.add(first)
    # The routes of the pages a room sits under (a site root's people/), which come before its children.
    for label in PressIndexPage.parent_page_types:
        for route in getattr(apps.get_model(label), "get_subpage_urls", list)():
            slugs.add(str(route.pattern).lstrip("^").split("/", 1)[0])
    slugs.discard("")
    return slugs


def is_room_route(slug):
    """Whether a press room answers <room>/<slug>/ with one of its own routes (feed/), which
    come before its stories, as RoutablePageMixin routes them."""
    try:
        PressIndexPage.get_resolver().resolve(f"/{slug}/")
    except Resolver404:
        return False
    return True


def story_model():
    # StoryPage is defined beside the room, and imports it (a story's parent is a room).
    return apps.get_model("press", "StoryPage")


class PressIndexPage(RoutablePageMixin, MetadataPageMixin, Page):
    """A site's press room: lists its stories, newest first, plus stories cross-listed from
    other sites: those its organization signed, and every story of the rooms it also lists."""

    intro = RichTextField(
        features=INLINE_TEXT,
        blank=True,
        help_text="A sentence or two above the listing, e.g. who to call for press enquiries.",
    )
    cross_list_signed_by = models.ForeignKey(
        "core.Organization",
        limit_choices_to=in_default_locale,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="also list stories signed by",
        help_text="Also list stories from other sites' press rooms that this organization signed "
        "(e.g. coalition statements CIPC signed). They link to their home site.",
    )
    also_list_rooms = ParentalManyToManyField(
        "press.PressIndexPage",
        blank=True,
        related_name="+",
        verbose_name="also list every story of",
        help_text="Other sites' press rooms whose stories this room lists too, signed or not "
        "(e.g. CIPC's room lists all the ICE Out of California coalition's statements). "
        "They link to their home site.",
    )
    default_category = models.ForeignKey(
        "core.Category",
        limit_choices_to=in_default_locale,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="New stories in this press room start in this category. Optional.",
    )
    per_page = models.PositiveSmallIntegerField(
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(100)],
        help_text="Stories per page of the listing (5 to 100).",
    )
    after_hours_phone = models.CharField(
        max_length=40,
        blank=True,
        help_text="A number journalists can call outside the contacts' hours, e.g. (916) 555-0199. "
        "Shown under the media contacts. Optional.",
    )
    after_hours_note = models.CharField(
        max_length=255,
        blank=True,
        help_text="When and how to use it, e.g. “Evenings and weekends, for deadlines the same day. "
        "Text first if you can.” Optional.",
    )

    # The pin (press.pinning): set on the room in the default language, its versions follow.
    pinned_story = models.ForeignKey(
        "press.StoryPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="One of this room's live stories, shown first on the room's first page and on the home page, "
        "with a “Pinned” banner. Set it on the room in the default language: its Spanish version follows. "
        "Leave empty to pin nothing.",
    )
    pinned_breaking = models.BooleanField(
        "breaking",
        default=False,
        help_text="Show a “Breaking” banner (“Última hora” in Spanish) instead of “Pinned” (“Destacado”).",
    )
    pinned_until = models.DateTimeField(
        "until",
        null=True,
        blank=True,
        help_text="Optional: the story is unpinned by itself at this time (checked every minute).",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        DefaultLanguagePanel(
            [
                FieldPanel("pinned_story", widget=StoryChooser),
                FieldPanel("pinned_breaking"),
                FieldPanel("pinned_until"),
            ],
            heading="Pinned story",
            note="This room follows the pin set on the room in the default language (English): "
            "pin, mark breaking or unpin the story there, and this room shows its version of that story.",
        ),
        MultiFieldPanel(
            [
                FieldPanel("cross_list_signed_by"),
                FieldPanel("also_list_rooms", widget=forms.CheckboxSelectMultiple),
                FieldPanel("default_category"),
                FieldPanel("per_page"),
            ],
            heading="Listing",
        ),
        MultiFieldPanel(
            [
                InlinePanel("media_contacts", label="Media contact"),
                FieldPanel("after_hours_phone"),
                FieldPanel("after_hours_note"),
            ],
            heading="Media contacts",
            help_text="Who journalists should call: shown on the media contacts page (linked from every page's "
            "header), the press room, the home page, the press kit and under every story that has no media "
            "contacts block of its own. New stories start with them.",
        ),
    ]

    base_form_class = PageForm
    parent_page_types = ["home.HomePage", "coalition.CoalitionHomePage"]
    subpage_types = ["press.StoryPage"]
    max_count_per_parent = 1
    template = "pages/press_index_page.html"

    class Meta:
        verbose_name = "press room"

    def clean(self):
        super().clean()
        if self.slug in reserved_slugs():
            raise ValidationError(
                {"slug": f"“{self.slug}” is taken by the site itself (for example /{self.slug}/). Choose another."}
            )
        self._clean_pin()

    def _clean_pin(self):
        """A pin names one of the room's own live, public stories, and an end time to come."""
        if self.locale_id is not None and self.locale.language_code != settings.LANGUAGE_CODE:
            return  # a language version follows the default room's pin: its own fields are unused
        errors = {}
        story = self.pinned_story
        if story is None and (self.pinned_breaking or self.pinned_until):
            errors["pinned_story"] = "Choose the story to pin, or clear “breaking” and “until”."
        elif story is not None and (self.pk is None or not is_live_story_of(self, story)):
            errors["pinned_story"] = (
                f"“{story.title}” cannot be pinned here: choose a live, public story of this press room."
            )
        if self.pinned_until is not None and self.pinned_until <= timezone.now() and self._pin_changed("pinned_until"):
            errors["pinned_until"] = "This time has passed. Choose a time to come, or leave it empty."
        if errors:
            raise ValidationError(errors)

    def _pin_changed(self, name):
        """Whether the editor set ``name`` to something other than the live page's value (an
        expired end time left in a draft is cleared by the scheduler, not an error)."""
        if self.pk is None:
            return True
        live = PressIndexPage.objects.filter(pk=self.pk).values_list(name, flat=True).first()
        return live != getattr(self, name)

    def get_stories(self):
        """Live, public stories listed in this press room: its own and the cross-listed ones."""
        return story_model().objects.live().public().in_room(self).for_listing()

    @classmethod
    def for_request(cls, request):
        """The press room of the site being viewed, or None; looked up once per request."""
        if not hasattr(request, "_press_room"):
            site = Site.find_for_request(request)
            request._press_room = None if site is None else cls.in_language_under(site.root_page)
        return request._press_room

    @classmethod
    def for_request_or_404(cls, request):
        """The press room of the site being viewed; a 404 where the site has none."""
        if (room := cls.for_request(request)) is None:
            raise Http404
        return room

    @classmethod
    def in_language_under(cls, site_root, language=None):
        """The live press room of the site rooted at ``site_root`` (a default-language root) in
        ``language`` (the active one by default), or None; one query either way."""
        return cls.rooms_in_language_under(site_root, language).first()

    @classmethod
    def rooms_in_language_under(cls, site_root, language=None):
        """The same as a queryset, for a caller to add to the query."""
        rooms = cls.objects.live().child_of(site_root)
        language = language or translation.get_language() or settings.LANGUAGE_CODE
        if language == settings.LANGUAGE_CODE:
            return rooms
        keys = rooms.values("translation_key")
        return cls.objects.live().filter(locale__language_code=language, translation_key__in=keys)

    @staticmethod
    def latest_in(press_room, count, request):
        """The latest ``count`` stories of ``press_room`` (None: no stories)."""
        if press_room is None or not count:
            return []
        stories = list(press_room.get_stories()[:count])
        annotate_home_sites(stories, press_room, request)
        return stories

    def route(self, request, path_components):
        """Wagtail's routing (the room's own routes such as feed/ first, as RoutablePageMixin
        does), with the step down to a story in one query that brings the story with what
        its page shows (``StoryPageQuerySet.for_story_page``), instead of two. The story is
        then routed by Wagtail's own rules (live, or a 404)."""
        if path_components and not self._is_subpage_route(path_components):
            story = story_model().objects.child_of(self).filter(slug=path_components[0]).for_story_page().first()
            if story is not None:
                story.press_room = self  # its page needs its room; routing found it already
                return story.route(request, path_components[1:])
        return super().route(request, path_components)

    def _is_subpage_route(self, path_components):
        """Whether RoutablePageMixin would serve these components from one of the room's own
        routes (it does so only for a live room)."""
        if not self.live:
            return False
        try:
            self.resolve_subpage("/" + "/".join(path_components) + "/")
        except Http404:
            return False
        return True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = StoryFilters.from_querydict(request.GET)
        stories = self.get_stories()
        # One query for every count; those over the whole room are kept up to date on publish.
        facets = filters.facets(stories, kept=StoredCounts(self))
        # The facets count every match already: the paginator needs no COUNT of its own.
        listing = CountedStories(filters.apply(stories), filters.total(facets))
        paginator, page_obj = paginate(request, listing, self.per_page)
        annotate_home_sites(page_obj.object_list, self, request)
        fetch_page_pictures(request, card_pictures(page_obj.object_list), page=self, banner=True)
        page_number = page_obj.number if page_obj.number > 1 else None
        # The pinned story leads the first page of the whole listing (it stays in the list too).
        pin_of = previewed_pin if getattr(request, "is_preview", False) else pinned_story_of
        pinned = None if page_number or filters.is_active else pin_of(self)
        context.update(
            pinned=pinned,
            fresh_until=fresh_until(pinned),
            filters=filters,
            facets=facets,
            active_filters=filters.chips(facets),
            paginator=paginator,
            page_obj=page_obj,
            stories=page_obj.object_list,
            listing_url=self.get_url(request),
            query_params=filters.as_querydict(),
            canonical_url=self.get_full_url(request) + filters.querystring(page=page_number),
            media_contacts=self.default_media_contacts(),
            feed_url=self.get_url(request) + self.reverse_subpage("feed") + filters.querystring(),
        )
        return context

    def default_media_contacts(self):
        """The room's media contacts, in order: only people who are published and active, each
        as the active language's record when there is one (its title; and its organisation's
        name in that language, as ``core.translations.localized`` shows them), with the
        ``hours`` the room gives them. One query, the translations, order and hours included,
        instead of reading the whole directory."""
        rows = getattr(self, "media_contact_rows", None)
        if rows is not None:  # carried by the query that found the room
            return self._contacts_from_rows(rows)
        contacts = self.media_contacts.all()
        if not isinstance(contacts, models.QuerySet):  # a preview's contacts, unsaved: in memory
            people = []
            for contact in contacts:
                if contact.spokesperson.live and contact.spokesperson.active:
                    contact.spokesperson.hours = contact.hours
                    people.append(contact.spokesperson)
            return localized_all(people)
        language = active_language()
        contacts = contacts.filter(spokesperson__live=True, spokesperson__active=True)
        wanted = Q(pk__in=contacts.values("spokesperson_id"))
        same_person = contacts.filter(spokesperson__translation_key=OuterRef("translation_key")).order_by("sort_order")
        people = Spokesperson.objects.select_related("organization", "photo").annotate(
            contact=Exists(contacts.filter(spokesperson=OuterRef("pk"))),
            order=Subquery(same_person.values("sort_order")[:1]),
            hours=Subquery(same_person.values("hours")[:1]),
        )
        if language != settings.LANGUAGE_CODE:
            keys = contacts.values("spokesperson__translation_key")
            wanted |= Q(translation_key__in=keys, locale__language_code=language, live=True)
            names = Organization.objects.filter(
                translation_key=OuterRef("organization__translation_key"), locale__language_code=language
            )
            people = people.annotate(organization_label=Subquery(names.values("name")[:1]))
        chosen = {}
        for person in people.filter(wanted).order_by("order", "contact"):
            if person.contact:  # the room's own record: shown unless a translation came first
                chosen.setdefault(person.translation_key, person)
            else:  # its translation; the organisation, fetched for this page only, named in this language
                person.organization.name = person.organization_label or person.organization.name
                chosen[person.translation_key] = person
        return list(chosen.values())

    @staticmethod
    def media_contacts_as_rows():
        """An annotation on rooms: what ``default_media_contacts`` shows, as rows (``core.rows``),
        so the query that finds a room (its routing, a home page's) brings its contacts too:
        each published, active contact in order, with its organisation and photo, and, on a
        page in another language, its live translation there (and its organisation's name)."""
        contacts = PressRoomContact.objects.filter(
            page_id=OuterRef("pk"), spokesperson__live=True, spokesperson__active=True
        ).order_by("sort_order")
        person = {**_person_row("spokesperson__"), "contact_hours": F("hours")}
        language = active_language()
        if language != settings.LANGUAGE_CODE:
            translated = Spokesperson.objects.filter(
                translation_key=OuterRef("spokesperson__translation_key"), locale__language_code=language, live=True
            )
            names = Organization.objects.filter(
                translation_key=OuterRef("organization__translation_key"), locale__language_code=language
            )
            here = JSONObject(**_person_row(""), organization_label=Subquery(names.values("name")[:1]))
            person["translation"] = Subquery(translated.values(row=here)[:1])
        return json_rows(contacts, **person)

    def _contacts_from_rows(self, rows):
        """``default_media_contacts`` from the rows ``media_contacts_as_rows`` carried."""
        chosen = {}
        for row in rows:
            translation = row.get("translation")
            person = _person_from_row(translation or row)
            person.hours = row["contact_hours"]  # the room's, whichever language names the person
            if translation is not None:  # named in this language, its organisation too
                person.organization.name = translation["organization_label"] or person.organization.name
            chosen.setdefault(person.translation_key, person)
        return list(chosen.values())

    def organization_structured_data(self, request, branding, contacts):
        """schema.org Organization for the site, with a ``ContactPoint`` per media contact (and
        the after-hours line), so search engines can answer "press contact for …"."""
        points = []
        for person in contacts:
            point = {"@type": "ContactPoint", "contactType": "media relations", "name": person.name}
            if person.press_phone:
                point["telephone"] = person.press_phone
            if person.press_email:
                point["email"] = person.press_email
            if person.languages:
                point["availableLanguage"] = [word.strip() for word in person.languages.split(",") if word.strip()]
            points.append(point)
        if self.after_hours_phone:
            points.append(
                {
                    "@type": "ContactPoint",
                    "contactType": "media relations, after hours",
                    "telephone": self.after_hours_phone,
                }
            )
        data = {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": branding.display_name,
            "url": request.build_absolute_uri("/"),
        }
        if points:
            data["contactPoint"] = points
        return data

    def get_sitemap_urls(self, request=None):
        # The media contacts page is the room's too: a search for "<organisation> press contact"
        # should find it. No lastmod: the room's publication dates its listing, not its contacts.
        urls = super().get_sitemap_urls(request)
        contacts = self.reverse_subpage("contacts").lstrip("/")
        return urls + [{"location": url["location"] + contacts} for url in urls]

    @path("contacts/", name="contacts")
    def contacts(self, request):
        """The media contacts page that every page's header links to: who to call, when, and
        the after-hours line, without the listing (so none of its queries either)."""
        context = Page.get_context(self, request)
        context.update(
            media_contacts=self.default_media_contacts(),
            canonical_url=self.get_full_url(request) + self.reverse_subpage("contacts"),
            meta_title=gettext("Media contacts"),
            room_route=self.reverse_subpage("contacts"),
        )
        return TemplateResponse(request, "pages/media_contacts_page.html", context)

    @path("feed/", name="feed")
    def feed(self, request):
        """RSS 2.0 of the latest stories, honouring the listing's filters."""
        return PressRoomFeed()(request, press_room=self)

    @path("feed/json/", name="json_feed")
    def json_feed(self, request):
        """JSON Feed 1.1 of the same stories as the RSS feed, with the same filters."""
        return PressRoomJsonFeed()(request, press_room=self)

    # Member organisations frame it on their own sites: any site may, and it sets no cookie.
    @path("widget/", name="widget")
    @xframe_options_exempt
    @csp_replace({"frame-ancestors": ["*"]})
    def widget(self, request):
        """The newest stories (``?count=``, and the listing's filters) for a member's own site."""
        return widget_response(request, self)

    # The front cache (frontcache): what the room's answers are filed under, and what shows it.

    def get_cache_keys(self, context):
        """Its listing with any filters and page, and its feeds: purged when a story it lists
        changes (a story's ``get_purge_keys`` names the rooms that list it); and the pinned
        story's own key, which a room in another language may show without listing it."""
        return {room_key(self.pk), *pinned_keys(context)}

    def get_purge_keys(self):
        """The room's own change (title, intro, contacts, what it cross-lists) shows on every
        page of its site; its site's name shows on the rooms of other sites that list its
        stories (their listings, home pages and searches)."""
        signed_here = apps.get_model("press", "StorySignatory").objects.filter(page__path__startswith=self.path)
        listing = PressIndexPage.objects.filter(
            Q(also_list_rooms__translation_key=self.translation_key)
            | Q(cross_list_signed_by__in=signed_here.values("organization_id"))
        ).exclude(pk=self.pk)
        keys = site_keys_at(self.url_path)
        for room in listing.distinct().only("pk", "url_path"):
            keys |= {room_key(room.pk), *map(search_key, site_ids_at(room.url_path))}
        return keys

    @classmethod
    def rooms_listing(cls, story):
        """The rooms that list ``story`` (``StoryPageQuerySet.in_room`` asked the other way
        round): its own, those cross-listing what its signatories signed, and those that also
        list its room, in its language. One query, on the database's state."""
        parent_path = story.path[: -story.steplen]
        signed = apps.get_model("press", "StorySignatory").objects.filter(page_id=story.pk)
        parent = Page.objects.filter(path=parent_path).values("translation_key")
        return cls.objects.filter(
            Q(path=parent_path)
            | Q(cross_list_signed_by__in=signed.values("organization_id"))
            | Q(also_list_rooms__translation_key__in=parent),
            locale_id=story.locale_id,
        ).distinct()


def _person_row(prefix):
    """What a contact card shows of a person (``prefix`` leads to one): their columns, and
    their organisation's and photo's."""
    return {
        **model_fields(Spokesperson, prefix),
        "organization": JSONObject(**model_fields(Organization, f"{prefix}organization__")),
        "photo": JSONObject(**model_fields(get_image_model(), f"{prefix}photo__")),
    }


def _person_from_row(row):
    person = from_json(Spokesperson, row)
    person.organization = from_json(Organization, row["organization"])
    photo = row["photo"]
    person.photo = from_json(get_image_model(), photo) if photo["id"] is not None else None
    return person


class PressRoomContact(Orderable):
    """One of a press room's default media contacts, in the order they are shown."""

    page = ParentalKey("press.PressIndexPage", on_delete=models.CASCADE, related_name="media_contacts")
    spokesperson = models.ForeignKey("core.Spokesperson", on_delete=models.CASCADE, related_name="+")
    hours = models.CharField(
        max_length=120,
        blank=True,
        help_text="When they take press calls, e.g. “Weekdays 9 a.m. to 6 p.m. Pacific”. Shown on their card. "
        "Write it in the room's language. Optional.",
    )

    panels = [
        FieldPanel(
            "spokesperson",
            help_text="Their name, title, organization, press phone and email and languages are shown.",
        ),
        FieldPanel("hours"),
    ]

    def __str__(self):
        return str(self.spokesperson)
