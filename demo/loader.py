"""Builds the demo sites: CIPC and the coalition from content/press.toml, and the fictional
sample site from content/example.toml (demo/example_site.py).

Idempotent: everything is looked up by a natural key (slug, hostname, title) and created
only when missing. A second run creates nothing and changes nothing.

Demo stories, home pages and spokespeople that no editor has touched (every revision made
by the loader, which has no user) are brought up to date with content/press.toml, so a
database loaded by an older demo loses that demo's invented text. Anything an editor has
saved is left as it is.
"""

import datetime
import io
import tomllib
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from coalition.models import CoalitionHomePage, CoalitionMember
from core.models import Category, Organization, SiteBranding, SiteBrandingText, Spokesperson, Topic
from core.tree import ensure_wagtail_roots
from demo import example_site, images
from demo.medialists import load_media_lists
from demo.presskit import PressKitLoader
from home.models import HomePage
from languages.copies import publish_translation
from press.models import PressIndexPage, StoryPage, StorySignatory
from teams.setup import SHARED_COLLECTION

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "press.toml"
# SVG wordmarks drawn by harness/make_wordmarks.py: each organisation's name in plain type.
WORDMARKS = Path(__file__).resolve().parent / "content" / "wordmarks"

# How each demo site looks: the coalition's room should look like the coalition's, not CIPC's.
LOOKS = {
    "cipc": {
        "primary_colour": "#1d4f91",
        "accent_colour": "#a4262c",
        "tint_colour": "#f4f5f7",
        "typeface": "source-sans-3",
        "banner": ("#1d4f91", "#0f2c52", "#a4262c"),
        "icon": "cipc-icon.svg",
    },
    "coalition": {
        "primary_colour": "#3b1f5c",
        "accent_colour": "#b0155d",
        "tint_colour": "#f5f0fa",
        "typeface": "work-sans",
        "banner": ("#3b1f5c", "#b0155d", "#f2b705"),
        "icon": "ice-out-of-california-icon.svg",
    },
    example_site.KEY: example_site.LOOK,
}

# Spanish versions of part of the content: the sites' roots and press rooms, the labels, the
# spokespeople's titles and some stories, each a translation of its English original.
TRANSLATION_FILES = [Path(__file__).resolve().parent / "content" / "press_es.toml"]


@dataclass
class LoadReport:
    created: dict = field(default_factory=dict)

    def count(self, kind):
        """One more ``kind`` created (or "KIND updated": brought up to date)."""
        self.created[kind] = self.created.get(kind, 0) + 1

    def __str__(self):
        if not self.created:
            return "Demo content already loaded: nothing created."
        made = [f"{n} {kind}" for kind, n in sorted(self.created.items()) if not kind.endswith(" updated")]
        updated = [f"{n} {kind}" for kind, n in sorted(self.created.items()) if kind.endswith(" updated")]
        parts = []
        if made:
            parts.append("Created " + ", ".join(made))
        if updated:
            parts.append("Brought up to date: " + ", ".join(updated))
        return "; ".join(parts) + "."


class DemoLoader:
    def __init__(
        self,
        cipc_hostname="localhost",
        coalition_hostname="iceout.localhost",
        port=8000,
        example_hostname="example.localhost",
    ):
        self.cipc_hostname = cipc_hostname
        self.coalition_hostname = coalition_hostname
        self.example_hostname = example_hostname
        self.port = port
        self.content = tomllib.loads(CONTENT_FILE.read_text(encoding="utf-8"))
        self.report = LoadReport()

    @transaction.atomic
    def load(self):
        ensure_wagtail_roots()
        # The English records: the translations (below) are looked up from them.
        self.locale = Locale.get_default()
        self.collections = {
            "shared": self._collection(SHARED_COLLECTION),
            "cipc": self._collection(self.content["cipc"]["site_name"]),
            "coalition": self._collection(self.content["coalition"]["site_name"]),
        }
        self.example = example_site.ExampleSiteLoader(self, self.example_hostname)
        self.collections[example_site.KEY] = self._collection(self.example.content["site"]["site_name"])
        self.organizations = self._organizations()
        self.categories = self._simple(Category, self.content["category"], "categories")
        self.topics = self._simple(Topic, self.content["topic"], "topics")
        self.spokespeople = self._spokespeople()
        cipc_site = self._cipc_site()
        coalition_site = self._coalition_site()
        self.press_rooms = {
            "cipc": self._press_room(
                cipc_site.root_page,
                intro="<p>Statements and releases from CIPC, and the statements of the ICE Out "
                "of California coalition, of which CIPC is a member.</p>",
                cross_list_signed_by=self.organizations["cipc"],
            ),
            "coalition": self._press_room(
                coalition_site.root_page,
                intro="<p>Statements, press releases and media advisories from the ICE Out of "
                "California coalition.</p>",
                default_category=self.categories["statement"],
            ),
        }
        # CIPC's own listing carried every coalition statement (the seed's notes), whoever signed.
        cipc_room, coalition_room = self.press_rooms["cipc"], self.press_rooms["coalition"]
        if not cipc_room.also_list_rooms.filter(pk=coalition_room.pk).exists() and untouched_by_editors(cipc_room):
            cipc_room.also_list_rooms.add(coalition_room)
            cipc_room.save_revision().publish()
        for story in self.content["story"]:
            self._story(story)
        # The fictional sample site: invented events and people, which the real sites must not have.
        example, self.press_rooms[example_site.KEY] = self.example.site()
        self.example.stories()
        self.press_kits = PressKitLoader(self, untouched_by_editors)
        self.press_kits.load()
        roots = {"cipc": cipc_site.root_page.specific, "coalition": coalition_site.root_page.specific}
        for path in TRANSLATION_FILES:
            translations = tomllib.loads(path.read_text(encoding="utf-8"))
            self._translations(translations, roots)
            self.example.translate(Locale.objects.get(language_code=translations["language"]), translations)
        for site in (cipc_site, coalition_site, example):
            load_media_lists(site, self.report)
        self.example.pin()
        self.example.admin_samples(example)
        return self.report

    # --- translations --------------------------------------------------------------------

    def _translations(self, content, roots):
        """Translations of the English content, made as an editor would (Wagtail's "translate":
        a copy in the other locale that keeps dates, labels, images and signatories), then
        given the translated text. Only made when missing, so a second run changes nothing."""
        locale, _ = Locale.objects.get_or_create(language_code=content["language"])
        for slug, name in content["category"].items():
            self._translated_snippet(self.categories[slug], locale, {"name": name}, "categories")
        for slug, name in content["topic"].items():
            self._translated_snippet(self.topics[slug], locale, {"name": name}, "topics")
        for slug, fields in content["spokesperson"].items():
            fields = {**fields, "bio": f"<p>{fields['bio']}</p>"} if fields.get("bio") else fields
            self._translated_snippet(self.spokespeople[slug], locale, fields, "spokespeople")
        for site in ("cipc", "coalition"):
            data = content[site]
            fields = {name: data[name] for name in ("title", "intro", "signatories_heading") if name in data}
            self._translated_page(roots[site], locale, fields)
            self._translated_page(
                self.press_rooms[site], locale, {"title": data["room_title"], "intro": data["room_intro"]}
            )
            self._translated_branding(roots[site], content["language"], data)
        for data in content["story"]:
            original = StoryPage.objects.get(slug=data["of"], locale__language_code="en")
            body = self._translated_body(original, content, data["body"])
            fields = {name: data[name] for name in ("slug", "title", "subtitle", "dateline", "summary")}
            fields["content_modified_at"] = original.content_modified_at
            if "signatories_heading" in data:
                fields["signatories_heading"] = data["signatories_heading"]
            self._translated_page(original, locale, {**fields, "body": body})
        self.press_kits.translate(content["press_kit"], locale)

    def _translated_branding(self, root, language, data):
        """The site's footer text in ``language`` (its branding's texts in other languages),
        unless the branding has one for it already."""
        branding = SiteBranding.objects.filter(site__root_page=root).first()
        if branding is None or branding.texts.filter(language=language).exists():
            return
        SiteBrandingText.objects.create(
            branding=branding, language=language, footer_text=f"<p>{data['footer_text']}</p>"
        )
        self.report.count("site brandings translated")

    def _translated_snippet(self, original, locale, fields, kind):
        if original.get_translation_or_none(locale) is None:
            publish_translation(original, locale, **fields)
            self.report.count(f"{kind} translated")

    def _translated_page(self, original, locale, fields):
        if original.get_translation_or_none(locale) is None:
            publish_translation(original, locale, **fields)
            self.report.count("pages translated")

    @staticmethod
    def _translated_body(original, content, texts):
        """The English story's blocks with their words replaced, in order, by ``texts``,
        under a note saying this is a translation."""
        texts = list(texts)
        blocks = [{"type": "paragraph", "value": content["translation_note"], "id": str(uuid.uuid4())}]
        for block in original.body.raw_data:
            block = {**block, "id": str(uuid.uuid4())}
            if block["type"] == "paragraph" and texts:
                block["value"] = texts.pop(0)
            elif block["type"] in ("statement", "quote", "signatories_statement") and texts:
                block["value"] = {**block["value"], "text": texts.pop(0)}
            elif block["type"] == "media_contacts":
                block["value"] = {**block["value"], "heading": content["media_contacts_heading"]}
            blocks.append(block)
        return blocks

    # --- shared snippets -----------------------------------------------------------------

    def _collection(self, name):
        root = Collection.get_first_root_node()
        existing = root.get_children().filter(name=name).first()
        if existing:
            return existing
        self.report.count("collections")
        return root.add_child(name=name)

    def _image(self, title, picture_bytes, collection, extension="png", description=None):
        Image = get_image_model()
        existing = Image.objects.filter(title=title, collection=collection).first()
        if existing:
            return existing
        filename = title.lower().replace(" ", "-").replace("–", "-")[:60] + "." + extension
        image = Image(title=title, collection=collection, description=description or title)
        image.file = ImageFile(io.BytesIO(picture_bytes), name=filename)
        image.save()
        self.report.count("images")
        return image

    def _svg(self, title, filename, collection):
        """An SVG from demo/content/wordmarks/, looked up by title like every demo image."""
        Image = get_image_model()
        existing = Image.objects.filter(title=title, collection=collection).first()
        if existing:
            return existing
        image = Image(title=title, collection=collection, description=title)
        image.file = ImageFile(io.BytesIO((WORDMARKS / filename).read_bytes()), name=filename)
        image.save()
        self.report.count("images")
        return image

    def _wordmark(self, name, filename, collection):
        return self._svg(f"{name} wordmark", filename, collection)

    @staticmethod
    def _is_placeholder_logo(image, name):
        """The text-in-a-box PNG an older demo drew, which a wordmark now replaces."""
        return image is None or image.title == f"{name} logo"

    def _organizations(self):
        result = {}
        for data in self.content["organization"]:
            org = Organization.objects.filter(slug=data["slug"], locale=self.locale).first()
            wordmark = self._wordmark(data["name"], f"{data['slug']}.svg", self.collections["shared"])
            if org is None:
                org = Organization.objects.create(
                    slug=data["slug"],
                    name=data["name"],
                    short_name=data["short_name"],
                    takes_the=data.get("takes_the", True),
                    website=data["website"],
                    logo=wordmark,
                )
                self.report.count("organizations")
            elif self._is_placeholder_logo(org.logo, data["name"]) and org.logo_id != wordmark.pk:
                org.logo = wordmark
                org.save(update_fields=["logo"])
                self.report.count("organizations updated")
            result[data["slug"]] = org
        return result

    def _simple(self, model, rows, kind):
        result = {}
        for data in rows:
            obj, created = model.objects.get_or_create(
                slug=data["slug"], locale=self.locale, defaults={"name": data["name"]}
            )
            if created:
                self.report.count(kind)
            result[data["slug"]] = obj
        return result

    def _spokespeople(self):
        colours = {o["slug"]: o["colour"] for o in self.content["organization"]}
        result = {}
        for data in self.content["spokesperson"]:
            person = Spokesperson.objects.filter(slug=data["slug"], locale=self.locale).first()
            if person is None:
                photo = self._image(
                    f"{data['name']} portrait",
                    images.portrait_png(data["name"], colours[data["organization"]]),
                    self.collections["shared"],
                )
                person = Spokesperson(slug=data["slug"], photo=photo, **self._spokesperson_fields(data))
                person.save()
                person.save_revision().publish()
                self.report.count("spokespeople")
            elif untouched_by_editors(person):
                self._refresh(person, self._spokesperson_fields(data), "spokespeople updated")
            result[data["slug"]] = person
        return result

    def _spokesperson_fields(self, data):
        bio = data.get("bio", "")
        return {
            "name": data["name"],
            "title": data["title"],
            "organization": self.organizations[data["organization"]],
            "bio": f"<p>{bio}</p>" if bio else "",
            "press_email": data.get("press_email", ""),
            "press_phone": data.get("press_phone", ""),
            "languages": data.get("languages", ""),
            "active": data.get("active", True),
        }

    def _refresh(self, obj, fields, kind):
        """Set ``fields`` on an object only the loader has saved, and publish it, if any differ."""
        changed = {name: value for name, value in fields.items() if getattr(obj, name) != value}
        if not changed:
            return
        for name, value in changed.items():
            setattr(obj, name, value)
        obj.save()
        obj.save_revision().publish()
        self.report.count(kind)

    # --- sites ---------------------------------------------------------------------------

    def _root_page(self, page_class, slug, **fields):
        existing = page_class.objects.filter(depth=2, slug=slug).first()
        if existing:
            if untouched_by_editors(existing):
                self._refresh(existing, {"intro": fields["intro"]}, "pages updated")
            return existing
        page = page_class(slug=slug, **fields)
        Page.get_first_root_node().add_child(instance=page)
        page.save_revision().publish()
        self.report.count("pages")
        return page

    def _site(self, hostname, root_page, site_name, is_default):
        site = Site.objects.filter(hostname=hostname, port=self.port).first()
        if site is None and is_default:
            # Wagtail's first migration makes a default site on a "Welcome" page: reuse the
            # site (so its id and settings stay), and drop the placeholder page.
            site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname=hostname, port=self.port)
        if site.pk and site.root_page_id == root_page.pk and site.hostname == hostname:
            return site
        placeholder = site.root_page if site.pk else None
        site.hostname, site.port, site.root_page = hostname, self.port, root_page
        site.site_name, site.is_default_site = site_name, is_default
        site.save()
        self.report.count("sites")
        if placeholder and placeholder.specific_class is Page and not placeholder.get_children().exists():
            placeholder.delete()
        return site

    def _branding(self, site, data, key, logo):
        """The site's branding, created with its look; a branding an older demo made (it still
        has the placeholder logo) gets the look too. One an editor has changed is left alone."""
        look = LOOKS[key]
        collection = self.collections[key]
        fields = {
            "logo": logo,
            "icon": self._svg(f"{data['site_name']} icon", look["icon"], collection),
            "banner_image": self._image(
                f"{data['site_name']} banner",
                images.site_banner_jpeg(look["banner"], data["site_name"]),
                collection,
                extension="jpg",
                description=f"Abstract banner of diagonal bands in {data['site_name']}’s colours",
            ),
            "typeface": look["typeface"],
            "primary_colour": look["primary_colour"],
            "accent_colour": look["accent_colour"],
            "tint_colour": look["tint_colour"],
        }
        branding = SiteBranding.objects.filter(site=site).select_related("logo").first()
        if branding is None:
            SiteBranding.objects.create(
                site=site,
                name=data["site_name"],
                tagline=data.get("tagline", ""),
                footer_text=f"<p>{data['footer_text']}</p>",
                contact_email=data.get("contact_email", ""),
                contact_phone=data.get("contact_phone", ""),
                social_links=data.get("social_links", []),
                **fields,
            )
            self.report.count("site brandings")
        elif self._is_placeholder_logo(branding.logo, data["site_name"]) or (
            branding.logo_id == logo.pk and branding.icon_id is None and branding.banner_image_id is None
        ):
            changed = [name for name, value in fields.items() if getattr(branding, name) != value]
            if changed:
                for name in changed:
                    setattr(branding, name, fields[name])
                branding.save(update_fields=changed)
                self.report.count("site brandings updated")

    def _cipc_site(self):
        data = self.content["cipc"]
        home = self._root_page(HomePage, "cipc", title=data["site_name"], intro=data["intro"])
        site = self._site(self.cipc_hostname, home, data["site_name"], is_default=True)
        self._branding(site, data, "cipc", logo=self.organizations["cipc"].logo)
        return site

    def _coalition_site(self):
        data = self.content["coalition"]
        home = CoalitionHomePage.objects.filter(depth=2, slug=data["hostname_prefix"]).first()
        if home is None:
            home = CoalitionHomePage(
                slug=data["hostname_prefix"],
                title=data["site_name"],
                intro=data["intro"],
                signatories_heading=data["signatories_heading"],
            )
            home.members = [
                CoalitionMember(organization=self.organizations[slug], sort_order=i)
                for i, slug in enumerate(data["members"])
            ]
            Page.get_first_root_node().add_child(instance=home)
            home.save_revision().publish()
            self.report.count("pages")
        elif untouched_by_editors(home):
            self._refresh(home, {"intro": data["intro"]}, "pages updated")
        site = self._site(self.coalition_hostname, home, data["site_name"], is_default=False)
        logo = self._wordmark(data["site_name"], "ice-out-of-california.svg", self.collections["coalition"])
        self._branding(site, data, "coalition", logo=logo)
        return site

    def _press_room(self, site_root, **fields):
        existing = PressIndexPage.objects.child_of(site_root).first()
        if existing:
            return existing
        room = PressIndexPage(title="Press room", slug="press", **fields)
        site_root.add_child(instance=room)
        room.save_revision().publish()
        self.report.count("pages")
        return room

    # --- stories -------------------------------------------------------------------------

    def _story(self, data):
        room = self.press_rooms[data["site"]]
        existing = StoryPage.objects.child_of(room).filter(slug=data["slug"]).first()
        if existing:
            if untouched_by_editors(existing):
                self._refresh_story(existing, data)
            return
        image = None
        if data.get("image_colour"):
            topic_name = self.topics[data["topics"][0]].name if data["topics"] else ""
            image = self._image(
                f"{data['title'][:80]} (listing image)",
                images.banner_png(topic_name, data["image_colour"], data["slug"]),
                self.collections[data["site"]],
            )
        story = StoryPage(
            slug=data["slug"],
            date=data["date"],
            content_modified_at=seed_date(data),
            category=self.categories[data["category"]],
            listing_image=image,
            body=[self._block(block) for block in data["body"]],
            **self._story_text(data),
        )
        story.topics = [self.topics[slug] for slug in data["topics"]]
        story.signatories = [
            StorySignatory(organization=self.organizations[slug], sort_order=i)
            for i, slug in enumerate(data["signatories"])
        ]
        room.add_child(instance=story)
        story.save_revision().publish()
        self.report.count("stories")

    def _story_text(self, data):
        return {
            "title": data["title"],
            "subtitle": data["subtitle"],
            "dateline": data["dateline"],
            "summary": data["summary"],
            "signatories_heading": data["signatories_heading"],
        }

    def _refresh_story(self, story, data):
        """Bring a story only the loader has saved up to date with the content file: its
        text, body and signatories (an older demo had invented ones)."""
        body = [self._block(block) for block in data["body"]]
        signatory_ids = [self.organizations[slug].pk for slug in data["signatories"]]
        text = self._story_text(data)
        if (
            all(getattr(story, name) == value for name, value in text.items())
            and comparable(story.body.raw_data) == comparable(body)
            and [s.organization_id for s in story.signatories.all()] == signatory_ids
        ):
            return
        for name, value in text.items():
            setattr(story, name, value)
        story.body = body
        story.signatories = [StorySignatory(organization_id=pk, sort_order=i) for i, pk in enumerate(signatory_ids)]
        story.save()
        story.save_revision().publish()
        # The seed's words, so the seed's date: not the day the loader ran.
        StoryPage.objects.filter(pk=story.pk).update(content_modified_at=seed_date(data))
        self.report.count("stories updated")

    def _block(self, block):
        kind = block["type"]
        person = self.spokespeople.get(block.get("spokesperson", ""))
        if kind == "paragraph":
            value = block["text"]
        elif kind == "statement":
            value = {"spokesperson": person.pk, "text": block["text"]}
        elif kind == "spokesperson_bio":
            value = {"spokesperson": person.pk}
        elif kind == "signatories_statement":
            value = {"text": block["text"]}
        elif kind == "quote":
            value = {
                "text": block["text"],
                "spokesperson": person.pk if person else None,
                "attribution": block.get("attribution", ""),
            }
        elif kind == "media_contacts":
            value = {
                "heading": "Media contacts",
                "contacts": [
                    {"type": "item", "value": self.spokespeople[slug].pk, "id": str(uuid.uuid4())}
                    for slug in block["contacts"]
                ],
            }
        else:
            raise ValueError(f"Unknown demo block type {kind!r}")
        return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def seed_date(data):
    """A demo story's content date: the start of its seed's day, in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(data["date"], datetime.time()))


def untouched_by_editors(obj):
    """Only the loader (which saves with no user) has made revisions of ``obj``."""
    return not obj.revisions.exclude(user=None).exists()


def comparable(stream_data):
    """A story body's blocks without their ids (list items are stored with ids too), to
    tell whether a stored body says what the content file says."""

    def strip(value):
        if isinstance(value, list):
            return [strip(item["value"] if isinstance(item, dict) and "id" in item else item) for item in value]
        if isinstance(value, dict):
            return {key: strip(item) for key, item in value.items()}
        return value

    return [(block["type"], strip(block["value"])) for block in stream_data]
