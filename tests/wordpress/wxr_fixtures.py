"""Small, readable WordPress exports for the import tests (the writers live in harness.wordpress_exports)."""

import hashlib
import struct
import zlib

from harness.wordpress_exports import generated_export_bytes, item, wxr

__all__ = ["attachment", "generated_export_bytes", "item", "jpeg_bytes", "png_bytes", "uploads_for", "wxr"]


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


def attachment(post_id, path, *, title="", alt="", caption="", credit="", parent=0, site="https://caimmigrant.org"):
    """An attachment item: the uploaded file at wp-content/uploads/``path`` ("2018/07/rally.png")."""
    alt_meta = (
        f"<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>"
        f"<wp:meta_value><![CDATA[{alt}]]></wp:meta_value></wp:postmeta>"
        if alt
        else ""
    )
    if credit:  # as WordPress serialises the file's IPTC data
        alt_meta += (
            "<wp:postmeta><wp:meta_key>_wp_attachment_metadata</wp:meta_key><wp:meta_value><![CDATA["
            f'a:1:{{s:10:"image_meta";a:1:{{s:6:"credit";s:{len(credit.encode())}:"{credit}";}}}}'
            "]]></wp:meta_value></wp:postmeta>"
        )
    return f"""
    <item>
        <title>{title or path.rsplit("/", 1)[-1]}</title>
        <link>{site}/?attachment_id={post_id}</link>
        <guid isPermaLink="false">{site}/wp-content/uploads/{path}</guid>
        <content:encoded><![CDATA[]]></content:encoded>
        <excerpt:encoded><![CDATA[{caption}]]></excerpt:encoded>
        <wp:post_id>{post_id}</wp:post_id>
        <wp:post_date><![CDATA[2018-07-09 10:00:00]]></wp:post_date>
        <wp:post_name><![CDATA[attachment-{post_id}]]></wp:post_name>
        <wp:status><![CDATA[inherit]]></wp:status>
        <wp:post_parent>{parent}</wp:post_parent>
        <wp:post_type><![CDATA[attachment]]></wp:post_type>
        <wp:attachment_url><![CDATA[{site}/wp-content/uploads/{path}]]></wp:attachment_url>
        <wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value><![CDATA[{path}]]></wp:meta_value></wp:postmeta>
        {alt_meta}
    </item>"""


def jpeg_bytes(width=8, height=6, colour=(40, 90, 160)):
    """A small real JPEG (Pillow comes with Wagtail)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def uploads_for(export_path, folder):
    """A copy of wp-content/uploads for a real export: a small file at each attachment's path."""
    from pathlib import Path

    from wordpress.media import upload_path
    from wordpress.wxr import read_posts

    folder = Path(folder)
    with open(export_path, "rb") as export:
        for post in read_posts(export):
            if post.post_type != "attachment":
                continue
            path = folder / (post.meta.get("_wp_attached_file") or upload_path(post.attachment_url))
            path.parent.mkdir(parents=True, exist_ok=True)
            image = path.suffix.lower() in (".jpg", ".jpeg", ".png", ".gif")
            # Each file its own bytes: the importer stores a file once, however often it is used.
            colour = tuple(hashlib.sha256(str(path).encode()).digest()[:3])
            path.write_bytes(jpeg_bytes(colour=colour) if image else f"a file at {path}".encode())
    return str(folder)
