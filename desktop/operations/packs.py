"""Packs: installing the bundled starter packs at unlock, importing one the learner
chose or dropped. Checking signatures, unpacking and indexing run on the pool; a
progress dialog shows only when the work takes a noticeable time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from content.localised import pick
from desktop.operations import Change
from desktop.operations.context import Context


class Packs(QObject):
    def __init__(self, context: Context) -> None:
        super().__init__(context.parent)
        self.context = context

    def _progress(self, text: str) -> QProgressDialog:
        dialog = QProgressDialog(text, "", 0, 100, self.context.parent)
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500)  # only for work that takes a noticeable time
        dialog.setAutoClose(False)
        return dialog

    def _reporter(self, dialog: QProgressDialog) -> Callable[[int, int], None]:
        tasks = self.context.tasks
        return lambda done, total: tasks.on_ui(
            lambda: dialog.setValue(int(done * 100 / max(total, 1)))
        )

    def ensure_installed(self, then: Callable[[], None]) -> None:
        """Install the bundled starter packs if needed and index the lessons, then `then`
        (also after a failure, which is shown)."""
        workspace = self.context.workspace
        dialog = self._progress(self.tr("Preparing the lessons…"))
        report = self._reporter(dialog)

        def work():
            workspace.install_bundled(report)
            workspace.reindex()
            return workspace.catalog

        def done(_catalog) -> None:
            dialog.close()
            then()

        def failed(error: BaseException) -> None:
            dialog.close()
            self.context.fail(error)
            then()

        self.context.tasks.background(work, done, failed)

    def choose_and_import(self, then: Callable[[], None]) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self.context.parent,
            self.tr("Import a content pack"),
            str(Path.home()),
            self.tr("Content packs (*.hvpack)"),
        )
        if chosen:
            self.import_pack(Path(chosen), then)

    def import_pack(self, path: Path, then: Callable[[], None]) -> None:
        """Check and install the pack at `path`, say so, then `then` (not after a refusal)."""
        workspace = self.context.workspace
        dialog = self._progress(self.tr("Checking and installing %1…").replace("%1", path.name))
        report = self._reporter(dialog)

        def work():
            installed = workspace.import_pack(path, report)
            workspace.reindex()
            return installed

        def done(installed) -> None:
            dialog.close()
            self.context.inform(
                self.tr("Installed “%1”, version %2.")
                .replace("%1", pick(installed.manifest["title"], self.context.lang()))
                .replace("%2", str(installed.version))
            )
            self.context.changes.emit(Change.PACKS)
            then()

        def failed(error: BaseException) -> None:
            dialog.close()
            self.context.fail(error)

        self.context.tasks.background(work, done, failed)
