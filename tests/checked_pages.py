"""The pages the accessibility and HTML checks cover, on both sites."""

from tests.sites import CIPC_HOST, COALITION_HOST

PATHS = {
    "home": "/",
    "press room": "/press/",
    "press room, filtered": "/press/?year=2018&topic=sb-54",
    "story": None,  # per site, below
    "search results": "/search/?q=SB+54",
    "press kit": "/press-kit/",
    "404": "/no-such-page/",
    "email alerts sign-up": "/alerts/",
}
STORIES = {
    CIPC_HOST: "/press/cipc-praises-ninth-circuit-ruling/",
    COALITION_HOST: "/press/coalition-defends-the-california-values-act/",
}


def checked_pages():
    """(label, host, path) for every page kind on both sites."""
    for host, site in [(CIPC_HOST, "CIPC"), (COALITION_HOST, "coalition")]:
        for kind, path in PATHS.items():
            yield f"{site} {kind}", host, path or STORIES[host]
