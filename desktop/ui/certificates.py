"""Certificates earned: see them and export each one to PDF with a QR code. A
certificate the ministry revoked says so, with when and why, and is not exported."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.names import Names
from desktop.ui.widgets import heading


class CertificatesScreen(QWidget):
    export_requested = Signal(object)  # a desktop.store.Certificate

    def __init__(self) -> None:
        super().__init__()
        self.names = Names()
        self.title = heading()
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.list = QListWidget()
        self.export = QPushButton()
        self.export.clicked.connect(self._export)
        self.list.currentItemChanged.connect(
            lambda cur, _: self.export.setEnabled(_exportable(cur))
        )
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.export)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.explain)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self._certificates: list = []
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Certificates"))
        self.explain.setText(
            self.tr(
                "A certificate is provisional until the ministry server has signed it; it is "
                "signed at your next sync. Both kinds export to PDF with a QR code."
            )
        )
        self.export.setText(self.tr("&Export to PDF…"))
        self.list.setAccessibleName(self.tr("Certificates earned"))
        self.show_certificates(self._certificates)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_certificates(self, certificates: list) -> None:
        self._certificates = certificates
        self.list.clear()
        for certificate in certificates:
            status = (
                self.tr("signed by the ministry") if certificate.signed else self.tr("provisional")
            )
            revoked = getattr(certificate, "revoked", None)
            if revoked is not None:
                status = (
                    self.tr("REVOKED by the ministry on %1: %2")
                    .replace("%1", revoked.revoked_at[:10])
                    .replace("%2", revoked.reason)
                )
            score = "" if certificate.score is None else f" · {round(certificate.score * 100)}%"
            entry = QListWidgetItem(
                f"{self.names.level(certificate.level or 0)} · "
                f"{certificate.passed_at[:10]}{score} · {status}"
            )
            entry.setData(Qt.ItemDataRole.UserRole, certificate)
            self.list.addItem(entry)
        if not certificates:
            self.list.addItem(self.tr("No certificate yet: pass a level exam to earn one."))
        self.export.setEnabled(False)

    def _export(self) -> None:
        entry = self.list.currentItem()
        if _exportable(entry):
            self.export_requested.emit(entry.data(Qt.ItemDataRole.UserRole))


def _exportable(entry: QListWidgetItem | None) -> bool:
    """A certificate the ministry did not revoke: a revoked one's PDF would mislead."""
    certificate = entry.data(Qt.ItemDataRole.UserRole) if entry else None
    return bool(certificate) and getattr(certificate, "revoked", None) is None
