"""The pages the accessibility, HTML and 320 px checks cover, on both sites, with the status
each must answer: a check of a page that was renamed away would otherwise audit the 404 page
and pass."""

from tests.sites import CIPC_HOST, COALITION_HOST

PATHS = {
    "home": "/",
    "press room": "/press/",
    "press room, filtered": "/press/?year=2018&topic=sb-54",
    "story": None,  # per site, below
    "media advisory": None,  # per site (tests.advisories.data.add_checked_advisories)
    "search results": "/search/?q=SB+54",
    "press kit": "/press-kit/",
    "media contacts": "/press/contacts/",
    "spokesperson page": None,  # per site, below
    "spokespeople": "/people/",
    "404": "/no-such-page/",
    "email alerts sign-up": "/alerts/",
    "latest statements widget": "/press/widget/",
    "interview request form": "/interview/",
}
STORIES = {
    CIPC_HOST: "/press/cipc-praises-ninth-circuit-ruling/",
    COALITION_HOST: "/press/coalition-defends-the-california-values-act/",
}

# Each room's speaker, given a bio by tests.presskit_data.add_press_kits_and_contacts.
PEOPLE = {
    CIPC_HOST: "/people/casey-placeholder/",
    COALITION_HOST: "/people/avery-example/",
}


# The same kinds in Spanish (tests.listing_data.build_spanish_stories).
SPANISH_STORIES = {
    CIPC_HOST: "/es/press/cipc-elogia-el-fallo-del-noveno-circuito/",
    COALITION_HOST: "/es/press/la-coalicion-defiende-la-ley-de-valores-de-california/",
}


ADVISORIES = dict.fromkeys((CIPC_HOST, COALITION_HOST), "/press/sample-briefing-on-the-capitol-steps/")
SPANISH_ADVISORIES = dict.fromkeys((CIPC_HOST, COALITION_HOST), "/es/press/rueda-de-prensa-de-muestra/")
SPANISH_PEOPLE = {host: f"/es{path}" for host, path in PEOPLE.items()}
# (English, Spanish) addresses of the kinds whose pages differ per site.
PER_SITE = {
    "story": (STORIES, SPANISH_STORIES),
    "media advisory": (ADVISORIES, SPANISH_ADVISORIES),
    "spokesperson page": (PEOPLE, SPANISH_PEOPLE),
}


def expected_status(kind):
    return 404 if kind == "404" else 200


def checked_pages(spanish=False):
    """(label, host, path, status) for every page kind on both sites (and in Spanish, if asked)."""
    for host, site in [(CIPC_HOST, "CIPC"), (COALITION_HOST, "coalition")]:
        for kind, path in PATHS.items():
            yield f"{site} {kind}", host, path or PER_SITE[kind][0][host], expected_status(kind)
        if spanish:
            for kind, path in PATHS.items():
                spanish_path = f"/es{path}" if path else PER_SITE[kind][1][host]
                yield f"{site} {kind} (es)", host, spanish_path, expected_status(kind)
