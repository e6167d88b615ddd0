"""Media contacts from a CSV file: read and checked first (the preview says what will be
added, updated and refused, and why), then written in one transaction (bulk, so 20,000 rows
take seconds). Nothing is written by the preview; a confirm writes all of it or nothing.

Columns (first row, any order, case-insensitive): name and email are required; outlet, beat,
phone, language (en, es; English, Español), notes are optional. An address already in the
site's contacts updates that contact (empty cells leave its fields as they are)."""

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from medialists.models import MediaContact

MAX_BYTES = 10 * 1024 * 1024  # about 50,000 typical rows
MAX_ROWS = 50_000
REQUIRED = ("name", "email")
OPTIONAL = ("outlet", "beat", "phone", "language", "notes")
FIELD_LIMITS = {"name": 200, "outlet": 200, "beat": 200, "phone": 50, "notes": 5000}
UPDATABLE = ("name", "outlet", "beat", "phone", "language", "notes")


class BadFile(ValueError):
    """The file as a whole cannot be read: the message says why, for the form."""


def _languages():
    names = {}
    for code, name in settings.LANGUAGES:
        names[code.lower()] = code
        names[name.lower()] = code
    names.update({"english": "en", "spanish": "es", "español": "es", "espanol": "es"})
    return {key: value for key, value in names.items() if value in dict(settings.LANGUAGES)}


@dataclass
class Row:
    line: int
    values: dict
    reason: str = ""
    contact_id: int | None = None


@dataclass
class Preview:
    added: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    refused: list = field(default_factory=list)

    @property
    def writable(self):
        return bool(self.added or self.updated)


def decode(data):
    """The file's text: UTF-8 (with or without a byte-order mark); anything else is refused."""
    if not data:
        raise BadFile("The file is empty.")
    if len(data) > MAX_BYTES:
        raise BadFile(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: split it into smaller files.")
    if b"\x00" in data:
        raise BadFile("This is not a CSV file (it holds binary data). Save it from your spreadsheet as “CSV UTF-8”.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadFile(
            "The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8 (comma delimited)”."
        ) from error


def read_rows(text):
    """The rows as dicts of the known columns; BadFile if the header lacks a required column."""
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
    except csv.Error as error:
        raise BadFile(f"The file could not be read as CSV: {error}.") from error
    if not header or not any(cell.strip() for cell in header):
        raise BadFile("The file is empty: its first row must name the columns (name, email, …).")
    columns = [cell.strip().lower() for cell in header]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise BadFile(
            f"The first row must name the columns; missing: {', '.join(missing)}. "
            f"Found: {', '.join(cell for cell in columns if cell)[:200] or 'nothing'}."
        )
    known = {name: columns.index(name) for name in (*REQUIRED, *OPTIONAL) if name in columns}
    rows = []
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise BadFile(f"The file has more than {MAX_ROWS:,} contacts: split it into smaller files.")
            values = {name: (cells[index].strip() if index < len(cells) else "") for name, index in known.items()}
            rows.append(Row(line=number, values=values))
    except csv.Error as error:
        raise BadFile(f"The file could not be read as CSV (line {reader.line_num}): {error}.") from error
    if not rows:
        raise BadFile("The file has a header row but no contacts.")
    return rows


def check(rows, site):
    """Sort the rows into added, updated and refused (with the reason) for ``site``."""
    languages = _languages()
    existing = dict(MediaContact.objects.filter(site=site).values_list("email", "pk"))
    seen = {}
    preview = Preview()
    for row in rows:
        values = row.values
        email = values.get("email", "").lower()
        values["email"] = email
        reason = ""
        if not values.get("name"):
            reason = "missing name"
        elif not email:
            reason = "missing email"
        else:
            try:
                validate_email(email)
            except ValidationError:
                reason = f"not an email address: {email[:80]}"
        if not reason and email in seen:
            reason = f"the same address as line {seen[email]}"
        if not reason:
            language = values.get("language", "")
            if language:
                if language.lower() not in languages:
                    reason = (
                        f"unknown language: {language[:40]} (use {', '.join(code for code, _ in settings.LANGUAGES)})"
                    )
                else:
                    values["language"] = languages[language.lower()]
        if not reason:
            too_long = [name for name, limit in FIELD_LIMITS.items() if len(values.get(name, "")) > limit]
            if too_long:
                reason = f"too long: {', '.join(too_long)}"
        if reason:
            row.reason = reason
            preview.refused.append(row)
            continue
        seen[email] = row.line
        row.contact_id = existing.get(email)
        (preview.updated if row.contact_id else preview.added).append(row)
    return preview


def preview_file(data, site):
    return check(read_rows(decode(data)), site)


@transaction.atomic
def write(preview, site, media_list=None):
    """Add and update every row of ``preview`` (one transaction); returns (added, updated)."""
    new = [
        MediaContact(
            site=site,
            **{name: row.values.get(name, "") for name in UPDATABLE if name != "language"},
            email=row.values["email"],
            language=row.values.get("language") or settings.LANGUAGE_CODE,
        )
        for row in preview.added
    ]
    # The unique constraint on (site, lower(email)) makes a contact added meanwhile by someone
    # else an error for the whole import, never a duplicate: the editor previews again.
    created = MediaContact.objects.bulk_create(new, batch_size=2000)
    changed = []
    if preview.updated:
        contacts = MediaContact.objects.in_bulk([row.contact_id for row in preview.updated])
        for row in preview.updated:
            contact = contacts.get(row.contact_id)
            if contact is None:
                continue
            for name in UPDATABLE:
                if row.values.get(name):
                    setattr(contact, name, row.values[name])
            changed.append(contact)
        MediaContact.objects.bulk_update(changed, UPDATABLE, batch_size=2000)
    if media_list is not None:
        through = MediaContact.lists.through
        links = [through(medialist_id=media_list.pk, mediacontact_id=contact.pk) for contact in [*created, *changed]]
        through.objects.bulk_create(links, batch_size=5000, ignore_conflicts=True)
    return len(created), len(changed)


EXPORT_COLUMNS = [
    "name",
    "email",
    "outlet",
    "beat",
    "phone",
    "language",
    "notes",
    "lists",
    "not emailed because",
    "since",
]


def spreadsheet_safe(value):
    """A cell starting with = + - @ stays text in a spreadsheet (no formula injection)."""
    value = str(value or "")
    if value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value
    return value


def export_rows(contacts):
    yield EXPORT_COLUMNS
    for contact in contacts:
        yield [
            spreadsheet_safe(value)
            for value in (
                contact.name,
                contact.email,
                contact.outlet,
                contact.beat,
                contact.phone,
                contact.language,
                contact.notes,
                "; ".join(media_list.name for media_list in contact.lists.all()),
                contact.get_suppressed_reason_display() if contact.suppressed_reason else "",
                contact.suppressed_at.date().isoformat() if contact.suppressed_at else "",
            )
        ]
