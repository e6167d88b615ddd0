"""Small, readable WordPress exports for the import tests (the writers live in harness.wordpress_exports)."""

import struct
import zlib

from harness.wordpress_exports import generated_export_bytes, item, wxr

__all__ = ["generated_export_bytes", "item", "png_bytes", "wxr"]


def png_bytes(width=4, height=3):
    """A tiny valid PNG, so Wagtail can read the image's size."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80\x40\x20" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
