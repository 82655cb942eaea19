"""Switching the interface language at once, without a restart."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from hocvu.paths import resources_dir


class Languages:
    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.translator: QTranslator | None = None
        self.current = ""

    def use(self, lang: str) -> bool:
        """Install the compiled translation for `lang`; every widget gets a LanguageChange."""
        if lang == self.current:
            return True
        translator = QTranslator(self.app)
        loaded = translator.load(str(resources_dir() / "translations" / f"hocvu_{lang}.qm"))
        if self.translator is not None:
            self.app.removeTranslator(self.translator)
        if loaded:
            self.app.installTranslator(translator)
            self.translator = translator
        QLocale.setDefault(
            QLocale(QLocale.Language.Vietnamese if lang == "vi" else QLocale.Language.English)
        )
        self.current = lang
        return loaded
