"""WordPress shortcodes, turned into the HTML the body converter makes blocks of.

[caption] becomes a <figure> with its <figcaption>, [gallery] a gallery figure naming its
attachments, [audio] and [video] <audio> and <video>, [embed]URL[/embed] an embed figure. Any
other shortcode is removed, and the warning names it: the report says only what happened."""

import html
import re

SHORTCODE = re.compile(r"\[(/?)([A-Za-z_][\w-]*)([^\[\]]*)\]")
CAPTION = re.compile(r"\[(?:wp_)?caption([^\]]*)\](.*?)\[/(?:wp_)?caption\]", re.S)
EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S)
VIDEO = re.compile(r"\[video([^\]]*)\](?:(.*?)\[/video\])?", re.S)
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*(\S+)|"([^"]*)"|(\S+)""")
# WordPress's own: always shortcodes, even bare ("[gallery]"). Other names count as shortcodes
# only when they look like one (closed, with attributes, or "/]"), so "[sic]" stays words.
CORE = {"gallery", "audio", "video", "caption", "wp_caption", "embed", "playlist"}
AUDIO_SOURCES = ("src", "mp3", "m4a", "ogg", "wav", "wma")
VIDEO_SOURCES = ("src", "mp4", "m4v", "webm", "ogv", "wmv", "flv")


def attributes(text):
    """{name: value} of a shortcode's attributes; positional values under 0, 1, …"""
    found, position = {}, 0
    for match in ATTRIBUTE.finditer(html.unescape(text or "")):
        groups = match.groups()
        for name, value in (groups[0:2], groups[2:4], groups[4:6]):
            if name:
                found[name.lower()] = value
                break
        else:
            found[position] = groups[6] if groups[6] is not None else groups[7]
            position += 1
    return found


def _first(found, names):
    for name in names:
        if found.get(name):
            return found[name]
    return found.get(0, "") if str(found.get(0, "")).startswith(("http", "/")) else ""


def _attr(value):
    return html.escape(value or "", quote=True)


def expand(content, warn):
    """``content`` with every shortcode replaced; ``warn(message)`` is told of each one removed."""

    def caption(match):
        found, inner = attributes(match.group(1)), match.group(2)
        text = found.get("caption", "")
        figcaption = f"<figcaption>{html.escape(text)}</figcaption>" if text else ""
        return f"\n\n<figure>{inner}{figcaption}</figure>\n\n"

    def embed(match):
        url = match.group(1).strip()
        return f'\n\n<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">{url}</div></figure>\n\n'

    def video(match):
        found = attributes(match.group(1))
        src = _first(found, VIDEO_SOURCES) or (match.group(2) or "").strip()
        return f'\n\n<video src="{_attr(src)}"></video>\n\n'

    content = CAPTION.sub(caption, content)
    content = EMBED.sub(embed, content)
    content = VIDEO.sub(video, content)
    closed = {m.group(2) for m in SHORTCODE.finditer(content) if m.group(1)}

    def other(match):
        slash, name, text = match.groups()
        lowered = name.lower()
        if not (lowered in CORE or slash or name in closed or "=" in text or text.strip().endswith("/")):
            return match.group(0)  # "[sic]", "[the governor]": words, not a shortcode
        found = attributes(text)
        if lowered == "gallery" and not slash:
            ids = ",".join(i for i in re.split(r"[\s,]+", found.get("ids", "") or found.get("include", "")) if i)
            return f'\n\n<figure class="wp-block-gallery" data-wp-ids="{_attr(ids)}"></figure>\n\n'
        if lowered == "audio" and not slash:
            return f'\n\n<audio src="{_attr(_first(found, AUDIO_SOURCES))}"></audio>\n\n'
        if not slash:
            warn(f"shortcode [{name}] removed")
        return ""

    return SHORTCODE.sub(other, content)
