"""Settings of the app on this computer (not personal: language, text size, lock time,
server address). Kept in a small JSON file so the unlock screen can use them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from content.files import write_atomic

LANGUAGES = ("vi", "en")


@dataclass
class AppSettings:
    language: str = "vi"
    font_size: int = 12
    idle_lock_minutes: int = 10
    server_url: str = ""
    # Black on white, thicker marks (resources/style.qss, palette high-contrast).
    high_contrast: bool = False

    @classmethod
    def load(cls, path: Path) -> AppSettings:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in raw.items() if k in known})
        if settings.language not in LANGUAGES:
            settings.language = "vi"
        settings.font_size = min(max(int(settings.font_size), 8), 32)
        settings.idle_lock_minutes = min(max(int(settings.idle_lock_minutes), 1), 240)
        settings.high_contrast = settings.high_contrast is True
        return settings

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(asdict(self), indent=2).encode())
