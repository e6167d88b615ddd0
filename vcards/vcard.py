"""A spokesperson as a vCard 3.0 (RFC 2426), the version every address book imports."""

import re

# Control characters have no place in a contact card (and a stray CR or LF would start a
# new property); everything else is text, escaped as the RFC says.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
LINE_OCTETS = 75


def escape(value):
    """A text value: backslash, comma and semicolon escaped, line breaks as \\n."""
    value = CONTROL.sub("", str(value)).replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line):
    """Lines longer than 75 octets continue on the next line after a space, never splitting
    a UTF-8 character."""
    parts, current = [], ""
    for char in line:
        limit = LINE_OCTETS if not parts else LINE_OCTETS - 1  # continuation lines start with a space
        if len((current + char).encode()) > limit:
            parts.append(current)
            current = ""
        current += char
    parts.append(current)
    return "\r\n ".join(parts)


def name_parts(name):
    """(family, given) for the N property, which vCard 3.0 requires: the last word is taken
    as the family name. FN, which address books show, keeps the name exactly as written."""
    words = name.split()
    if len(words) < 2:
        return name.strip(), ""
    return words[-1], " ".join(words[:-1])


def spokesperson_vcard(person):
    family, given = name_parts(person.name)
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{escape(person.name)}",
        f"N:{escape(family)};{escape(given)};;;",
        f"ORG:{escape(person.organization.name)}",
        f"TITLE:{escape(person.title)}",
    ]
    if person.press_phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{escape(person.press_phone)}")
    if person.press_email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{escape(person.press_email)}")
    if person.organization.website:
        lines.append(f"URL:{escape(person.organization.website)}")
    if person.languages:
        lines.append(f"NOTE:{escape('Languages: ' + person.languages)}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)
