"""Names of areas, levels and states in the current language."""

from __future__ import annotations

from PySide6.QtCore import QObject


class Names(QObject):
    def area(self, number: int) -> str:
        names = {
            1: self.tr("Data and information"),
            2: self.tr("Communication and collaboration"),
            3: self.tr("Digital content creation"),
            4: self.tr("Safety"),
            5: self.tr("Problem solving"),
            6: self.tr("Applying AI"),
        }
        return names.get(number, str(number))

    def level(self, number: int) -> str:
        names = {
            1: self.tr("Level 1 — Basic"),
            2: self.tr("Level 2 — Intermediate"),
            3: self.tr("Level 3 — Advanced"),
            4: self.tr("Level 4 — Specialised"),
        }
        return names.get(number, str(number))

    def lesson_state(self, state: str) -> str:
        names = {
            "not_started": self.tr("not started"),
            "in_progress": self.tr("in progress"),
            "done": self.tr("done"),
        }
        return names.get(state, state)

    def module_state(self, mastered: bool, skipped: bool, fraction: float) -> str:
        if skipped:
            return self.tr("skipped by placement")
        if mastered:
            return self.tr("mastered")
        if fraction > 0:
            return self.tr("in progress")
        return self.tr("not started")
