"""SVG uploads: only drawings, never code.

An SVG is a document that may carry scripts, event handlers, embedded HTML and references to
other files. Pages show images through <img>, where none of that runs, but anyone can open an
image's or a document's own address, where a script would run with the origin that serves it.
So an SVG image or document is refused on upload unless it is a plain drawing (``uploads.forms``),
and the media view serves SVGs under a policy that runs nothing (``serve_media``)."""

import re

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.utils.translation import gettext as _
from django.views.static import serve

# Elements that run code, embed other documents or pull in other files.
FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "audio", "video", "handler", "listener"}
# Inside CSS: anything that fetches (url() not pointing inside the file, @import) or runs code.
UNSAFE_CSS = re.compile(r"@import|url\(\s*['\"]?\s*(?!#)|expression\(|javascript:", re.IGNORECASE)
# Served with the file itself: nothing runs, nothing is fetched, not even inside the file.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


def _local_name(name):
    return name.rsplit("}", 1)[-1].lower()


def problems(data):
    """Why ``data`` (bytes) is not a plain SVG drawing: a list of reasons, empty if it is one."""
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        return [_("it declares a DTD or entities")]
    except ElementTree.ParseError:
        return [_("it is not well-formed XML")]
    if _local_name(root.tag) != "svg":
        return [_("it is not an SVG drawing")]
    found = []
    for element in root.iter():
        tag = _local_name(element.tag)
        if tag in FORBIDDEN_ELEMENTS:
            found.append(_("it contains a <%(tag)s> element") % {"tag": tag})
        if tag == "style" and UNSAFE_CSS.search(element.text or ""):
            found.append(_("its styles load other files or run code"))
        for attribute, value in element.attrib.items():
            name = _local_name(attribute)
            if name.startswith("on"):
                found.append(_("it has an event handler (%(name)s)") % {"name": name})
            elif name == "href" and not value.strip().startswith("#"):
                found.append(_("it links to another file or address (%(value)s)") % {"value": value[:60]})
            elif name == "style" and UNSAFE_CSS.search(value):
                found.append(_("its styles load other files or run code"))
    return list(dict.fromkeys(found))


def serve_media(request, path, document_root=None, show_indexes=False):
    """Django's file view for local media (``SERVE_MEDIA``), serving SVGs under a policy that
    runs nothing, should one have been stored before uploads were checked."""
    response = serve(request, path, document_root=document_root, show_indexes=show_indexes)
    if path.lower().endswith(".svg"):
        response["Content-Security-Policy"] = SVG_POLICY
    return response
