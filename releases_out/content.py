"""A story as a release email carries it: the statements, quotes and paragraphs as text (in
order), and the media contacts. Pictures, video, tables and documents stay on the story's page,
which the email links to."""

import html
import re
from dataclasses import dataclass, field

from django.utils.html import strip_tags
from django.utils.translation import gettext

from core.blocks import MEDIA_CONTACTS

BREAKS = re.compile(r"(?i)<br\s*/?>|</(p|li|h[1-6]|blockquote|div)>")


def html_to_text(markup):
    text = BREAKS.sub("\n", str(markup))
    text = html.unescape(strip_tags(text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


@dataclass
class Section:
    kind: str  # "lead_in", "text", "quote"
    text: str
    attribution: str = ""


@dataclass
class Contact:
    name: str
    role: str
    phone: str = ""
    email: str = ""


@dataclass
class ReleaseContent:
    sections: list = field(default_factory=list)
    contacts_heading: str = ""
    contacts: list = field(default_factory=list)


def _contact(person):
    organization = getattr(person, "organization", None)
    role = ", ".join(part for part in (person.title, getattr(organization, "name", "")) if part)
    return Contact(name=person.name, role=role, phone=person.press_phone, email=person.press_email)


def release_content(story):
    """The text of ``story`` (a page, live or a draft revision) for an email."""
    content = ReleaseContent()
    for block in story.body:
        kind, value = block.block_type, block.value
        if kind == "paragraph":
            content.sections.append(Section("text", html_to_text(value.source)))
        elif kind == "statement":
            if value.lead_in():
                content.sections.append(Section("lead_in", value.lead_in()))
            content.sections.append(Section("text", html_to_text(value["text"].source)))
        elif kind == "signatories_statement":
            lead_in = getattr(story, "signatories_lead_in", "") or ""
            if lead_in:
                content.sections.append(Section("lead_in", lead_in))
            content.sections.append(Section("text", html_to_text(value["text"].source)))
        elif kind == "quote":
            content.sections.append(Section("quote", value["text"].strip(), value.attribution_line()))
        elif kind == "media_contacts" and not content.contacts:
            content.contacts_heading = value.shown_heading()
            content.contacts = [_contact(person) for person in value["contacts"] if person]
    if not content.contacts:
        room = getattr(story, "press_room", None)
        people = room.default_media_contacts() if room is not None else []
        content.contacts_heading = gettext(MEDIA_CONTACTS)
        content.contacts = [_contact(person) for person in people]
    content.sections = [section for section in content.sections if section.text]
    return content
