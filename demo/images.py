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


def portrait_png(name, colour):
    """A square with the person's initials, in their organisation's colour."""
    size = 400
    image = PILImage.new("RGB", (size, size), _rgb(colour))
    draw = ImageDraw.Draw(image)
    draw.ellipse((60, 60, size - 60, size - 60), outline="white", width=6)
    draw.text((size / 2, size / 2), initials(name), fill="white", font=_font(120), anchor="mm")
    return _png(image)


def banner_png(label, colour, seed):
    """A 1200×630 picture (the size social networks show): the colour, shaded top to bottom,
    with a few soft rings placed by ``seed``. No words: a listing shows it as a small
    thumbnail, where lettering would be unreadably small (``label`` only names it)."""
    width, height = 1200, 630
    base = _rgb(colour)
    image = PILImage.new("RGB", (width, height), base)
    draw = ImageDraw.Draw(image)
    for y in range(height):  # a gentle vertical shade, darker towards the foot
        shade = 1 - 0.25 * y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(c * shade) for c in base))
    digest = hashlib.sha256(seed.encode()).digest()
    for i in range(3):
        x, y = digest[2 * i] / 255 * width, digest[2 * i + 1] / 255 * height
        radius = 160 + digest[6 + i] % 200
        ring = tuple(min(255, c + 40) for c in base)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=ring, width=14)
    return _png(image)


def site_banner_jpeg(colours, seed, size=(1920, 720)):
    """A wide abstract banner: soft diagonal bands in the site's colours, no words (words in a
    picture are lost to screen readers and to cropping). JPEG: it is a large, soft picture."""
    width, height = size
    top, bottom = _rgb(colours[0]), _rgb(colours[1])
    image = PILImage.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):  # vertical gradient from one colour to the other
        t = y / (height - 1)
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    digest = hashlib.sha256(seed.encode()).digest()
    overlay = PILImage.new("RGBA", size, (0, 0, 0, 0))
    bands = ImageDraw.Draw(overlay)
    accent = _rgb(colours[2]) if len(colours) > 2 else (255, 255, 255)
    for i in range(7):
        left = digest[i] * width // 255 - width // 4
        span = 80 + digest[i + 7] % 220
        fill = (*accent, 40 + digest[i + 14] % 50) if i % 3 == 0 else (255, 255, 255, 18 + digest[i + 14] % 24)
        bands.polygon(
            [(left, height), (left + height * 0.9, 0), (left + height * 0.9 + span, 0), (left + span, height)],
            fill=fill,
        )
    image = PILImage.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()
