"""The look: resources/style.qss holds a small design system (two palettes, a type
scale, spacing) in its opening comment, and rules that name those values as `@name`.
This module reads the block, checks it, and writes the stylesheet Qt applies.

No Qt here (the stylesheet is text), so the unlock screen pays only for reading one
small file; `apply_theme` takes the application object without importing Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hocvu.paths import resources_dir

LIGHT = "light"
HIGH_CONTRAST = "high-contrast"
# WCAG 2.1 success criteria 1.4.3 (AA, body text) and 1.4.11 (borders, marks).
AA_TEXT = 4.5
AA_UI = 3.0

_TOKEN = re.compile(r"@([a-z][a-z0-9-]*)")
_ENTRY = re.compile(r"([a-z][a-z0-9-]*)\s*:\s*([^;]+);")
_COLOUR = re.compile(r"(?m)^\s*([a-z][a-z0-9-]*):\s*(#[0-9a-fA-F]{6});")


class ThemeError(ValueError):
    """The design block of style.qss is malformed or a rule names an unknown value."""


@dataclass(frozen=True)
class Design:
    palettes: dict[str, dict[str, str]]
    pairs: tuple[tuple[str, str], ...]  # (text colour, background colour) names
    ui_pairs: tuple[tuple[str, str], ...]  # (border or mark, what it sits on)
    type_scale: dict[str, float]  # multiples of the app's font size
    space: dict[str, str]
    rules: str  # the stylesheet with its @names


def style_path() -> Path:
    return resources_dir() / "style.qss"


def load_design(path: Path | None = None) -> Design:
    text = (path or style_path()).read_text(encoding="utf-8")
    start, end = text.find("@palette"), text.find("@end")
    if start < 0 or end < start:
        raise ThemeError("style.qss has no design block (@palette … @end)")
    block, rules = text[start:end], text[text.find("*/", end) + 2 :]
    palettes: dict[str, dict[str, str]] = {}
    pairs: dict[str, list[tuple[str, str]]] = {"pairs": [], "ui-pairs": []}
    type_scale: dict[str, float] = {}
    space: dict[str, str] = {}
    for section in re.split(r"(?m)^@", block):
        head, _, body = section.partition("\n")
        words = head.split()
        if not words:
            continue
        kind = words[0]
        if kind == "palette":
            colours = {name: value.lower() for name, value in _COLOUR.findall(body)}
            palettes[words[1]] = colours
        elif kind in pairs:
            for pair in words[1:] + body.split():
                if "/" in pair:
                    front, _, back = pair.partition("/")
                    pairs[kind].append((front, back))
        elif kind == "type":
            entries = _ENTRY.findall(" ".join(words[1:]))
            type_scale = {name: float(value) for name, value in entries}
        elif kind == "space":
            space = {name: value.strip() for name, value in _ENTRY.findall(" ".join(words[1:]))}
    if set(palettes) != {LIGHT, HIGH_CONTRAST}:
        raise ThemeError(f"style.qss must define the palettes {LIGHT} and {HIGH_CONTRAST}")
    if palettes[LIGHT].keys() != palettes[HIGH_CONTRAST].keys():
        raise ThemeError("the two palettes must name the same colours")
    return Design(
        palettes, tuple(pairs["pairs"]), tuple(pairs["ui-pairs"]), type_scale, space, rules
    )


def stylesheet(
    design: Design, variant: str = LIGHT, base_pt: float = 10.0, icons: Path | None = None
) -> str:
    """The rules with every @name replaced: a colour of `variant`, a type size scaled
    from `base_pt`, a spacing value, or the icons folder."""
    values: dict[str, str] = dict(design.palettes[variant])
    values.update({f"type-{k}": f"{base_pt * v:.1f}pt" for k, v in design.type_scale.items()})
    values.update({f"space-{k}": v for k, v in design.space.items()})
    values["icons"] = (icons or resources_dir() / "icons").as_posix()

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise ThemeError(f"style.qss names @{name}, which the design block does not define")
        return values[name]

    return _TOKEN.sub(value, design.rules)


def relative_luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1's contrast ratio between two #rrggbb colours, from 1 to 21."""
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def apply_theme(app: Any, high_contrast: bool = False) -> None:
    """Style `app` (a QApplication) with the light or the high-contrast palette; widgets
    restyle at once, so the setting applies live."""
    design = load_design()
    base = app.font().pointSizeF()
    variant = HIGH_CONTRAST if high_contrast else LIGHT
    app.setStyleSheet(stylesheet(design, variant, base if base > 0 else 10.0))
    app.setProperty("hocvu_theme", variant)
