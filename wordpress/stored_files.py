"""An admin import's uploaded files: kept in the database in pieces, read back as streams,
and the zip of uploads/ unpacked safely for the importer's ``media_dir``."""

import contextlib
import io
import shutil
import stat
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from django.conf import settings

from wordpress.run_models import ImportRunChunk

CHUNK_SIZE = 1024 * 1024
MB = 1024 * 1024


class MediaZipError(Exception):
    """The zip of uploads cannot be used: one line saying why, for the editor."""


def store(run, kind, uploaded):
    """Keep an uploaded file (a Django UploadedFile) with the run, in 1 MiB pieces."""
    ImportRunChunk.objects.bulk_create(
        ImportRunChunk(run=run, kind=kind, number=number, data=piece)
        for number, piece in enumerate(uploaded.chunks(CHUNK_SIZE))
    )


def forget(run):
    """Delete the run's files (its report stays)."""
    ImportRunChunk.objects.filter(run=run).delete()


class StoredFile:
    """A run's file as a binary stream, one piece in memory at a time."""

    def __init__(self, run, kind):
        self.pieces = ImportRunChunk.objects.filter(run=run, kind=kind)
        self.next_number = 0
        self.buffer, self.offset = b"", 0  # what is read of the buffer so far
        self.position = 0  # bytes read from the start of the file

    def _load_next(self):
        data = self.pieces.filter(number=self.next_number).values_list("data", flat=True).first()
        if data is None:
            return False
        self.next_number += 1
        self.buffer, self.offset = self.buffer[self.offset :] + bytes(data), 0
        return True

    def read(self, size=-1):
        while (size < 0 or len(self.buffer) - self.offset < size) and self._load_next():
            pass
        end = len(self.buffer) if size < 0 else self.offset + size
        data = self.buffer[self.offset : end]
        self.offset += len(data)
        self.position += len(data)
        return data

    # The importer reads an export twice (its attachments first): rewinding is all it needs.
    def seekable(self):
        return True

    def tell(self):
        return self.position

    def seek(self, offset, whence=0):
        if (offset, whence) != (0, 0):
            raise io.UnsupportedOperation("a stored file can only be rewound to its start")
        self.next_number, self.buffer, self.offset, self.position = 0, b"", 0, 0
        return 0


# --- the zip of uploads/ --------------------------------------------------------------------


def _member_path(info):
    """The member's path inside the zip, as safe relative parts; None to skip it (a folder,
    a link, macOS's resource forks). Raises MediaZipError for a path that climbs out."""
    name = info.filename.replace("\\", "/")
    mode = info.external_attr >> 16
    if info.is_dir() or stat.S_ISLNK(mode):
        return None
    parts = [part for part in PurePosixPath(name).parts if part not in ("", ".")]
    if name.startswith("/") or any(part == ".." or ":" in part for part in parts):
        raise MediaZipError(f"the zip of uploads names a file outside its own folders ({name[:100]}): refused")
    if not parts or parts[0] == "__MACOSX":
        return None
    return parts


def check_media_zip(file):
    """Check a zip (an open binary file) before it is kept: readable, not encrypted, no path
    out of its folders, at most WORDPRESS_IMPORT_MEDIA_MAX_FILES files and
    WORDPRESS_IMPORT_MEDIA_MAX_UNZIPPED_MB unpacked. Returns the number of files."""
    max_files = settings.WORDPRESS_IMPORT_MEDIA_MAX_FILES
    max_mb = settings.WORDPRESS_IMPORT_MEDIA_MAX_UNZIPPED_MB
    max_bytes = max_mb * MB
    try:
        with zipfile.ZipFile(file) as archive:
            files, total = 0, 0
            for info in archive.infolist():
                if _member_path(info) is None:
                    continue
                if info.flag_bits & 0x1:
                    raise MediaZipError("the zip of uploads is password-protected: make one without a password")
                files += 1
                total += info.file_size
                if files > max_files:
                    raise MediaZipError(f"the zip of uploads holds more than {max_files:,} files")
                if total > max_bytes:
                    raise MediaZipError(f"the zip of uploads unpacks to more than {max_mb:,} MB")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as error:
        raise MediaZipError(f"the zip of uploads cannot be read ({error or type(error).__name__})") from None
    return files


def _media_root(folder):
    """Where the wp-content/uploads layout (YYYY/MM/file) starts in what was unpacked."""
    for candidate in (folder / "wp-content" / "uploads", folder / "uploads"):
        if candidate.is_dir():
            return candidate
    entries = [entry for entry in folder.iterdir() if entry.name != "__MACOSX"]
    if len(entries) == 1 and entries[0].is_dir() and not entries[0].name.isdigit():
        return _media_root(entries[0])  # one folder around it all ("my-site-uploads/2019/…")
    return folder


@contextlib.contextmanager
def unpacked_media(run):
    """The run's zip of uploads unpacked in a temporary folder (None when it has none),
    removed afterwards. The sizes written are counted, whatever the zip's headers say."""
    if not run.media_name:
        yield None
        return
    max_bytes = settings.WORDPRESS_IMPORT_MEDIA_MAX_UNZIPPED_MB * MB
    folder = Path(tempfile.mkdtemp(prefix="wordpress-media-"))
    try:
        zip_path = folder / "uploads.zip"
        with zip_path.open("wb") as copy:
            shutil.copyfileobj(StoredFile(run, ImportRunChunk.Kind.MEDIA), copy, CHUNK_SIZE)
        target = folder / "files"
        target.mkdir()
        with zip_path.open("rb") as file:
            check_media_zip(file)
            file.seek(0)
            _extract(zipfile.ZipFile(file), target, max_bytes)
        zip_path.unlink()
        yield _media_root(target)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _extract(archive, target, max_bytes):
    written = 0
    try:
        for info in archive.infolist():
            parts = _member_path(info)
            if parts is None:
                continue
            destination = target.joinpath(*parts)
            if not destination.resolve().is_relative_to(target.resolve()):
                raise MediaZipError(f"the zip of uploads names a file outside its own folders ({info.filename[:100]})")
            destination.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as source, destination.open("wb") as out:
                while piece := source.read(CHUNK_SIZE):
                    written += len(piece)
                    if written > max_bytes:
                        raise MediaZipError("the zip of uploads unpacks to more than its headers say: refused")
                    out.write(piece)
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError) as error:
        raise MediaZipError(f"the zip of uploads is damaged ({error or type(error).__name__})") from None
