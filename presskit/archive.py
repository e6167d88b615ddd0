"""The press kit's "download all" zip: built from the kit's files on the first request after
the page or one of its files changed, stored in the media storage (a folder on disk, or S3),
and served from there until the next change.

Every file is read through Django's storage API, never a local path, so the same code works
with S3 (django-storages). The zip is built in a temporary file that stays in memory up to
8 MB and spills to disk beyond, one chunk at a time: a kit's size never has to fit in memory."""

import hashlib
import logging
import shutil
import tempfile
import zipfile

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.http import FileResponse

logger = logging.getLogger("presskit.archive")

ARCHIVE_FOLDER = "press-kits"
SPOOL_IN_MEMORY = 8 * 1024 * 1024
CHUNK = 1024 * 1024
ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # fixed: the same files make the same archive
# Already compressed: deflating them again costs time and saves nothing.
STORED_KINDS = {"png", "jpg", "jpeg", "gif", "webp", "avif", "zip", "docx", "xlsx", "pptx", "odt", "pdf"}


def max_bytes():
    """The largest kit (sum of its files) offered as one archive: PRESS_KIT_ARCHIVE_MAX_MB."""
    return settings.PRESS_KIT_ARCHIVE_MAX_MB * 1024 * 1024


def fits(files):
    """Whether the kit's files, as far as their sizes are known, make an archive we offer."""
    return sum(f.size or 0 for f in files) <= max_bytes()


def archive_key(page, files):
    """Names the archive after what is in it: the live revision of the page (a new one with
    every publish) and each file's stored name and size (a replaced file changes them)."""
    parts = [str(page.live_revision_id or page.latest_revision_id or 0)]
    parts += [f"{f.name}\0{f.file.name}\0{f.size}" for f in files]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]


def stored_archive(page, files):
    """An open file of the kit's zip, from the storage; built and stored first if it is not there."""
    storage = default_storage
    folder = f"{ARCHIVE_FOLDER}/{page.pk}"
    name = f"{folder}/{archive_key(page, files)}.zip"
    if not storage.exists(name):
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY) as spool:
            build(files, spool)
            spool.seek(0)
            saved = storage.save(name, File(spool, name=name))
        logger.info("Built press kit archive %s (%d files)", saved, len(files))
        remove_older(storage, folder, key=archive_key(page, files))
        name = saved
    return storage.open(name, "rb")


def build(files, target):
    """Write a zip of ``files`` to the binary file ``target``."""
    with zipfile.ZipFile(target, "w", allowZip64=True) as archive:
        for kit_file in files:
            kind = kit_file.name.rsplit(".", 1)[-1].lower()
            compression = zipfile.ZIP_STORED if kind in STORED_KINDS else zipfile.ZIP_DEFLATED
            info = zipfile.ZipInfo(kit_file.name, date_time=ZIP_DATE)
            info.compress_type = compression
            try:
                source = kit_file.file.storage.open(kit_file.file.name, "rb")
            except FileNotFoundError:
                logger.warning("Press kit file %s is missing from the storage: left out", kit_file.file.name)
                continue
            with source, archive.open(info, "w", force_zip64=True) as member:
                shutil.copyfileobj(source, member, CHUNK)


def remove_older(storage, folder, key):
    """Archives of earlier versions of this kit: never served again, so not kept. (Two
    requests building the same version at once may store it twice: both copies are kept.)"""
    try:
        _dirs, names = storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return
    for old in names:
        if not old.startswith(key):
            storage.delete(f"{folder}/{old}")


def attachment(opened_file, filename, content_type):
    """A download: always saved, never shown in the browser (an SVG opened on our own origin
    could run script), streamed from the storage in chunks."""
    response = FileResponse(opened_file, as_attachment=True, filename=filename.rsplit("/", 1)[-1])
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    # If a browser shows it anyway, it may run nothing and load nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
