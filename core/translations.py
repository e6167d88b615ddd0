"""Showing the press directory in the page's language.

Stories and press rooms name the default language's spokespeople, organizations, categories
and topics (``core.models.in_default_locale``), so filters, counts and cross-listing see one
record per thing whatever the language. A page shows each record's translation in the active
language instead, when there is one (else the record itself). The directory is small, so
a request reads each model's records in the languages it needs once, in one query, and keeps
them for the rest of the request only: nothing is shared between requests, so an edit shows
on the very next visit.
"""

import contextvars

from django.apps import apps
from django.conf import settings
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce, JSONObject
from django.utils import translation

from core.rows import from_json, model_fields


def active_language():
    return translation.get_language() or settings.LANGUAGE_CODE


def is_default_language():
    return active_language() == settings.LANGUAGE_CODE


# What this request has read already (set afresh per request by core.i18n's middleware), so a
# page asks the database once per model, not once per record.
_read_this_request = contextvars.ContextVar("directory_translations", default=None)


def start_request():
    _read_this_request.set({})


def translations_in(model, language):
    """{translation_key: record} of ``model``'s records in ``language`` (live ones only, for
    snippets with drafts)."""
    memo = _read_this_request.get()
    key = (model._meta.label_lower, language)
    if memo is not None and key in memo:
        return memo[key]
    # A page in another language reads the default language's records (``directory``) and
    # its own: both come in one query.
    languages = sorted({language, settings.LANGUAGE_CODE, active_language()})
    records = model.objects.filter(locale__language_code__in=languages)
    if hasattr(model, "live"):
        records = records.filter(live=True)
    if hasattr(model, "organization"):
        records = records.select_related("organization", "photo")
        if not is_default_language():  # each one's organisation as this page names it, carried
            records = records.annotate(organization_here=_organization_here())
    found = {code: {} for code in languages}
    for record in records:
        found[language_of_locale(record.locale_id)][record.translation_key] = record
    if memo is not None:
        memo.update({(model._meta.label_lower, code): records for code, records in found.items()})
    return found[language]


def directory(model):
    """{pk: record} of ``model``'s records in the default language, the ones stories name
    (live ones only, for snippets with drafts): read as ``translations_in`` reads them."""
    return {record.pk: record for record in translations_in(model, settings.LANGUAGE_CODE).values()}


def localized(record):
    """``record`` in the active language, or ``record`` itself when it has no translation."""
    if record is None or is_default_language() or not hasattr(record, "translation_key"):
        return record
    found = translations_in(type(record), active_language()).get(record.translation_key, record)
    if found is not record and hasattr(found, "organization_id"):
        found = _with_localized_organization(found)
    return found


def localized_name(record):
    """``record``'s name in the active language: the one the query that read it carried
    (``name_here``, e.g. ``press.models.story_rows``), else its translation's, from the
    directory."""
    if record is None:
        return ""
    carried = getattr(record, "name_here", None)
    return carried if carried is not None else localized(record).name


def name_here_sql(model, prefix):
    """An annotation: the name in the active language of the ``model`` record that ``prefix``
    leads to in the outer query (e.g. "category__"), its own name when untranslated; for a
    query to carry a name as ``localized_name`` reads it, instead of reading the directory."""
    translated = model.objects.filter(
        translation_key=OuterRef(f"{prefix}translation_key"), locale__language_code=active_language()
    )
    return Coalesce(Subquery(translated.values("name")[:1]), F(f"{prefix}name"))


def localized_all(records):
    return [localized(record) for record in records]


def _organization_here():
    """An annotation on people: their organisation's record in the active language, as a row,
    when it has one there; so a Spanish page names people's organisations without reading the
    organisations' directory."""
    organization = apps.get_model("core", "Organization")
    translated = organization.objects.filter(
        translation_key=OuterRef("organization__translation_key"), locale__language_code=active_language()
    )
    return Subquery(translated.values(row=JSONObject(**model_fields(organization)))[:1])


def _with_localized_organization(person):
    """A spokesperson translation names the default language's organization (it was copied
    from the original): show that organization in the active language too (the one the
    person's query carried, ``_organization_here``, else the directory's)."""
    if hasattr(person, "organization_here"):
        if person.organization_here is not None:  # else it has no translation: shown as it is
            person.organization = from_json(type(person.organization), person.organization_here)
        return person
    organization = localized(person.organization)
    if organization is not person.organization:
        person.organization = organization
    return person


_locale_codes = {}


def language_of_locale(locale_id):
    """The language code of a Locale id; read once per process (a locale's code never changes
    once pages use it)."""
    if locale_id not in _locale_codes:
        from wagtail.models import Locale

        _locale_codes.update(Locale.objects.values_list("pk", "language_code"))
    return _locale_codes.get(locale_id, settings.LANGUAGE_CODE)
