"""Exporting a certificate as a PDF with its QR record. Writing the file runs on the
pool (the PDF and QR libraries load then, not at start-up)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from desktop.operations.context import Context
from desktop.ui.names import Names


class CertificateExport(QObject):
    def __init__(self, context: Context, display_name: Callable[[], str]) -> None:
        super().__init__(context.parent)
        self.context = context
        self.display_name = display_name
        self.names = Names()

    def export(self, certificate) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self.context.parent,
            self.tr("Export certificate"),
            str(Path.home() / f"hocvu-certificate-level{certificate.level}.pdf"),
            self.tr("PDF documents (*.pdf)"),
        )
        if chosen:
            self.write(Path(chosen), certificate)

    def write(self, path: Path, certificate) -> None:
        texts = {
            "title": self.tr("Certificate of digital competence"),
            "name": self.display_name(),
            "level": self.names.level(certificate.level or 0),
            "date": self.tr("Passed on %1").replace("%1", certificate.passed_at[:10]),
            "status": self.tr("Signed by the ministry server")
            if certificate.signed
            else self.tr("Provisional: not yet signed by the ministry server"),
            "note": self.tr(
                "The QR code holds this record; a signed record can be checked "
                "offline with the ministry's public key."
            ),
        }

        def work() -> None:
            from desktop.certificate_pdf import write_certificate_pdf

            write_certificate_pdf(path, certificate, texts)

        self.context.tasks.background(
            work,
            lambda _none: self.context.inform(self.tr("Saved %1.").replace("%1", str(path))),
            self.context.fail,
        )
