"""The site's search backend: Wagtail's database backend, with every query cleaned first.

Every search in the project goes through it: the public search and press-room filter, and
Wagtail's own admin searches (page search, explorer, choosers, images, documents, snippets,
the admin API). Two kinds of input broke all of those with a server error: a NUL byte, which
PostgreSQL refuses in a query, and a long run of words (a pasted paragraph, a bot), which the
backend folds into one nested expression per word until Python's recursion limit. Cleaning
here, where the query enters Wagtail, fixes every caller at once."""

import copy
import functools
import re

from wagtail.search.backends.database import SearchBackend as database_search_backend
from wagtail.search.query import MATCH_NONE, And, Boost, Fuzzy, Not, Or, Phrase, PlainText

# Far more words than anyone types into a search box; far fewer than the ~300 that hit the limit.
MAX_SEARCH_WORDS = 32
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class _WordBudget:
    def __init__(self, words):
        self.left = words

    def take(self, text):
        words = CONTROL_CHARACTERS.sub(" ", text).split()[: self.left]
        self.left -= len(words)
        return " ".join(words)


def clean_search_query(query, budget=None):
    """``query`` (a string or a Wagtail search query) without control characters and cut to
    ``MAX_SEARCH_WORDS`` words in all; "" when nothing is left to search for."""
    budget = budget or _WordBudget(MAX_SEARCH_WORDS)
    if isinstance(query, str):
        return budget.take(query)
    if isinstance(query, (PlainText, Phrase, Fuzzy)):
        text = budget.take(query.query_string)
        if not text:
            return ""
        query = copy.copy(query)
        query.query_string = text
        return query
    if isinstance(query, (And, Or)):
        parts = [part for part in (clean_search_query(sub, budget) for sub in query.subqueries) if part != ""]
        return type(query)(parts) if parts else ""
    if isinstance(query, (Not, Boost)):
        inner = clean_search_query(query.subquery, budget)
        if inner == "":
            return ""
        query = copy.copy(query)
        query.subquery = inner
        return query
    return query  # MatchAll and the like carry no text


class CleanQueryMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        cleaned = clean_search_query(query)
        if cleaned == "" and query != "":
            # Only control characters: nothing matches, in the results class callers expect.
            cleaned = MATCH_NONE
        return super()._search(query_compiler_class, cleaned, model_or_queryset, **kwargs)


@functools.cache
def _with_clean_queries(backend_class):
    return type(backend_class.__name__, (CleanQueryMixin, backend_class), {})


def SearchBackend(params):
    """The database backend Wagtail picks for this database (PostgreSQL; SQLite in
    development), made to clean its queries."""
    backend = database_search_backend(params)
    backend.__class__ = _with_clean_queries(type(backend))
    return backend
