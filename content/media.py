"""Media a pack may carry: PNG, JPEG and SVG, checked by content, not only by name.

An SVG is a document that can run scripts and fetch URLs; a pack's SVGs must be
plain drawings: no scripts, event handlers, foreign objects, entities or external
references (`href` only to `#fragments` inside the same file).
"""

from __future__ import annotations

import re

MEDIA_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
_MAGIC = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",)}
_SVG_FORBIDDEN = [
    (re.compile(r"<\s*script", re.I), "contains a <script>"),
    (re.compile(r"<\s*foreignObject", re.I), "contains a <foreignObject>"),
    (re.compile(r"<!\s*(ENTITY|DOCTYPE)", re.I), "declares entities or a DOCTYPE"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "has an event-handler attribute (on…=)"),
    (re.compile(r"href\s*=\s*[\"'](?!#)", re.I), "links to something outside the file"),
    (re.compile(r"url\(\s*[\"']?(?!#)", re.I), "uses a url() outside the file"),
    (re.compile(r"@import", re.I), "imports a style sheet"),
    (
        re.compile(
            r"<\s*(image|use|iframe|embed|object|audio|video)\b(?![^>]*href\s*=\s*[\"']#)", re.I
        ),
        "embeds another resource",
    ),
]


class MediaError(ValueError):
    """A media file that is not a safe PNG, JPEG or SVG; says why."""


def check_media(name: str, data: bytes) -> None:
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    if suffix not in MEDIA_TYPES:
        raise MediaError("only PNG, JPEG and SVG files may be in media/")
    if suffix in _MAGIC:
        if not data.startswith(_MAGIC[suffix]):
            raise MediaError(f"the content is not a {suffix[1:].upper()} image")
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise MediaError("an SVG must be UTF-8 text") from None
    if not re.search(r"<svg[\s>]", text):
        raise MediaError("the content is not an SVG drawing")
    for pattern, why in _SVG_FORBIDDEN:
        if pattern.search(text):
            raise MediaError(f"the SVG {why}")
