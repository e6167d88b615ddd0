"""The desk's own query-string parameters, and nothing else.

wagtail-modeladmin hands every query-string key it does not recognise to the ORM as a lookup
(``?category__stories__latest_revision__user__password__regex=…``), so a key it does not know
would let an editor ask yes/no questions about anything reachable from a story. The desk keeps
only the keys it offers and drops the rest before modeladmin sees the request."""

import re

from django.http import QueryDict

FILTER_PARAMETERS = ("site", "language", "category", "year", "status")
SEARCH, ORDER, PAGE, EXPORT = "q", "o", "p", "export"
EXPORT_FORMATS = ("csv", "xlsx")
SEARCH_MAX_LENGTH = 200
LAST_PAGE = 100_000  # far beyond any real desk; bounds the number before int() sees it
_ORDER_PART = re.compile(r"-?[0-9]{1,3}")


def whole_number(value, minimum, maximum):
    """``value`` as an int if it is plain ASCII digits within the bounds, else None ('²' and
    Arabic-Indic digits pass ``str.isdigit()``; a 30-digit year overflows the database)."""
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(maximum)):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


def _ordering(value, column_count):
    """Keep the parts of ``o`` that name a listed column ('-2.0'); drop the rest."""
    parts = [part for part in value.split(".") if _ORDER_PART.fullmatch(part)]
    return ".".join(part for part in parts if int(part.lstrip("-")) < column_count)


def desk_query(params, column_count):
    """A copy of the request's ``params`` holding only what the desk offers, each value usable."""
    query = QueryDict(mutable=True)
    for name in FILTER_PARAMETERS:
        if name in params:
            # The filters themselves decide what a value means; one they do not know lists nothing.
            query[name] = params[name]
    if search := params.get(SEARCH, "").replace("\x00", "")[:SEARCH_MAX_LENGTH]:
        query[SEARCH] = search
    if ordering := _ordering(params.get(ORDER, ""), column_count):
        query[ORDER] = ordering
    if (page := whole_number(params.get(PAGE, ""), 1, LAST_PAGE)) is not None:
        query[PAGE] = str(page)
    if params.get(EXPORT) in EXPORT_FORMATS:
        query[EXPORT] = params[EXPORT]
    query._mutable = False
    return query
