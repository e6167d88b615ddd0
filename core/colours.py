"""Colour contrast, as WCAG 2.2 defines it: what decides whether a site's colours can be read."""

# The colours the stylesheet sets text in, whatever the site (static/css/site.css :root).
WHITE = "#ffffff"
INK = "#1a1a1a"
MUTED = "#575757"

# WCAG 2.2 AA for body-size text (1.4.3).
READABLE = 4.5


def _channel(value):
    value /= 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(hex_colour):
    """Relative luminance of "#rrggbb", 0 (black) to 1 (white)."""
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(first, second):
    """The contrast ratio of two "#rrggbb" colours, 1 to 21."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_on(background):
    """White or ink, whichever reads better on ``background``."""
    return WHITE if contrast(WHITE, background) >= contrast(INK, background) else INK
