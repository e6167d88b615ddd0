"""Words the pages put together themselves, in the active language: lists of names ("A, B and
C") and the languages a press contact speaks ("inglés y español" on a Spanish page)."""

import re

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, pgettext, pgettext_lazy


def join_names(names):
    """'A', 'A and B', 'A, B and C' (AP style, as the organisations' statements use); 'A, B y C'
    in Spanish."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return gettext("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


# Languages press contacts are likely to list (California's most spoken, and the Indigenous
# languages of Mexico and Guatemala its communities speak), named as they read mid-sentence.
# A name not listed here is shown as the editor typed it.
LANGUAGES_SPOKEN = {
    name.lower(): pgettext_lazy("a language spoken, mid-sentence", name)
    for name in [
        "English", "Spanish", "Chinese", "Mandarin", "Cantonese", "Tagalog", "Filipino", "Vietnamese",
        "Korean", "Arabic", "Armenian", "Persian", "Farsi", "Punjabi", "Hindi", "Urdu", "Russian",
        "Japanese", "Portuguese", "French", "Hmong", "Khmer", "Mixtec", "Zapotec", "Triqui", "Purépecha",
        "K'iche'", "Mam", "ASL", "American Sign Language",
    ]
}  # fmt: skip
SEPARATORS = re.compile(r"\s*(?:,|;|/|&|\band\b)\s*", re.IGNORECASE)


def languages_spoken(typed):
    """What a contact card says a person speaks, from what an editor typed ("English,
    Spanish"): as typed on a page in the default language, the one editors type in; on a page
    in another language, each name it knows in that language ("inglés y español"), joined as
    that language joins a list, and any other name as typed."""
    if translation.get_language() in (None, settings.LANGUAGE_CODE):
        return typed or ""
    names = [name for name in SEPARATORS.split(typed or "") if name]
    if not names:
        return ""
    shown = [str(LANGUAGES_SPOKEN.get(name.lower(), name)) for name in names]
    if len(shown) > 1 and re.match(r"h?i(?![aeiouáéó])", shown[-1], re.IGNORECASE):
        # Spanish writes "e", not "y", before an "i" sound ("español e inglés").
        return pgettext("before a word that starts with an i sound", "%(names)s and %(last)s") % {
            "names": ", ".join(shown[:-1]),
            "last": shown[-1],
        }
    return join_names(shown)
