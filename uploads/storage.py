"""Media on S3 (django-storages), with documents stored to be downloaded, never shown.

From S3 a file is served as stored: an SVG, HTML or XML document would open in the browser from
the media origin, and an SVG's script would run there. So every document (Wagtail keeps them
under ``documents/``) is stored with ``Content-Disposition: attachment``, and any type a
browser might render as a page or a drawing is stored as ``application/octet-stream``."""

import mimetypes
from pathlib import PurePosixPath

from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage

DOCUMENTS_FOLDER = "documents"  # Wagtail's AbstractDocument.file upload_to
# What a browser only ever downloads or hands to a viewer, whatever the disposition; the rest
# (image/svg+xml, text/html, text/xml, application/xhtml+xml…) is stored as octet-stream.
SAFE_DOCUMENT_TYPES = {
    "application/pdf",
    "application/rtf",
    "application/zip",
    "text/csv",
    "text/plain",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    # played by the story body's audio and video blocks
    *("audio/mpeg", "audio/mp4", "audio/ogg", "audio/wav", "audio/x-wav", "video/mp4", "video/webm"),
}


def is_document(name):
    return DOCUMENTS_FOLDER in PurePosixPath(name).parent.parts


class MediaStorage(S3Storage):
    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        if is_document(name):
            guessed, _encoding = mimetypes.guess_type(name)
            parameters["ContentType"] = guessed if guessed in SAFE_DOCUMENT_TYPES else "application/octet-stream"
            parameters["ContentDisposition"] = content_disposition_header(True, PurePosixPath(name).name)
        return parameters
