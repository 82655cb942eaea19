"""The learner's session: unlocking a profile, creating one, locking (by hand or when
idle). Unlocking runs the key derivation on the store's worker; locking first asks
the window what to take up again (`locking`), so a quiz, exam or placement test
interrupted by a lock resumes where it was once the same profile is unlocked."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from desktop.operations.context import Context

ACTIVITY = (
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
)


class Session(QObject):
    unlocked = Signal(bool)  # True: a new profile that asked for the placement test
    locking = Signal()  # before the store locks: the last moment to read the run shown
    locked = Signal()

    def __init__(self, context: Context) -> None:
        super().__init__(context.parent)
        self.context = context
        self.learner = None
        self.display_name = ""
        self.profile_id: str | None = None
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.lock)
        QApplication.instance().installEventFilter(self)

    def unlock(
        self, profile_id: str, passphrase: str, name: str, failed: Callable[[BaseException], None]
    ) -> None:
        store = self.context.workspace.store
        self.context.tasks.db(
            lambda: store.unlock(profile_id, passphrase),
            lambda learner: self._opened(learner, name, False),
            failed,
        )

    def create(
        self, name: str, passphrase: str, placement: bool, failed: Callable[[BaseException], None]
    ) -> None:
        store = self.context.workspace.store
        self.context.tasks.db(
            lambda: store.create_profile(name, passphrase),
            lambda learner: self._opened(learner, name, placement),
            failed,
        )

    def _opened(self, learner, name: str, then_placement: bool) -> None:
        self.learner, self.display_name = learner, name
        self.profile_id = getattr(learner, "profile_id", None)
        self.reset_idle()
        self.unlocked.emit(then_placement)

    def lock(self) -> None:
        if self.learner is None:
            return
        self.locking.emit()
        learner, self.learner = self.learner, None
        self.idle.stop()
        self.context.tasks.db(learner.lock)
        self.locked.emit()

    def close(self) -> None:
        """The window closes: lock without taking anything up later."""
        QApplication.instance().removeEventFilter(self)
        self.idle.stop()
        if self.learner is not None:
            self.learner.lock()
            self.learner = None

    def reset_idle(self) -> None:
        self.idle.start(self.context.workspace.settings.idle_lock_minutes * 60_000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.learner is not None and event.type() in ACTIVITY:
            self.reset_idle()
        return False
