"""Compile the interface translations (LOCALE_PATHS/<language>/LC_MESSAGES/django.po → .mo).

Django's compilemessages needs GNU gettext's msgfmt; `make run` promises to need only Python,
and the Docker image has no gettext. This writes the same GNU .mo files in Python (the format
CPython's Tools/i18n/msgfmt.py writes): fuzzy and untranslated entries are left out, as msgfmt
does, so Django falls back to the English text for them."""

import ast
import struct
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def parse_po(text):
    """{key: value} as .mo files store them: key "msgctxt\\x04msgid" (or "msgid\\x00plural"),
    value the translation (plural forms joined by NUL). The header (msgid "") is kept."""
    entries, entry, field, fuzzy = {}, {}, None, False

    def finish():
        if "msgid" not in entry or fuzzy:
            return
        key = entry["msgid"]
        if "msgid_plural" in entry:
            key += "\0" + entry["msgid_plural"]
            forms = [entry[name] for name in sorted(name for name in entry if name.startswith("msgstr["))]
            value = "\0".join(forms) if forms and all(forms) else ""
        else:
            value = entry.get("msgstr", "")
        if not value:
            return  # untranslated: Django shows the English text
        if "msgctxt" in entry:
            key = entry["msgctxt"] + "\x04" + key
        entries[key] = value

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            # Comments open the next entry: the one before is complete.
            if "msgid" in entry:
                finish()
                entry, field, fuzzy = {}, None, False
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            continue
        if line.startswith('"'):
            rest = line
        else:
            field, _, rest = line.partition(" ")
            if field in ("msgctxt", "msgid") and "msgid" in entry:
                finish()
                entry, fuzzy = {}, False
            entry[field] = ""
        if field is None:
            raise CommandError(f"line {number}: text outside an entry")
        try:
            entry[field] += ast.literal_eval(rest)
        except (ValueError, SyntaxError) as error:
            raise CommandError(f"line {number}: not a quoted string: {raw!r}") from error
    finish()
    return entries


def mo_bytes(entries):
    """A GNU .mo file holding ``entries`` (keys sorted, as msgfmt writes them)."""
    keys = sorted(entries, key=lambda key: key.encode())
    ids = strs = b""
    offsets = []
    for key in keys:
        key_bytes, value_bytes = key.encode(), entries[key].encode()
        offsets.append((len(ids), len(key_bytes), len(strs), len(value_bytes)))
        ids += key_bytes + b"\0"
        strs += value_bytes + b"\0"
    count = len(keys)
    keys_start = 7 * 4
    values_start = keys_start + count * 8
    ids_start = values_start + count * 8
    strs_start = ids_start + len(ids)
    key_table, value_table = [], []
    for id_offset, id_length, str_offset, str_length in offsets:
        key_table += [id_length, ids_start + id_offset]
        value_table += [str_length, strs_start + str_offset]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, count, keys_start, values_start, 0, 0)
    tables = struct.pack(f"{len(key_table)}i", *key_table) + struct.pack(f"{len(value_table)}i", *value_table)
    return header + tables + ids + strs


class Command(BaseCommand):
    help = "Compile every django.po under LOCALE_PATHS into django.mo, without GNU gettext."

    def handle(self, *args, **options):
        compiled = 0
        for folder in settings.LOCALE_PATHS:
            for po in sorted(Path(folder).glob("*/LC_MESSAGES/*.po")):
                entries = parse_po(po.read_text(encoding="utf-8"))
                po.with_suffix(".mo").write_bytes(mo_bytes(entries))
                compiled += 1
                if options["verbosity"] > 1:
                    self.stdout.write(f"{po}: {len(entries) - 1} translations")
        if options["verbosity"]:
            self.stdout.write(f"Compiled {compiled} catalogue(s).")
