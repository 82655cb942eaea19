"""What the learner does, as small operations; the main window only navigates.

Each module here turns one kind of user action into service calls: `session`
(unlock, create a profile, lock, the idle lock), `quizzes` (module quiz, exam,
placement test, review, retry, taking a run up again after a lock), `packs`
(installing the bundled packs, importing one) and `certificates` (the PDF export).
The work runs off the UI thread through `desktop.tasks.Tasks` (store access on its
serial worker); the callbacks given to it are the only code that touches widgets.
An operation says what it changed by emitting `Changes.changed` with `Change`
flags, and the screens refresh from that one signal.
"""

from __future__ import annotations

from enum import Flag, auto

from PySide6.QtCore import QObject, Signal


class Change(Flag):
    PROGRESS = auto()  # lessons, quizzes, placement: Home and the library
    REVIEW = auto()  # the review queue: Home's count
    PACKS = auto()  # packs installed or updated: the library, search, Home
    CERTIFICATES = auto()
    EXAMS = auto()  # an exam submitted or graded: Home and the library


class Changes(QObject):
    """The one change signal the screens refresh from."""

    changed = Signal(object)  # a Change

    def emit(self, change: Change) -> None:
        self.changed.emit(change)
