"""Runs sync for the main window: at unlock, every few minutes, and on demand.

The engine works on a pool thread (`Tasks.background`) and reaches the learner store
only through the store's worker (`desktop.sync_service.StoreOnWorker`); this object
lives on the UI thread, keeps the schedule, and shows the state in the status line and
the Settings box. A failed sync loses nothing and is simply tried again later.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.tasks import Tasks
from desktop.ui.sync_panel import SyncBox, SyncStatusLine, SyncView


class SyncController(QObject):
    # A sync installed packs or changed what the home screen lists.
    content_changed = Signal(bool)

    def __init__(
        self,
        parent: QWidget,
        tasks: Tasks,
        line: SyncStatusLine,
        box: SyncBox,
        fail: Callable[[BaseException], None],
        inform: Callable[[str], None],
    ) -> None:
        super().__init__(parent)
        from desktop.sync_service import SYNC_EVERY, SYNC_LONGEST

        self.window = parent
        self.tasks = tasks
        self.line = line
        self.box = box
        self.fail = fail
        self.inform = inform
        self.engine: Any = None
        self.syncing = False
        # Tests shorten these; the app uses the defaults.
        self.client_factory: Callable[..., Any] | None = None
        self.interval = SYNC_EVERY
        self.longest = SYNC_LONGEST
        self.schedule: Any = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.sync_now)
        line.clicked.connect(self.sync_now)
        box.sync_requested.connect(self.sync_now)
        box.connect_requested.connect(self.connect_server)
        box.export_requested.connect(self.export_bundle)
        box.import_requested.connect(self.import_bundle)

    # --- profile lifecycle ------------------------------------------------------------

    def start(self, learner: Any, library: Any, data_dir: Path) -> None:
        """The learner unlocked: sync at once if this profile is connected."""
        from desktop.sync_service import sync_engine
        from sync.client import SyncClient
        from sync.engine import SyncSchedule

        self.schedule = SyncSchedule(self.interval, self.longest)
        self.engine = sync_engine(
            learner, library, data_dir, self.tasks.db_wait, self.client_factory or SyncClient
        )
        engine = self.engine

        def first(status) -> None:
            if engine is not self.engine:
                return
            self._show_status(status)
            if status.connected:
                self.sync_now()

        self.tasks.background(engine.status, first, self._failed_quietly)

    def stop(self) -> None:
        """The profile locked: forget its engine; a sync under way finishes unseen."""
        self.timer.stop()
        self.engine = None
        self.syncing = False
        self.line.show_view(SyncView(SyncView.NOT_CONNECTED))

    # --- syncing ----------------------------------------------------------------------

    def sync_now(self) -> None:
        engine = self.engine
        if engine is None or self.syncing:
            return
        self.timer.stop()
        self.syncing = True
        self.line.show_view(SyncView(SyncView.CHECKING, self.line.view.pending))

        def look():
            # A quick look first: a server that is down shows as Offline in seconds,
            # and the schedule tries again later.
            offline = engine.probe()
            return None if offline is None else (offline, engine.status())

        def looked(result) -> None:
            if engine is not self.engine:
                return
            if result is not None:
                done(result)
                return
            self.line.show_view(SyncView(SyncView.SYNCING, self.line.view.pending))
            self.tasks.background(work, done, failed)

        def work():
            report = engine.sync_once()
            return report, engine.status()

        def done(result) -> None:
            if engine is not self.engine:
                return
            report, status = result
            self.syncing = False
            self._show_status(status)
            if status.connected:
                self.timer.start(int(self.schedule.delay_after(report) * 1000))
            self.content_changed.emit(bool(report.packs_installed))

        def failed(error: BaseException) -> None:
            if engine is not self.engine:
                return
            self.syncing = False
            self.timer.start(int(self.longest * 1000))
            self.refresh()
            self._failed_quietly(error)

        self.tasks.background(look, looked, failed)

    def refresh(self) -> None:
        engine = self.engine
        if engine is None:
            return

        def show(status) -> None:
            if engine is self.engine and not self.syncing:
                self._show_status(status)

        self.tasks.background(engine.status, show, self._failed_quietly)

    def _show_status(self, status) -> None:
        if not status.connected:
            view = SyncView(SyncView.NOT_CONNECTED, status.pending)
            if status.not_enrolled:
                view = SyncView(SyncView.NOT_ENROLLED, status.pending)
        elif status.last_ok is None:
            view = SyncView(SyncView.OFFLINE, status.pending)
        elif status.offline:
            view = SyncView(SyncView.OFFLINE, status.pending, status.last_sync)
        elif status.not_enrolled:
            view = SyncView(SyncView.NOT_ENROLLED, status.pending)
        elif not status.last_ok:
            view = SyncView(SyncView.PROBLEM, status.pending, status.last_sync)
        else:
            view = SyncView(SyncView.SYNCED, status.pending, status.last_sync)
        self.line.show_view(view)
        problems: tuple[Any, ...] = ()
        if status.connected and status.last_ok is False:
            problems = status.problems or (_unknown_problem(),)
        self.box.show_state(
            status.connected, status.server_url, view, problems, status.clock_offset
        )

    def _failed_quietly(self, error: BaseException) -> None:
        # A sync that breaks unexpectedly must not interrupt a lesson with a dialog;
        # the status line says sync is incomplete and the next run tries again.
        from sync.engine import problem_of

        self.line.show_view(SyncView(SyncView.PROBLEM))
        self.box.show_state(self.box.connected, None, None, [problem_of(error)])

    # --- connecting and offline files -------------------------------------------------

    def connect_server(self, url: str, code: str, device: str) -> None:
        engine = self.engine
        if engine is None:
            return
        if not url or not code:
            self.inform(
                self.tr(
                    "Enter the server address and the enrolment code your administrator "
                    "gave you, then press Connect."
                )
            )
            return

        def connected(_config) -> None:
            if engine is not self.engine:
                return
            self.box.code.clear()
            self.inform(self.tr("Connected to %1. Your results will now sync.").replace("%1", url))
            self.sync_now()

        self.tasks.background(
            lambda: engine.connect(url, code, device or "Học Vụ Số"), connected, self.fail
        )

    def export_bundle(self, code: str) -> None:
        engine = self.engine
        if engine is None:
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save results for the ministry"),
            str(Path.home() / "hocvu-results.hvsync"),
            self.tr("Sync files (*.hvsync)"),
        )
        if not chosen:
            return
        keys_file = None
        if not self.box.connected:
            keys_file, _ = QFileDialog.getOpenFileName(
                self.window,
                self.tr("The server key file from your administrator"),
                str(Path.home()),
                self.tr("Server keys (*.json)"),
            )
            if not keys_file:
                return
        device = self.box.device.text().strip() or "Học Vụ Số"

        def work() -> int:
            from sync.server_keys import load_public_keys

            keys = load_public_keys(Path(keys_file)) if keys_file else None
            return engine.export_bundle(Path(chosen), keys, code.strip() or None, device)

        def done(count: int) -> None:
            self.inform(
                self.tr(
                    "Saved %n result(s) to %1. Send this file to your administrator by any "
                    "means; it is encrypted for the ministry's server.",
                    "",
                    count,
                ).replace("%1", chosen)
            )

        self.tasks.background(work, done, self.fail)

    def import_bundle(self) -> None:
        engine = self.engine
        if engine is None:
            return
        chosen, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open a file from the ministry"),
            str(Path.home()),
            self.tr("Sync files (*.hvsync)"),
        )
        if not chosen:
            return

        def done(report) -> None:
            text = (
                self.tr("Applied: %1 pack(s) installed, %2 certificate(s), %3 result(s).")
                .replace("%1", str(len(report.packs_installed)))
                .replace("%2", str(report.certificates))
                .replace("%3", str(report.statements))
            )
            if report.assignments is not None:
                text += " " + self.tr(
                    "%n assignment(s) from your unit, listed on Home.", "", report.assignments
                )
            self.inform(text)
            self.refresh()
            # Home lists the assignments the bundle brought, even when no pack is new.
            self.content_changed.emit(bool(report.packs_installed))

        self.tasks.background(lambda: engine.apply_return_bundle(Path(chosen)), done, self.fail)


def _unknown_problem() -> Any:
    """A failed sync recorded before sync named its failures (an older app version)."""
    from sync.engine import SyncProblem

    return SyncProblem("", "failed")
