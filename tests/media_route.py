"""For browser tests: the live server does not serve uploads (production leaves that to S3 or
the web server), so a tab's requests for /media/ are answered from MEDIA_ROOT and its
screenshots show the logos and photos."""

import mimetypes
from pathlib import Path

from django.conf import settings


def serve_media(tab):
    """Answer the tab's /media/ requests from MEDIA_ROOT (404 for a file that is not there)."""

    def fulfil(route):
        path = Path(settings.MEDIA_ROOT) / route.request.url.split("/media/", 1)[1]
        if path.is_file():
            route.fulfill(body=path.read_bytes(), content_type=mimetypes.guess_type(path.name)[0])
        else:
            route.fulfill(status=404)

    tab.route("**/media/**", fulfil)
