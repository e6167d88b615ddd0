"""The demo's press kits and press rooms' default media contacts (content/presskit.toml).

Idempotent like the rest of the loader: a press kit is made only where a site has none, and
default contacts are set only on a press room that has none and that no editor has touched."""

import io
import tomllib
from pathlib import Path
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from core.models import SiteBranding
from demo import images
from languages.copies import publish_translation
from press.models import PressIndexPage, PressRoomContact
from presskit.models import PressKitFactSheet, PressKitHeadshot, PressKitLogo, PressKitPage

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "presskit.toml"
FACT_SHEET_FONT = Path(__file__).resolve().parents[1] / "static" / "fonts" / "source-sans-3-latin-400-normal.woff2"


def wordmark_svg(text, colour):
    """A placeholder wordmark as SVG: the name, white on the site's colour."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="480" height="160" viewBox="0 0 480 160" '
        f'role="img" aria-label="{escape(text)}">'
        f'<rect width="480" height="160" fill="{escape(colour)}"/>'
        '<text x="240" y="92" fill="#fff" font-family="Helvetica, Arial, sans-serif" font-size="40" '
        f'font-weight="700" text-anchor="middle">{escape(text)}</text></svg>\n'
    ).encode()


def wrapped(line, width_of, width):
    """``line`` cut between words into lines no wider than ``width`` (as ``width_of`` measures)."""
    parts = []
    for word in line.split():
        if parts and width_of(f"{parts[-1]} {word}") <= width:
            parts[-1] = f"{parts[-1]} {word}"
        else:
            parts.append(word)
    return parts


def fact_sheet_pdf(lines):
    """A one-page PDF of ``lines`` (drawn with Pillow, so the demo needs no PDF library), in the
    sites' own Source Sans 3, which has the accents of Spanish ("coalición"; Pillow's default
    font has not), each line wrapped to the page's width."""
    page = PILImage.new("RGB", (1240, 1754), "white")  # A4 at 150 dpi
    draw = ImageDraw.Draw(page)
    y = 140
    for n, line in enumerate(lines):
        size, step = (44, 80) if n == 0 else (32, 52)
        font = ImageFont.truetype(str(FACT_SHEET_FONT), size)
        for part in wrapped(line, lambda text, font=font: draw.textlength(text, font=font), 1000) or [""]:
            draw.text((120, y), part, fill="black", font=font)
            y += step
    buffer = io.BytesIO()
    page.save(buffer, format="PDF", resolution=150)
    return buffer.getvalue()


class PressKitLoader:
    def __init__(self, loader, untouched_by_editors):
        self.loader = loader
        self.untouched_by_editors = untouched_by_editors  # the loader's rule, passed in: no import cycle
        self.report = loader.report
        self.content = tomllib.loads(CONTENT_FILE.read_text(encoding="utf-8"))

    def load(self):
        for site_key, slugs in self.content["default_contacts"].items():
            self._default_contacts(site_key, self.loader.press_rooms[site_key], slugs)
        for kit in self.content["press_kit"]:
            self._press_kit(kit)

    def _default_contacts(self, site_key, room, slugs):
        room = PressIndexPage.objects.get(pk=room.pk)  # fresh: adding stories changed its tree fields
        if room.media_contacts.exists() or not self.untouched_by_editors(room):
            return
        hours = self.content.get("default_contact_hours", {})
        room.media_contacts = [
            PressRoomContact(spokesperson=self.loader.spokespeople[slug], hours=hours.get(slug, ""), sort_order=i)
            for i, slug in enumerate(slugs)
        ]
        after_hours = self.content.get("after_hours", {}).get(site_key, {})
        room.after_hours_phone = after_hours.get("phone", "")
        room.after_hours_note = after_hours.get("note", "")
        room.save()
        room.save_revision().publish()
        self.report.count("press room contact lists")

    def _press_kit(self, data):
        room = self.loader.press_rooms[data["site"]]
        site_root = room.get_parent()
        if PressKitPage.objects.child_of(site_root).exists():
            return
        branding = SiteBranding.objects.filter(site__root_page=site_root).select_related("logo").first()
        collection = self.loader.collections[data["site"]]
        name = branding.name if branding else site_root.title
        colour = (branding.primary_colour if branding else "") or "#1d4f91"
        kit = PressKitPage(
            title="Press kit",
            slug="press-kit",
            about_heading=data["about_heading"],
            about=data["about"] + self.content["sample_note"],
        )
        svg = self._document(
            f"{name} wordmark (demo placeholder, SVG)", "wordmark.svg", wordmark_svg(name, colour), collection
        )
        kit.logos = [
            PressKitLogo(
                name="Wordmark (demo placeholder)",
                png=self._wordmark_png(name, colour, collection),
                svg=svg,
                usage_notes="Sample usage notes: this is a placeholder drawn for the demo, not the "
                "organization's logo. Leave clear space around a logo; never stretch or recolour it.",
                sort_order=0,
            )
        ]
        kit.headshots = [
            PressKitHeadshot(image=self._headshot(person), name=person["name"], role=person["role"], sort_order=i)
            for i, person in enumerate(self.content["headshot"])
        ]
        sheet = self._document(
            data["fact_sheet_title"], "fact-sheet.pdf", fact_sheet_pdf(data["fact_sheet_lines"]), collection
        )
        kit.fact_sheets = [PressKitFactSheet(document=sheet, sort_order=0)]
        site_root.add_child(instance=kit)
        kit.save_revision().publish()
        self.report.count("press kits")

    def translate(self, words, locale):
        """Each demo press kit in ``locale``, made as an editor would (Wagtail's "Translate":
        the same logos, headshots and credits), given ``words`` and a fact sheet in that
        language. Only where a kit has no translation yet and no editor has touched it."""
        for data in self.content["press_kit"]:
            site_root = self.loader.press_rooms[data["site"]].get_parent()
            kit = PressKitPage.objects.child_of(site_root).first()
            if kit is None or kit.get_translation_or_none(locale) is not None or not self.untouched_by_editors(kit):
                continue
            text = words[data["site"]]
            sheet = self._document(
                text["fact_sheet_title"],
                f"fact-sheet-{locale.language_code}.pdf",
                fact_sheet_pdf(text["fact_sheet_lines"]),
                self.loader.collections[data["site"]],
            )
            logos = [
                PressKitLogo(
                    name=words["logo_name"],
                    png=logo.png,
                    svg=logo.svg,
                    usage_notes=words["logo_usage_notes"],
                    sort_order=logo.sort_order,
                )
                for logo in kit.logos.all()
            ]
            headshots = [
                PressKitHeadshot(image=shot.image, name=person["name"], role=person["role"], sort_order=shot.sort_order)
                for shot, person in zip(kit.headshots.all(), words["headshot"], strict=False)
            ]
            publish_translation(
                kit,
                locale,
                title=words["title"],
                about_heading=text["about_heading"],
                about=text["about"] + words["sample_note"],
                logos=logos,
                headshots=headshots,
                fact_sheets=[PressKitFactSheet(document=sheet, sort_order=0)],
            )
            self.report.count("pages translated")

    def _headshot(self, person):
        Image = get_image_model()
        spokesperson = self.loader.spokespeople[person["spokesperson"]]
        title = f"{spokesperson.name} headshot (fictional person, sample)"
        collection = self.loader.collections["shared"]
        existing = Image.objects.filter(title=title, collection=collection).first()
        if existing:
            return existing
        credits = self.content["sample_images"]
        colour = "#4a5568"
        image = Image(
            title=title,
            collection=collection,
            description=title,
            credit=credits["credit"],
            licence=credits["licence"],
            licence_url=credits["licence_url"],
        )
        image.file = ImageFile(
            io.BytesIO(images.portrait_png(spokesperson.name, colour)), name=f"{spokesperson.slug}-headshot.png"
        )
        image.save()
        self.report.count("images")
        return image

    def _wordmark_png(self, name, colour, collection):
        """The kit's PNG twin of its placeholder wordmark (the site's logo is an SVG, which the
        kit offers as the SVG download): the name in plain type beside a bar of the site's colour."""
        Image = get_image_model()
        title = f"{name} wordmark (demo placeholder, PNG)"
        existing = Image.objects.filter(title=title, collection=collection).first()
        if existing:
            return existing
        picture = PILImage.new("RGB", (800, 200), "white")
        draw = ImageDraw.Draw(picture)
        draw.rectangle((40, 40, 56, 160), fill=colour)
        draw.text((84, 100), name, fill=colour, font=images._font(44), anchor="lm")
        buffer = io.BytesIO()
        picture.save(buffer, format="PNG", optimize=True)
        image = Image(title=title, collection=collection, description=f"{name} (placeholder wordmark)")
        image.file = ImageFile(io.BytesIO(buffer.getvalue()), name="wordmark.png")
        image.save()
        self.report.count("images")
        return image

    def _document(self, title, filename, content, collection):
        Document = get_document_model()
        existing = Document.objects.filter(title=title, collection=collection).first()
        if existing:
            return existing
        document = Document(title=title, collection=collection)
        document.file = ContentFile(content, name=filename)
        document.save()
        self.report.count("documents")
        return document
