"""Certificates earned: see them and export each one to PDF with a QR code.

Certificates are signed by the ministry server after it grades an exam. A
provisional one, made by an older version of the app for an exam it graded
itself, is shown as not confirmed and cannot be exported (docs/assessment.md,
"On the device"). Nor can one the ministry revoked: it says so, with when and why."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.names import Names
from desktop.ui.widgets import EmptyState, heading


class CertificatesScreen(QWidget):
    export_requested = Signal(object)  # a desktop.store.Certificate
    library_requested = Signal()  # the empty state's next step: the lessons and exams

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
        self.empty = EmptyState("empty-certificates")
        self.empty.action.connect(self.library_requested)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.export)
        listing = QWidget()
        column = QVBoxLayout(listing)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list, 1)
        column.addLayout(row)
        self.pages = QStackedLayout()
        self.pages.addWidget(listing)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.explain)
        layout.addLayout(self.pages, 1)
        self._certificates: list = []
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Certificates"))
        self.explain.setText(
            self.tr(
                "The ministry grades each level exam and signs a certificate for a pass; it "
                "arrives with the next sync, or with the next file from the ministry. A "
                "signed certificate exports to PDF with a QR code that can be checked offline."
            )
        )
        self.export.setText(self.tr("&Export to PDF…"))
        self.list.setAccessibleName(self.tr("Certificates earned"))
        self.empty.set_texts(
            self.tr("No certificate yet"),
            self.tr(
                "A pass in a level exam, graded by the ministry, earns one. Finish a "
                "level's modules in the library, then take its exam."
            ),
            self.tr("Open the &library"),
        )
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
                self.tr("signed by the ministry")
                if certificate.signed
                else self.tr("graded on this computer; not confirmed by the ministry")
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
        self.pages.setCurrentIndex(0 if certificates else 1)
        self.export.setEnabled(False)

    def _export(self) -> None:
        entry = self.list.currentItem()
        if _exportable(entry):
            self.export_requested.emit(entry.data(Qt.ItemDataRole.UserRole))


def _exportable(entry: QListWidgetItem | None) -> bool:
    """A signed certificate that was not revoked: any other's PDF would mislead."""
    certificate = entry.data(Qt.ItemDataRole.UserRole) if entry else None
    return (
        bool(certificate)
        and certificate.signed is not None
        and getattr(certificate, "revoked", None) is None
    )
