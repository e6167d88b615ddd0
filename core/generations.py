"""Generations: answers that change only when an editor publishes (facet counts, totals, the
page of stories an address lists) are computed once per publish, not once per request.

Each site has a generation token in Django's cache (Redis in production), and so does the
whole install. Cached answers are filed under the tokens current when they were computed;
every change that purges a site from the front cache (frontcache.purge) also gives that site
(or, for shared snippets and Site records, the install) a new token, so the next visitor
computes and files fresh answers and the old ones are never read again (they expire).

A site's frame (its branding, press room, press kit link and media contacts: what every page
shows around its stories) has a token of its own, ``frame-<id>``: every change to the site
renews it except publishing, unpublishing or deleting a story, so the busiest kind of change
does not make the next visitor of every page work the frame out again.

The cache is only ever a shortcut: when it is down, every call computes the answer."""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

logger = logging.getLogger("core.generations")

# Surrogate key names, as frontcache.keys writes them: "all", "site-<id>".
ALL = "all"
PREFIX = "generation:"
# Answers outlive their generation by at most this long, so superseded ones do not pile up.
ANSWER_TIMEOUT = 24 * 60 * 60
MISSING = object()
ABSENT = object()  # looked up by prefetch() and not found


def _token():
    return uuid.uuid4().hex[:12]


def bump(keys):
    """Give each of ``keys`` ("all" or "site-<id>") a new generation."""
    if not keys:
        return
    try:
        cache.set_many({PREFIX + key: _token() for key in keys}, timeout=None)
    except Exception:  # a cache outage: nothing cached can be read either
        logger.warning("Could not bump cache generations %s", sorted(keys), exc_info=True)


def frame_key(site_key):
    """The frame token of the site named by ``site_key`` ("site-<id>"), or None for "all"."""
    return "frame-" + site_key.removeprefix("site-") if site_key.startswith("site-") else None


def current(site_id, request=None, scope="site"):
    """The tokens answers about ``site_id`` are filed under: the install's and the site's
    (``scope`` "site"), or its frame's ("frame"); None, so nothing is cached, unless every
    process shares the cache. With ``request``, tokens it has already read (``remember()``)
    are not read again."""
    if not settings.CACHE_PUBLISHED_ANSWERS:
        return None
    names = [PREFIX + ALL, f"{PREFIX}{scope}-{site_id}"]
    known = getattr(request, "_generations", {})
    if all(name in known for name in names):
        return f"{known[names[0]]}.{known[names[1]]}"
    found = read_with(names)
    if found is None:
        return None
    remember(request, found)
    return f"{found[names[0]]}.{found[names[1]]}"


def read_with(names, others=()):
    """{name: value} for the generation tokens ``names`` (each started if missing) and the
    cached values ``others`` (those found), in one round trip when the tokens exist; None when
    the cache does not answer (then nothing is read from it or filed in it)."""
    try:
        found = cache.get_many([*names, *others])
        missing = {name: _token() for name in names if name not in found}
        if missing:
            # Evicted or never set: start a new generation (add, so two requests agree).
            for name, token in missing.items():
                cache.add(name, token, timeout=None)
            found.update(cache.get_many(list(missing)))
    except Exception:
        return None
    if any(name not in found for name in names):
        return None  # the cache is skipping calls: do not file answers anywhere
    return found


def remember(request, tokens):
    """Keep generation tokens read from the cache (``{"generation:…": token}``) for the rest
    of ``request``: one request reads each at most once."""
    if request is not None:
        request.__dict__.setdefault("_generations", {}).update(tokens)


def digest(*parts):
    """A short, fixed-length cache key part for arbitrary values (filters, search words)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


class SiteAnswers:
    """Cached answers about one site, valid until its next generation (of ``scope``: the
    site's, or its frame's), in the active language: answers hold interface words (month
    names, "another site"), so the language is part of every key."""

    def __init__(self, site_id, namespace, request=None, scope="site"):
        self.generation = current(site_id, request, scope) if site_id is not None else None
        language = translation.get_language() or settings.LANGUAGE_CODE
        self.prefix = f"answer:{scope}:{namespace}:{site_id}:{language}:{self.generation}:"
        self._fetched = {}

    def prefetch(self, *names):
        """Read the answers a request will ask for in one round trip to the cache."""
        if self.generation is None or not names:
            return
        keys = [self.prefix + name for name in names]
        try:
            found = cache.get_many(keys)
        except Exception:
            return
        # Answers not there yet are computed without asking the cache again.
        self._fetched.update({key: found.get(key, ABSENT) for key in keys})

    def get_or_compute(self, name, compute):
        """``compute()``, or the answer it gave in this generation."""
        if self.generation is None:
            return compute()
        key = self.prefix + name
        answer = self._fetched.pop(key, MISSING)
        if answer is ABSENT:
            answer = MISSING
        elif answer is MISSING:
            try:
                answer = cache.get(key, MISSING)
            except Exception:
                answer = MISSING
        if answer is MISSING:
            answer = compute()
            try:
                cache.set(key, answer, timeout=ANSWER_TIMEOUT)
            except Exception:
                logger.warning("Could not cache %s", key, exc_info=True)
        return answer
