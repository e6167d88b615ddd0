"""A story's share card when it has no picture of its own: its headline on the site's brand
colours and the site's name, 1200×630 (what link previews show), drawn with Pillow. The same
story and branding always give the same bytes, so the edge may keep it like the page."""

import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from core import colours

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
BAND = 24  # the accent band along the card's foot
# DejaVu Sans (Debian's fonts-dejavu-core, which Pango brings): Latin with every Spanish accent.
# Without it, Pillow's own scalable font.
FONT_FILES = {
    True: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    False: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
}
HEADLINE_SIZES = (64, 56, 48, 42, 36)
MAX_LINES = 5


@cache
def _font(size, bold=True):
    path = Path(FONT_FILES[bold])
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def _rgb(hex_colour):
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def _wrap(draw, text, font, width):
    """``text`` in lines no wider than ``width``; a word wider than a line stands alone."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def _headline_lines(draw, headline, width):
    """The largest size at which the headline fits in MAX_LINES; cut with an ellipsis at the
    smallest size if it never does."""
    for size in HEADLINE_SIZES:
        font = _font(size)
        lines = _wrap(draw, headline, font, width)
        if len(lines) <= MAX_LINES:
            return font, lines
    lines = lines[:MAX_LINES]
    lines[-1] = lines[-1].rstrip(" .,;:") + "…"
    return font, lines


def social_card(headline, site_name, primary, accent):
    """PNG bytes: ``headline`` in white or ink (whichever reads better) on ``primary``, the
    site's name above it, an ``accent`` band at the foot."""
    background = _rgb(primary)
    ink = _rgb(colours.text_on(primary))
    card = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(card)
    draw.rectangle([0, HEIGHT - BAND, WIDTH, HEIGHT], fill=_rgb(accent))
    name_font = _font(32, bold=False)
    draw.text((MARGIN, MARGIN), site_name, font=name_font, fill=ink)
    font, lines = _headline_lines(draw, " ".join(headline.split()), WIDTH - 2 * MARGIN)
    line_height = int(font.size * 1.25)
    top = MARGIN + 80 + max(0, (HEIGHT - BAND - MARGIN - 80 - MARGIN - line_height * len(lines)) // 2)
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * line_height), line, font=font, fill=ink)
    output = io.BytesIO()
    card.save(output, format="PNG", optimize=True)
    return output.getvalue()
