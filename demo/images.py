"""Placeholder pictures for the demo: drawn, not downloaded, so `make run` needs no network."""

import hashlib
import io

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont


def _rgb(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    return tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))


def _font(size):
    return ImageFont.load_default(size=size)


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def initials(name):
    return "".join(part[0] for part in name.replace("–", " ").split() if part[:1].isalpha())[:3].upper()


def logo_png(short_name, colour):
    """A wordmark: the organisation's short name, white on its colour."""
    width, height = 480, 160
    image = PILImage.new("RGB", (width, height), _rgb(colour))
    draw = ImageDraw.Draw(image)
    text = short_name if len(short_name) <= 18 else initials(short_name)
    size = 64 if len(text) <= 6 else 40
    draw.text((width / 2, height / 2), text, fill="white", font=_font(size), anchor="mm")
    return _png(image)


def portrait_png(name, colour):
    """A square with the person's initials, in their organisation's colour."""
    size = 400
    image = PILImage.new("RGB", (size, size), _rgb(colour))
    draw = ImageDraw.Draw(image)
    draw.ellipse((60, 60, size - 60, size - 60), outline="white", width=6)
    draw.text((size / 2, size / 2), initials(name), fill="white", font=_font(120), anchor="mm")
    return _png(image)


def banner_png(label, colour, seed):
    """A 1200×630 card (the size social networks show) with diagonal bands and a label."""
    width, height = 1200, 630
    base = _rgb(colour)
    image = PILImage.new("RGB", (width, height), base)
    draw = ImageDraw.Draw(image)
    digest = hashlib.sha256(seed.encode()).digest()
    for i in range(6):
        offset = digest[i] * 4
        lighter = tuple(min(255, c + 18 + i * 6) for c in base)
        draw.polygon(
            [(offset - 400, height), (offset, 0), (offset + 120, 0), (offset - 280, height)],
            fill=lighter,
        )
    draw.rectangle((0, height - 150, width, height), fill=tuple(max(0, c - 30) for c in base))
    draw.text((60, height - 75), label, fill="white", font=_font(48), anchor="lm")
    return _png(image)
