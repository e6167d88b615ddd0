"""The pages the accessibility, HTML and 320 px checks cover, on both sites, with the status
each must answer: a check of a page that was renamed away would otherwise audit the 404 page
and pass."""

from tests.sites import CIPC_HOST, COALITION_HOST

PATHS = {
    "home": "/",
    "press room": "/press/",
    "press room, filtered": "/press/?year=2018&topic=sb-54",
    "story": None,  # per site, below
    "search results": "/search/?q=SB+54",
    "press kit": "/press-kit/",
    "media contacts": "/press/contacts/",
    "spokesperson page": None,  # per site, below
    "spokespeople": "/people/",
    "404": "/no-such-page/",
    "email alerts sign-up": "/alerts/",
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


def expected_status(kind):
    return 404 if kind == "404" else 200


def checked_pages(spanish=False):
    """(label, host, path, status) for every page kind on both sites (and in Spanish, if asked)."""
    for host, site in [(CIPC_HOST, "CIPC"), (COALITION_HOST, "coalition")]:
        per_site = {"story": STORIES[host], "spokesperson page": PEOPLE[host]}
        for kind, path in PATHS.items():
            yield f"{site} {kind}", host, path or per_site[kind], expected_status(kind)
        if spanish:
            spanish_per_site = {"story": SPANISH_STORIES[host], "spokesperson page": f"/es{PEOPLE[host]}"}
            for kind, path in PATHS.items():
                spanish_path = f"/es{path}" if path else spanish_per_site[kind]
                yield f"{site} {kind} (es)", host, spanish_path, expected_status(kind)
