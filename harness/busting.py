"""Cache-busting traffic for `make bench`: every request a distinct address, as the visitors no
cache can answer send them (a search for new words, a rare combination of filters, a deep page,
a link with tracking parameters).

For each row, a list of distinct valid addresses is made from the benchmark database and the
stories' vocabulary (harness.vocabulary), shuffled with a fixed seed, and written into a wrk
Lua script; each wrk thread takes every n-th address, so no two requests of a run share one,
and each request also gets a junk ``utm_source`` of its own. Two app servers get disjoint
halves of the list."""

import random
from urllib.parse import urlencode

from harness.vocabulary import search_words

PER_PAGE = 20  # the press room's default page size


def _rows(database_url, sql, params=()):
    import psycopg  # only the harness needs it this way; the app goes through Django

    with psycopg.connect(database_url) as connection:
        return connection.execute(sql, params).fetchall()


STORIES = """FROM press_storypage s JOIN wagtailcore_page p ON p.id = s.page_ptr_id
    JOIN wagtailcore_locale l ON l.id = p.locale_id {join}
    WHERE p.live AND p.url_path LIKE %s AND l.language_code = 'en'"""
TOPICS = "JOIN press_storypage_topics st ON st.storypage_id = s.page_ptr_id JOIN core_topic t ON t.id = st.topic_id"


def archive(database_url, site_path="/cipc/"):
    """What a site's room holds: (years, topic slugs, its stories' paths on the site)."""
    like = [site_path + "press/%"]
    # Our own constant SQL pieces; the only value (the path) is a parameter.
    years = _rows(database_url, "SELECT DISTINCT extract(year FROM s.date)::int " + STORIES.format(join=""), like)  # noqa: S608
    topics = _rows(database_url, "SELECT DISTINCT t.slug " + STORIES.format(join=TOPICS), like)
    paths = _rows(database_url, "SELECT p.url_path " + STORIES.format(join="") + " ORDER BY p.id", like)
    prefix = site_path.rstrip("/")
    return sorted(y for (y,) in years), sorted(t for (t,) in topics), [p.removeprefix(prefix) for (p,) in paths]


def press_room_addresses(database_url, seed=2026):
    """Distinct press-room addresses: every page of the plain room, every year and month with
    and without each topic, and a search for each vocabulary word within the room."""
    years, topics, paths = archive(database_url)
    addresses = [f"/press/?page={page}" for page in range(2, max(2, len(paths) // PER_PAGE))]
    for year in years:
        for month in (None, *range(1, 13)):
            for topic in (None, *topics):
                params = {"year": year, "month": month, "topic": topic}
                addresses.append("/press/?" + urlencode({k: v for k, v in params.items() if v is not None}))
    for words in search_words("en").values():
        addresses += [f"/press/?q={word}" for word in words]
    random.Random(seed).shuffle(addresses)  # noqa: S311 (load, not secrets)
    return addresses


def search_addresses(seed=2026):
    """Distinct searches: each vocabulary word of every band alone, then pairs across bands."""
    bands = search_words("en")
    singles = [word for words in bands.values() for word in words]
    pairs = [f"{a}+{b}" for a, b in zip(bands["common"] * 8, bands["mid"] + bands["rare"], strict=False)]
    addresses = [f"/search/?q={q}" for q in singles + pairs]
    random.Random(seed).shuffle(addresses)  # noqa: S311 (load, not secrets)
    return addresses


def story_addresses(database_url, seed=2026):
    _years, _topics, paths = archive(database_url)
    random.Random(seed).shuffle(paths)  # noqa: S311 (load, not secrets)
    return paths


def lua_script(addresses, threads):
    """A wrk script sending ``addresses`` in turn, thread t taking addresses t, t+threads, …
    (wrapping round only if a run outlasts the list), each with a utm_source of its own."""
    quoted = ",\n".join('"' + a.replace("\\", "\\\\").replace('"', '\\"') + '"' for a in addresses)
    return f"""
local paths = {{
{quoted}
}}
local started = 0
function setup(thread)
    thread:set("id", started)
    started = started + 1
end
local n = 0
function request()
    local index = (n * {threads} + id) % #paths + 1
    n = n + 1
    local path = paths[index]
    local joiner = string.find(path, "?", 1, true) and "&" or "?"
    return wrk.format(nil, path .. joiner .. "utm_source=b" .. id .. "x" .. n)
end
"""


def cycle_script(paths):
    """A wrk script asking for ``paths`` in turn, no junk: visitors reading through Varnish."""
    quoted = ", ".join(f'"{path}"' for path in paths)
    return f"""
local paths = {{ {quoted} }}
local n = 0
function request()
    n = n + 1
    return wrk.format(nil, paths[n % #paths + 1])
end
"""
