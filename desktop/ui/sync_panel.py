"""What the learner sees of sync: a status line under the navigation, always visible,
and the "Ministry server" box in Settings (connect with a code, sync now, offline files).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QSysInfo, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.messages import Messages


class SyncView:
    """What the status line shows; made by the controller from the engine's status."""

    NOT_CONNECTED = "not-connected"
    CHECKING = "checking"  # a quick look at the server before syncing
    SYNCING = "syncing"
    OFFLINE = "offline"
    SYNCED = "synced"
    PROBLEM = "problem"
    NOT_ENROLLED = "not-enrolled"

    def __init__(self, state: str, pending: int = 0, when: str | None = None, detail: str = ""):
        self.state = state
        self.pending = pending
        self.when = when
        self.detail = detail


def _local_time(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%H:%M %d/%m")
    except ValueError:
        return iso


class SyncStatusLine(QWidget):
    """The status under the navigation, always visible once unlocked, with a button
    that asks for a sync now."""

    clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("sync-status")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton()
        self.button.setObjectName("sync-now")
        self.button.clicked.connect(self.clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 12)
        layout.addWidget(self.label)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        self.view = SyncView(SyncView.NOT_CONNECTED)
        self.retranslate()

    def text(self) -> str:
        return self.label.text()

    def show_view(self, view: SyncView) -> None:
        self.view = view
        self.retranslate()

    def describe(self, view: SyncView) -> str:
        waiting = self.tr("%n result(s) waiting", "", view.pending)
        if view.state == SyncView.CHECKING:
            return self.tr("Checking…")
        if view.state == SyncView.SYNCING:
            return self.tr("Syncing…")
        if view.state == SyncView.OFFLINE:
            return self.tr("Offline · %1").replace("%1", waiting)
        if view.state == SyncView.SYNCED:
            text = self.tr("Synced %1").replace("%1", _local_time(view.when))
            return f"{text} · {waiting}" if view.pending else text
        if view.state == SyncView.PROBLEM:
            return self.tr("Sync incomplete · see Settings")
        if view.state == SyncView.NOT_ENROLLED:
            return self.tr("Not enrolled · see Settings")
        return self.tr("Not connected to the ministry server")

    def retranslate(self) -> None:
        text = self.describe(self.view)
        self.label.setText(text)
        self.label.setAccessibleName(self.tr("Sync status: %1").replace("%1", text))
        self.button.setText(self.tr("Sync now"))
        self.button.setToolTip(self.tr("Click to sync now"))
        self.button.setVisible(
            self.view.state not in (SyncView.NOT_CONNECTED, SyncView.CHECKING, SyncView.SYNCING)
        )

    def changeEvent(self, event: QEvent) -> None:
        # The line lives outside the screens' stack: it hears the language switch itself.
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class SyncBox(QGroupBox):
    """Settings › Ministry server."""

    connect_requested = Signal(str, str, str)
    server_changed = Signal(str)
    sync_requested = Signal()
    export_requested = Signal(str)
    import_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.server = QLineEdit()
        self.server.editingFinished.connect(
            lambda: self.server_changed.emit(self.server.text().strip())
        )
        self.code = QLineEdit()
        self.device = QLineEdit(QSysInfo.machineHostName() or "")
        self.connect_button = QPushButton()
        self.connect_button.clicked.connect(self._connect)
        self.code.returnPressed.connect(self._connect)
        self.labels = [QLabel() for _ in range(3)]
        form = QFormLayout()
        for label, field in zip(self.labels, (self.server, self.code, self.device), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        self.state = QLabel()
        self.state.setObjectName("sync-state")
        self.state.setWordWrap(True)
        self.sync_button = QPushButton()
        self.sync_button.clicked.connect(self.sync_requested)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.code.text()))
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.import_requested)
        buttons = QHBoxLayout()
        for button in (
            self.connect_button,
            self.sync_button,
            self.export_button,
            self.import_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.state)
        self.connected = False
        self.view: SyncView | None = None
        # What the last sync found wrong (`sync.engine.SyncProblem`s: a kind and its
        # values), put into words on every retranslate so a language switch follows.
        self.problems: list[Any] = []
        self.clock_offset: float | None = None
        self.messages = Messages(self)
        self.retranslate()

    def _connect(self) -> None:
        self.connect_requested.emit(
            self.server.text().strip(), self.code.text().strip(), self.device.text().strip()
        )

    def show_state(
        self,
        connected: bool,
        server_url: str | None,
        view: SyncView | None = None,
        problems: Sequence[Any] = (),
        clock_offset: float | None = None,
    ) -> None:
        self.connected = connected
        self.view = view
        self.problems = list(problems)
        self.clock_offset = clock_offset
        if connected and server_url:
            self.server.setText(server_url)
        self.retranslate()

    def detail(self) -> str:
        """The lines under the buttons after the connection state: the last sync, what
        went wrong in the learner's words, and a clock far from the server's."""
        lines = []
        view = self.view
        if view is not None and self.connected:
            if view.state in (SyncView.CHECKING, SyncView.SYNCING):
                lines.append(self.tr("Syncing…"))
            elif view.state == SyncView.SYNCED:
                lines.append(self.tr("Last synced %1.").replace("%1", _local_time(view.when)))
            elif view.state in (SyncView.PROBLEM, SyncView.OFFLINE) and view.when:
                lines.append(
                    self.tr("The last sync (%1) did not finish:").replace(
                        "%1", _local_time(view.when)
                    )
                )
            if view.pending:
                lines.append(self.tr("%n result(s) waiting to be sent.", "", view.pending))
        for problem in self.problems:
            text = self.messages.sync_problem(problem.kind, problem.values)
            if text not in lines:
                lines.append(text)
        if self.clock_offset is not None:
            lines.append(self.messages.clock_offset(self.clock_offset))
        return "\n".join(lines)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Ministry server"))
        for label, text in zip(
            self.labels,
            (self.tr("&Server address"), self.tr("&Enrolment code"), self.tr("&Device name")),
            strict=True,
        ):
            label.setText(text)
        self.server.setAccessibleName(self.tr("Server address"))
        self.server.setPlaceholderText(self.tr("https://… (given by your ministry)"))
        self.code.setAccessibleName(self.tr("Enrolment code"))
        self.code.setPlaceholderText(self.tr("from your administrator, e.g. ABCD-EFGH-JKMN"))
        self.device.setAccessibleName(self.tr("Device name"))
        self.connect_button.setText(
            self.tr("Connect again") if self.connected else self.tr("Connect")
        )
        self.sync_button.setText(self.tr("Sync now"))
        self.sync_button.setEnabled(self.connected)
        self.export_button.setText(self.tr("Save results to a file…"))
        self.export_button.setToolTip(
            self.tr(
                "For a mission without a connection: an encrypted file for the ministry, "
                "to send by any means."
            )
        )
        self.import_button.setText(self.tr("Open a file from the ministry…"))
        status = (
            (
                self.tr("Disconnected by the server.")
                if self.view is not None and self.view.state == SyncView.NOT_ENROLLED
                else self.tr("Connected.")
            )
            if self.connected
            else self.tr(
                "Not connected. Enter the server address and the one-time enrolment code "
                "from your administrator, then press Connect."
            )
        )
        detail = self.detail()
        self.state.setText(f"{status}\n{detail}" if detail else status)
