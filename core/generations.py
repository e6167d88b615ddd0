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
import pickle
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
    names, "another site"), so the language is part of every key.

    A site's frame answers (branding, press room, press kit link, contacts, language versions
    of pages other than stories) are kept together in one cache entry per site and language,
    a *frame bundle*, so a page reads all of them in one round trip; with a request, they
    also come in the same round trip as the page's own answers (``prefetch``)."""

    def __init__(self, site_id, namespace, request=None, scope="site"):
        self.generation = current(site_id, request, scope) if site_id is not None else None
        language = translation.get_language() or settings.LANGUAGE_CODE
        self.prefix = f"answer:{scope}:{namespace}:{site_id}:{language}:{self.generation}:"
        self._fetched = {}
        self._request = request
        self._bundle_key = self._frame_key_for_prefetch = None
        if scope == "frame" and request is not None and self.generation is not None:
            self._bundle_key = _frame_bundle_key(site_id, language, self.generation)
        elif request is not None and site_id is not None:
            self._frame_key_for_prefetch = _known_frame_bundle_key(site_id, language, request)

    def prefetch(self, *names):
        """Read the answers a request will ask for in one round trip to the cache (with the
        site's frame bundle, when its generation is known already)."""
        if self.generation is None or not names:
            return
        keys = [self.prefix + name for name in names]
        bundle_key = self._frame_key_for_prefetch
        bundles = self._request.__dict__.setdefault("_frame_bundles", {}) if self._request is not None else {}
        if bundle_key is not None and bundle_key not in bundles:
            keys.append(bundle_key)
        else:
            bundle_key = None
        try:
            found = cache.get_many(keys)
        except Exception:
            return
        if bundle_key is not None:
            bundles[bundle_key] = _Bundle(found.pop(bundle_key, None))
            keys.remove(bundle_key)
        # Answers not there yet are computed without asking the cache again.
        self._fetched.update({key: found.get(key, ABSENT) for key in keys})

    def get_or_compute(self, name, compute):
        """``compute()``, or the answer it gave in this generation."""
        if self.generation is None:
            return compute()
        if self._bundle_key is not None:
            return self._from_bundle(name, compute)
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

    def _from_bundle(self, name, compute):
        bundles = self._request.__dict__.setdefault("_frame_bundles", {})
        bundle = bundles.get(self._bundle_key)
        if bundle is None:
            try:
                stored = cache.get(self._bundle_key)
            except Exception:
                stored = None
            bundle = bundles[self._bundle_key] = _Bundle(stored)
        part = self.prefix + name
        answer = bundle.get(part)
        if answer is MISSING:
            answer = compute()
            bundle.put(part, answer)
            try:
                cache.set(self._bundle_key, bundle.stored, timeout=ANSWER_TIMEOUT)
            except Exception:
                logger.warning("Could not cache %s", self._bundle_key, exc_info=True)
        return answer


def _frame_bundle_key(site_id, language, generation):
    return f"answer:frame-bundle:{site_id}:{language}:{generation}"


def _known_frame_bundle_key(site_id, language, request):
    """The frame bundle's key when the request has read the frame's generation already."""
    known = getattr(request, "_generations", {})
    names = [PREFIX + ALL, f"{PREFIX}frame-{site_id}"]
    if not all(name in known for name in names):
        return None
    return _frame_bundle_key(site_id, language, f"{known[names[0]]}.{known[names[1]]}")


class _Bundle:
    """A frame bundle: each answer kept pickled, so what a page later does to an answer it
    was given (a request attached to the branding, say) never goes back into the cache."""

    def __init__(self, stored):
        self.stored = dict(stored or {})
        self._read = {}

    def get(self, part):
        if part not in self._read:
            if part not in self.stored:
                return MISSING
            self._read[part] = pickle.loads(self.stored[part])  # noqa: S301 (our own cache entries)
        return self._read[part]

    def put(self, part, answer):
        self.stored[part] = pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
        self._read[part] = answer
