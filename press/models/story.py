"""A story (release, statement, advisory…) and what hangs off it: signatories and corrections."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from core.blocks import StoryBodyBlock, body_pictures, spokesperson_ids
from core.models import (
    Category,
    MetadataPageMixin,
    Spokesperson,
    image_field,
    in_default_locale,
)
from core.pictures import PUBLISHER_LOGO_SPEC, SHARE_IMAGE_SPEC, fetch_page_pictures
from core.translations import directory, language_of_locale, localized, localized_name
from core.wording import join_names
from frontcache.keys import page_key, paths_key, room_key, search_key, site_ids_at
from press.forms import StoryPageForm
from press.listing import card_pictures
from press.models.press_room import PressIndexPage
from press.models.queryset import StoryPageManager
from press.models.story_rows import corrections_of, signatories_of, topics_of, with_category_name
from press.panels import ClearableInlinePanel


class StoryPage(MetadataPageMixin, Page):
    """One press release, statement, media advisory or op-ed."""

    date = models.DateField(
        "publication date",
        default=datetime.date.today,
        db_index=True,
        help_text="Shown on the story and used to order listings. Defaults to today.",
    )
    category = models.ForeignKey(
        "core.Category",
        null=True,  # so a draft can be saved before it is chosen; publishing requires it
        on_delete=models.PROTECT,
        related_name="stories",
        help_text="What kind of story this is. Required to publish.",
    )
    subtitle = models.CharField(max_length=255, blank=True, help_text="A second headline under the title. Optional.")
    dateline = models.CharField(
        max_length=100, blank=True, help_text="Where the story is issued from, e.g. Sacramento, CA. Optional."
    )
    summary = models.TextField(
        max_length=500,
        help_text="One or two plain sentences for listings, feeds and search results. Required to publish.",
    )
    topics = ParentalManyToManyField(
        "core.Topic",
        limit_choices_to=in_default_locale,
        blank=True,
        related_name="stories",
        help_text="Issue areas; each links to a filtered listing.",
    )
    listing_image = image_field("Shown in listings and when the story is shared. Optional.")
    body = StreamField(StoryBodyBlock(), help_text="The story, built from blocks.")
    signatories_heading = models.CharField(
        max_length=255,
        blank=True,
        help_text="Who signs jointly, e.g. 'the ICE Out of California Coalition Steering Committee'. "
        "Used with the signatories below in a Signatories' statement block.",
    )
    release = models.CharField(
        "release line",
        max_length=20,
        blank=True,
        choices=[("", "None"), ("immediate", "For immediate release"), ("embargoed", "Embargoed until…")],
        help_text="The line printed above a press release. 'Embargoed until…' needs the time below.",
    )
    embargoed_until = models.DateTimeField(
        "embargoed until",
        null=True,
        blank=True,
        help_text="When the embargo lifts, as printed on the release. Optional: otherwise the "
        "'go live at' time in the Status panel.",
    )
    # When a reader last saw the story's content change: set by a publish that changes what
    # they see (READER_FIELDS), or by whoever saves it with a date of its own (the WordPress
    # import: the post's post_modified_gmt; the demo: the seed's date). Not edited directly.
    content_modified_at = models.DateTimeField(
        "content modified at",
        null=True,
        blank=True,
        editable=False,
        help_text="When the published content last changed: dateModified for search engines, lastmod in the sitemap.",
    )
    # Derived from the body on every save, so listings can filter by speaker without
    # reading StreamField JSON. Not edited directly.
    spokespeople = ParentalManyToManyField("core.Spokesperson", blank=True, editable=False, related_name="stories")

    objects = StoryPageManager()

    content_panels = Page.content_panels + [
        FieldPanel("subtitle"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        FieldPanel("dateline"),
        FieldRowPanel([FieldPanel("release"), FieldPanel("embargoed_until")], heading="Release line"),
        FieldPanel("summary"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("listing_image"),
        # The advisories app's When/Where/Visuals/Interviews block, one at most per story.
        InlinePanel(
            "advisory_events",
            heading="Media advisory",
            label="Event",
            max_num=1,
            help_text="For a media advisory: when and where, shown at the top of the story with "
            "a calendar file, in the Upcoming lists until it ends, and an RSVP form for journalists.",
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("signatories_heading"),
                ClearableInlinePanel("signatories", label="Signatory", clear_label="Remove all signatories"),
            ],
            heading="Signatories",
            classname="collapsed",
        ),
        InlinePanel(
            "corrections",
            heading="Updates and corrections",
            label="Note",
            help_text="Each note is dated and shown at the top of the story, in the feed and to search engines.",
        ),
    ]

    # Title (boost 2, from Page) outranks summary, names and topics (1), which outrank the body.
    search_fields = Page.search_fields + [
        index.SearchField("subtitle", boost=1),
        index.SearchField("summary", boost=1),
        index.SearchField("body"),
        index.RelatedFields("spokespeople", [index.SearchField("name", boost=1)]),
        index.RelatedFields("topics", [index.SearchField("name", boost=1)]),
        index.FilterField("date"),
        index.FilterField("category"),
    ]

    # A copy is a new story: its first publish dates its content.
    exclude_fields_in_copy = ["content_modified_at"]

    base_form_class = StoryPageForm
    parent_page_types = ["press.PressIndexPage"]
    subpage_types = []
    template = "pages/story_page.html"
    og_type = "article"

    class Meta:
        verbose_name = "story"
        verbose_name_plural = "stories"
        # Listings read the newest first (``for_listing``): walked in this order, a page of a
        # 10,000-story room stops after its first rows instead of sorting the room.
        indexes = [models.Index(fields=["-date", "-page_ptr"], name="press_story_newest")]

    # What a reader sees of a story: a publish changing one of these modifies the story.
    READER_FIELDS = ("title", "subtitle", "dateline", "summary", "body", "listing_image_id", "release")

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None and self.live:
            self._note_content_change()
        if update_fields is None or "body" in update_fields:
            self.spokespeople = self._spokespeople_in_body()
            if update_fields is not None:
                kwargs["update_fields"] = [*update_fields, "spokespeople"]
        return super().save(*args, **kwargs)

    def _note_content_change(self):
        """The publish's time (last_published_at), as content_modified_at, when a publish
        changes what a reader of a live story sees, or the story has no content date yet. A
        date set by whoever saves (an import, the demo, a translation of a dated story) is
        kept. One query, on full saves of live stories only (publishes)."""
        before = None
        if self.pk:
            fields = ["live", "content_modified_at", *self.READER_FIELDS]
            before = StoryPage.objects.filter(pk=self.pk).values(*fields).first()
        if before is None or not before["live"] or self.content_modified_at is None:
            self.content_modified_at = self.content_modified_at or self.last_published_at
            return
        if self.content_modified_at != before["content_modified_at"]:
            return  # set by whoever saves
        body = StoryPage.body.field
        if any(getattr(self, name) != before[name] for name in self.READER_FIELDS if name != "body") or (
            body.get_prep_value(self.body) != body.get_prep_value(before["body"])
        ):
            self.content_modified_at = self.last_published_at or timezone.now()

    def _spokespeople_in_body(self):
        """The default language's record of each person speaking in the body (an editor may
        have chosen a translation), so listings filter and count one record per person."""
        ids = spokesperson_ids(self.body)
        found = Spokesperson.objects.in_bulk(ids) if ids else {}
        people = [found[pk] for pk in ids if pk in found]
        default = Locale.get_default()
        keys = [person.translation_key for person in people if person.locale_id != default.pk]
        if keys:
            originals = {
                person.translation_key: person
                for person in Spokesperson.objects.filter(translation_key__in=keys, locale=default)
            }
            people = [originals.get(person.translation_key, person) for person in people]
        unique = []
        for person in people:
            if person not in unique:
                unique.append(person)
        return unique

    def apply_defaults_from(self, press_room):
        """Fill a new story's defaults from the press room it is created in and that
        room's site (a coalition pre-fills its members as signatories)."""
        if isinstance(press_room, PressIndexPage) and press_room.default_category_id:
            self.category_id = press_room.default_category_id
        if isinstance(press_room, PressIndexPage):
            contacts = press_room.default_media_contacts()
            if contacts:
                # The heading in the room's language (the editor may be working in English on
                # the Spanish room): "Contactos de prensa" in a Spanish story.
                with translation.override(press_room.locale.language_code):
                    heading = gettext("Media contacts")
                self.body = [("media_contacts", {"heading": heading, "contacts": contacts})]
        site_root = press_room.get_parent().specific
        default_signatories = getattr(site_root, "default_signatories", None)
        if default_signatories:
            self.signatories_heading = site_root.signatories_heading
            self.signatories = [StorySignatory(organization=org) for org in default_signatories()]

    def clean(self):
        super().clean()
        if self.release == "embargoed" and not (self.embargoed_until or self.go_live_at):
            raise ValidationError(
                {"embargoed_until": "Say when the embargo lifts here, or set a 'go live at' time in the Status panel."}
            )

    @cached_property
    def shows_standfirst(self):
        """The summary under the title, unless it repeats what the page shows first (a summary
        often is the release's first lines): a reader would read them twice. What the page
        shows first is the first block's text, after its lead-in for a statement ("Cynthia
        Buiza, …, issued the following statement: …"), so a summary that opens "Today, Cynthia
        Buiza, …" or quotes the statement's first words is a repeat too."""
        if not self.summary:
            return False
        openings = self._opening_texts()
        if not openings:
            return True
        summary = _plain_words(self.summary)
        return not any(_repeats(summary, _plain_words(opening)) for opening in openings)

    def _opening_texts(self):
        """The first block's text as a reader meets it: with its lead-in, and alone. Reads the
        raw blocks (no query) but for a statement, whose lead-in names its speaker or the
        story's signatories (both read anyway to show the block)."""
        first = next(iter(self.body.raw_data), None)
        if first is None:
            return []
        value = first.get("value")
        text = value.get("text", "") if isinstance(value, dict) else value
        if not isinstance(text, str):
            return []
        if first.get("type") == "statement":
            lead_in = self.body[0].value.lead_in()
        elif first.get("type") == "signatories_statement":
            lead_in = self.signatories_lead_in
        else:
            lead_in = ""
        return [f"{lead_in} {text}", text] if lead_in else [text]

    @property
    def has_body(self):
        """False for a body with no blocks, only empty paragraphs, or only media contacts (which a
        new story starts with): nothing of the story a reader would see."""
        return any(
            block.block_type not in ("paragraph", "media_contacts") or strip_tags(block.value.source).strip()
            for block in self.body
            if block.block_type != "media_contacts"
        )

    @property
    def embargo_lifts_at(self):
        """The time printed on an 'Embargoed until…' line."""
        return self.embargoed_until or self.go_live_at

    @cached_property
    def correction_list(self):
        """Update and correction notes, newest first."""
        return sorted(corrections_of(self), key=lambda note: note.noted_at, reverse=True)

    @property
    def modified_at(self):
        """When the story last changed for a reader: its latest dated note (the editor says when),
        else when its content last changed (its last publication for a story saved before the
        content date existed)."""
        notes = self.correction_list
        return notes[0].noted_at if notes else self.content_modified_at or self.last_published_at

    def get_sitemap_urls(self, request=None):
        # When the content changed, not when it was last (re)published. (Dated notes are
        # left out: the sitemap would read every story's notes.)
        urls = super().get_sitemap_urls(request)
        for url in urls:
            url["lastmod"] = self.content_modified_at or url["lastmod"]
        return urls

    # What a listing's card may be told besides the story's own fields: its category named in
    # the page's language (``for_listing``), the site it comes from when another room lists it
    # (``press.listing.annotate_home_sites``). Unset, the card reads the category's own name
    # and says no site.
    category_label = None
    home_site_name = None

    @property
    def shows_category_label(self):
        """False when the title already begins with the category ("Statement: …", or in a
        Spanish story "Declaración: …"): no badge twice."""
        if not self.category:
            return False
        shown = self.category_label or localized_name(self.category)
        title = self.title.lower()
        return not any(title.startswith(f"{name.lower()}:") for name in {self.category.name, shown} if name)

    def get_default_description(self):
        return self.summary

    def get_meta_image(self):
        return self.social_image or self.listing_image

    def structured_data(self, request, branding):
        """schema.org NewsArticle, for search engines' news results.

        The site's organisation (CIPC, or the coalition for its statements) issues the story
        and is its author and publisher; people quoted or speaking in it are not its authors."""
        issuer = {"@type": "Organization", "name": branding.display_name, "url": request.build_absolute_uri("/")}
        publisher = dict(issuer)
        logo = branding.logo.rendition_or_none(PUBLISHER_LOGO_SPEC) if branding.logo else None
        if logo is not None:
            publisher["logo"] = {"@type": "ImageObject", "url": request.build_absolute_uri(logo.url)}
        url = self.get_full_url(request)
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.summary,
            "datePublished": self.date.isoformat(),
            "url": url,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "publisher": publisher,
            "author": issuer,
            "inLanguage": language_of_locale(self.locale_id),
            "articleSection": localized_name(self.category),
            "keywords": [localized_name(topic) for topic in self.topic_list],
        }
        if self.modified_at:
            data["dateModified"] = timezone.localtime(self.modified_at).isoformat()
        corrections = [note for note in self.correction_list if note.kind == StoryCorrection.CORRECTION]
        if corrections:
            data["correction"] = [
                {
                    "@type": "CorrectionComment",
                    "text": note.note,
                    "datePublished": timezone.localtime(note.noted_at).isoformat(),
                }
                for note in corrections
            ]
        if self.dateline:
            data["dateline"] = self.dateline
        rendition = self.listing_image.rendition_or_none(SHARE_IMAGE_SPEC) if self.listing_image else None
        if rendition is not None:
            data["image"] = [request.build_absolute_uri(rendition.url)]
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The category from this request's directory, which the page reads anyway to name it
        # in the visitor's language: no query of its own.
        if self.category_id is not None and not StoryPage.category.is_cached(self):
            self.category = directory(Category).get(self.category_id) or self.category
        with_category_name(self)  # its name in the visitor's language, when the route carried it
        # The story's room (also the header's): the room's ``route`` hands it to the story it
        # found, so this costs no query; a preview looks it up.
        context["press_room"] = self.press_room
        if self.press_room is not None and not self.has_own_media_contacts:
            context["media_contacts"] = self.press_room.default_media_contacts()
        context["related_stories"] = related = self.related_stories()
        # The sizes of every picture the page shows (its blocks', related stories', the
        # site's logo in its structured data, the frame's), in one query, or none when
        # Wagtail's renditions cache holds them.
        pictures = body_pictures(self.body) + card_pictures(related)
        fetch_page_pictures(request, pictures, page=self, logo_specs=[PUBLISHER_LOGO_SPEC])
        return context

    @cached_property
    def press_room(self):
        return PressIndexPage.objects.parent_of(self).first()

    @property
    def has_own_media_contacts(self):
        return any(item["type"] == "media_contacts" for item in self.body.raw_data)

    @cached_property
    def topic_list(self):
        return topics_of(self)

    @cached_property
    def signatory_list(self):
        return signatories_of(self)

    def related_stories(self, count=3):
        """Up to ``count`` live stories from the same press room (so the same site) sharing a
        topic with this one: most topics in common first, then newest."""
        topic_ids = [topic.pk for topic in self.topic_list]
        if not topic_ids:
            return []
        return list(StoryPage.objects.related_to(self, topic_ids, count))

    @cached_property
    def signatory_names(self):
        return [localized(signatory.organization).name for signatory in self.signatory_list]

    @property
    def signatories_lead_in(self):
        """'The ICE Out of California Coalition Steering Committee, including A, B and C,
        issued the following statement:'."""
        heading = self.signatories_heading.strip()
        names = join_names(self.signatory_names)
        if heading and names:
            who = gettext("%(heading)s, including %(names)s,") % {"heading": heading, "names": names}
        else:
            who = heading or names
        if not who:
            return ""
        return gettext("%(who)s issued the following statement:") % {"who": f"{who[0].upper()}{who[1:]}"}

    # The front cache (frontcache): what this story's answer is filed under, and what shows it.

    def get_cache_keys(self, context):
        """Its own key, and the keys of the stories it links to by title (related stories):
        withdrawing one of those reaches this page too."""
        related = context.get("related_stories") or []
        return {page_key(self.pk), *(page_key(story.pk) for story in related)}

    def get_purge_keys(self):
        """Its page, the rooms that list it (their listings, feeds and home pages), their
        sites' searches, and its own site's sitemap and not-found pages; not the other
        stories of the site."""
        keys = {page_key(self.pk), *map(paths_key, site_ids_at(self.url_path))}
        for room in PressIndexPage.rooms_listing(self).only("pk", "url_path"):
            keys |= {room_key(room.pk), *map(search_key, site_ids_at(room.url_path))}
        return keys


def _plain_words(html):
    """Text to compare: no tags or cut marks, straight quotes, one space, no case."""
    text = strip_tags(html).replace("[…]", " ").replace("’", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split()).rstrip(" .…").casefold()


def _repeats(summary, opening):
    """True when ``summary`` is the opening's start, or ends with it from some word on (120
    characters of it at most, 30 at least: a summary is cut short): 'Today, A, …, issued the
    following statement: Our words […]' repeats 'A, …, issued the following statement: Our
    words and more', and so does '… in response, A said: Our words […]' repeat 'Our words'."""
    if not summary or not opening:
        return False
    if opening.startswith(summary[:120]):
        return True
    starts = (at + 1 for at, char in enumerate(summary) if char == " ")
    return any(len(summary) - at >= 30 and opening.startswith(summary[at : at + 120]) for at in starts)


class StorySignatory(Orderable):
    """An organisation that signed a story, in the order it is named."""

    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="signatories")
    organization = models.ForeignKey(
        "core.Organization", on_delete=models.PROTECT, limit_choices_to=in_default_locale, related_name="signed_stories"
    )

    # Help text on the panel, not the field: the same words, without a migration.
    panels = [
        FieldPanel("organization", help_text="An organization that signs the story, in the order they are named.")
    ]

    def __str__(self):
        return self.organization.name


class StoryCorrection(Orderable):
    """A dated note that a story was updated or corrected after it went out."""

    UPDATE, CORRECTION = "update", "correction"

    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(
        max_length=20,
        choices=[(UPDATE, "Updated"), (CORRECTION, "Corrected")],
        default=UPDATE,
        help_text="Updated: new information added. Corrected: something it said was wrong.",
    )
    noted_at = models.DateTimeField("date", default=timezone.now, help_text="When the change was made.")
    note = models.TextField(
        max_length=500, help_text="What changed, in a sentence, e.g. 'An earlier version misstated the date.'"
    )

    panels = [FieldPanel("kind"), FieldPanel("noted_at"), FieldPanel("note")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.noted_at:%Y-%m-%d}"
