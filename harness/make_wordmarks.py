"""Draws the demo's SVG wordmarks into demo/content/wordmarks/: each organisation's name, set in
one of the self-hosted typefaces (static/fonts/) and converted to outlines, so the files show
the same everywhere and need no font. Plain neutral type, not an imitation of any real logo.

Run again only to change them (the files are committed; the demo loader reads the files):
    .venv/bin/python -m harness.make_wordmarks
Needs fontTools and brotli (pinned in requirements/dev.txt) to read the woff2 files."""

import tomllib
from pathlib import Path
from xml.sax.saxutils import escape

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "static" / "fonts"
OUT = ROOT / "demo" / "content" / "wordmarks"
CONTENT = ROOT / "demo" / "content" / "press.toml"

SANS_BOLD = FONTS / "source-sans-3-latin-700-normal.woff2"
SANS = FONTS / "source-sans-3-latin-400-normal.woff2"
WORK_BOLD = FONTS / "work-sans-latin-700-normal.woff2"
WORK = FONTS / "work-sans-latin-400-normal.woff2"
ATKINSON_BOLD = FONTS / "atkinson-hyperlegible-latin-700-normal.woff2"

_fonts = {}


def font(path):
    if path not in _fonts:
        _fonts[path] = TTFont(path)
    return _fonts[path]


def outline(text, font_path, size, x, baseline):
    """(SVG path data for ``text`` at ``size`` px with its left end at x, width in px)."""
    face = font(font_path)
    glyphs = face.getGlyphSet()
    cmap = face.getBestCmap()
    scale = size / face["head"].unitsPerEm
    pen = SVGPathPen(glyphs, ntos=lambda n: f"{n:.1f}".rstrip("0").rstrip("."))
    advance = 0
    for char in text:
        name = cmap.get(ord(char), ".notdef")
        glyphs[name].draw(TransformPen(pen, (scale, 0, 0, -scale, x + advance * scale, baseline)))
        advance += face["hmtx"][name][0]
    return pen.getCommands(), advance * scale


def wordmark(lines, colour, title):
    """An SVG of ``lines`` ([(text, font file, size px)]) stacked, after a bar in ``colour``."""
    paths, width, y = [], 0, 8
    for text, font_path, size in lines:
        y += size * 0.78  # the cap height of both typefaces is about 0.66–0.72 em
        data, line_width = outline(text, font_path, size, 20, y)
        paths.append(data)
        width = max(width, line_width)
        y += size * 0.3
    height = round(y + 8)
    width = round(20 + width + 8)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f'<rect x="0" y="8" width="8" height="{height - 16}" fill="{colour}"/>'
        f'<path fill="{colour}" d="{" ".join(paths)}"/></svg>\n'
    )


def split(text):
    """One line, or two nearly equal lines when the name is long."""
    words = text.split()
    if len(text) <= 14 or len(words) < 2:
        return [text]
    # A dash ends the first line rather than starting the second.
    breaks = [i for i in range(1, len(words)) if words[i] not in ("–", "-")]
    best = min(breaks, key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    return [" ".join(words[:best]), " ".join(words[best:])]


def main():
    content = tomllib.loads(CONTENT.read_text(encoding="utf-8"))
    OUT.mkdir(parents=True, exist_ok=True)
    made = {}
    for org in content["organization"]:
        parts = split(org["short_name"] or org["name"])
        size = 44 if len(parts) == 1 else 34
        made[f"{org['slug']}.svg"] = wordmark([(part, SANS_BOLD, size) for part in parts], org["colour"], org["name"])
    coalition = content["coalition"]
    made["ice-out-of-california.svg"] = wordmark(
        [("ICE OUT", WORK_BOLD, 44), ("OF CALIFORNIA", WORK, 20)], "#3b1f5c", coalition["site_name"]
    )
    # Square icons (favicons) for the demo sites: initials, white on the site's colour.
    made["cipc-icon.svg"] = icon("CIPC", SANS_BOLD, "#1d4f91", "California Immigrant Policy Center")
    made["ice-out-of-california-icon.svg"] = icon("ICE", WORK_BOLD, "#3b1f5c", coalition["site_name"])
    # The fictional sample site's (demo/content/example.toml).
    made["example-network-icon.svg"] = icon("EX", ATKINSON_BOLD, "#0f5c57", "Example Immigrant Rights Network")
    for name, svg in made.items():
        (OUT / name).write_text(svg, encoding="utf-8")
        print(name)


def icon(text, font_path, colour, title):
    size = 26 if len(text) > 3 else 30
    _, width = outline(text, font_path, size, 0, 0)
    data, _ = outline(text, font_path, size, (64 - width) / 2, 32 + size * 0.35)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f'<rect width="64" height="64" rx="12" fill="{colour}"/><path fill="#fff" d="{data}"/></svg>\n'
    )


if __name__ == "__main__":
    main()
