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
from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.search.backends.database import SearchBackend as database_search_backend
from wagtail.search.query import MATCH_NONE, And, Boost, Fuzzy, Not, Or, Phrase, PlainText

from core.translations import language_of_locale

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


# --- Each language with its own stemming (PostgreSQL) --------------------------------------
#
# PostgreSQL's full-text search stems words by a text search configuration ("english" makes
# "immigrants" and "immigrant" one word; "spanish" does the same for "inmigrantes" and
# "inmigrante"). The backend's LANGUAGE_CONFIGS ({"es": "spanish"}) names the configuration of
# each language's pages and snippets: they are indexed with it, and searches made in that
# language (the address's, languages.middleware) use it. Languages not named keep the backend's own
# configuration (SEARCH_CONFIG, else the database's default, English), as before.


def _object_language(obj):
    locale_id = getattr(obj, "locale_id", None)
    return language_of_locale(locale_id) if locale_id is not None else None


class LanguageIndexMixin:
    def add_items(self, model, objs):
        configs = getattr(self.backend, "language_configs", None)
        if not configs:
            return super().add_items(model, objs)
        by_config = defaultdict(list)
        for obj in objs:
            by_config[configs.get(_object_language(obj))].append(obj)
        for config, group in by_config.items():
            if config is None:
                super().add_items(model, group)
            else:
                # A copy of the backend for this configuration: never change the shared one,
                # which other threads are using.
                backend = copy.copy(self.backend)
                backend.config, backend.language_configs = config, {}
                type(self)(backend).add_items(model, group)
        return None


class LanguageQueryMixin:
    def get_config(self, backend):
        from django.utils import translation

        configs = getattr(backend, "language_configs", None) or {}
        return configs.get(translation.get_language()) or super().get_config(backend)


@functools.cache
def _language_aware(backend_class):
    attributes = {
        "index_class": type(backend_class.index_class.__name__, (LanguageIndexMixin, backend_class.index_class), {}),
        "query_compiler_class": type(
            backend_class.query_compiler_class.__name__,
            (LanguageQueryMixin, backend_class.query_compiler_class),
            {},
        ),
    }
    return type(backend_class.__name__, (backend_class,), attributes)


def SearchBackend(params):
    """The database backend Wagtail picks for this database (PostgreSQL; SQLite in
    development), made to clean its queries and, on PostgreSQL, to stem each language with
    its own configuration (``LANGUAGE_CONFIGS``)."""
    backend = database_search_backend(params)
    backend_class = type(backend)
    language_configs = params.get("LANGUAGE_CONFIGS") or {}
    if language_configs and hasattr(backend_class, "query_compiler_class") and "Postgres" in backend_class.__name__:
        backend_class = _language_aware(backend_class)
        backend.language_configs = dict(language_configs)
    backend.__class__ = _with_clean_queries(backend_class)
    return backend


# --- Saving many pages at once -----------------------------------------------------------


@contextmanager
def not_indexed_on_save(model):
    """Instances of ``model`` saved in here are not indexed one save at a time (a third of the
    time a generated story takes; two index writes for each imported story, which is saved
    then published): whoever saves them indexes them all at once afterwards (``add_bulk``)."""
    post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        post_save.connect(post_save_signal_handler, sender=model)
