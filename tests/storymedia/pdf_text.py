"""The text of a PDF that WeasyPrint wrote, for tests (no PDF library is installed): each
font's ToUnicode map turns the shown glyph codes back into text. Enough for WeasyPrint's
output (Flate streams, object streams, Identity-H fonts), not a general PDF reader."""

import re
import zlib

OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)\s*endobj", re.S)
STREAM = re.compile(rb"^(<<.*?>>)\s*stream\r?\n(.*?)\r?\nendstream", re.S)


def _objects(data):
    """{number: (dictionary bytes, decoded stream bytes or None)}, object streams unpacked."""
    found = {}
    for number, body in OBJECT.findall(data):
        match = STREAM.match(body)
        if match is None:
            found[int(number)] = (body, None)
            continue
        head, raw = match.groups()
        stream = zlib.decompress(raw) if b"/FlateDecode" in head else raw
        found[int(number)] = (head, stream)
    for head, stream in list(found.values()):
        if stream is None or b"/ObjStm" not in head:
            continue
        count = int(re.search(rb"/N (\d+)", head).group(1))
        first = int(re.search(rb"/First (\d+)", head).group(1))
        numbers = list(map(int, stream[:first].split()))
        pairs = list(zip(numbers[0::2], numbers[1::2], strict=True))[:count]
        for index, (number, offset) in enumerate(pairs):
            end = first + pairs[index + 1][1] if index + 1 < len(pairs) else len(stream)
            found[number] = (stream[first + offset : end].strip(), None)
    return found


def _unicode_map(cmap):
    mapping = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[code.decode().upper()] = bytes.fromhex(text.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for start, end, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            width = len(start)
            base = bytes.fromhex(text.decode()).decode("utf-16-be")
            for offset in range(int(end, 16) - int(start, 16) + 1):
                code = format(int(start, 16) + offset, f"0{width}X")
                mapping[code] = base[:-1] + chr(ord(base[-1]) + offset)
    return mapping


def pdf_text(data):
    """Every line of text the PDF shows, in the order drawn, joined by newlines."""
    objects = _objects(data)
    fonts = {}  # font object number -> code map
    for number, (head, _stream) in objects.items():
        to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", head)
        if to_unicode:
            fonts[number] = _unicode_map(objects[int(to_unicode.group(1))][1])
    names = {}  # resource name -> code map
    for head, _stream in objects.values():
        for name, number in re.findall(rb"/([\w.+-]+) (\d+) 0 R", head):
            if int(number) in fonts:
                names[name.decode()] = fonts[int(number)]
    lines = []
    for head, stream in objects.values():
        if stream is None or b"/ObjStm" in head or (b" Tj" not in stream and b"TJ" not in stream):
            continue
        current = {}
        for block in re.findall(rb"BT(.*?)ET", stream, re.S):
            line = []
            operators = rb"/([\w.+-]+) [\d.]+ Tf|(\[.*?\]\s*TJ|<[0-9A-Fa-f]*>\s*Tj)|(\bT[dDm*]\b)"
            for font, shown, moved in re.findall(operators, block, re.S):
                if moved:  # a new line or position: words either side are apart
                    line.append(" ")
                    continue
                if font:
                    current = names.get(font.decode(), {})
                    continue
                for hex_codes in re.findall(rb"<([0-9A-Fa-f]*)>", shown):
                    codes = hex_codes.decode().upper()
                    width = 4 if current and all(len(key) == 4 for key in current) else 2
                    line += [current.get(codes[at : at + width], "") for at in range(0, len(codes), width)]
            lines.append("".join(line))
    return "\n".join(lines)
