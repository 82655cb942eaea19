"""A certificate as a one-page PDF with a QR code carrying the record.

The QR code holds the compact JSON of the certificate: the server-signed document
when there is one (anyone can check it offline with the server's public key), else
the provisional record, marked as such.
"""

from __future__ import annotations

import json
from pathlib import Path

import segno
from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter


def qr_payload(certificate) -> str:
    if certificate.signed:
        return json.dumps(
            certificate.signed, sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
    record = {
        "type": "hocvu-certificate",
        "status": "provisional",
        "statement": certificate.statement_id,
        "pack": certificate.pack_id,
        "level": certificate.level,
        "score": certificate.score,
        "date": certificate.passed_at,
    }
    return json.dumps(record, sort_keys=True, separators=(",", ":"))


def write_certificate_pdf(path: Path, certificate, texts: dict[str, str]) -> None:
    """`texts`: already translated title, name, level, date, status, note lines."""
    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(15, 15, 15, 15),
        )
    )
    writer.setResolution(150)
    writer.setTitle(texts["title"])
    painter = QPainter(writer)
    page = QRectF(painter.viewport())
    painter.setPen(QColor("#1f4e79"))
    painter.drawRect(page.adjusted(10, 10, -10, -10))

    def line(text: str, size: int, top: float, bold: bool = False) -> None:
        font = QFont("DejaVu Sans", size)
        font.setBold(bold)
        painter.setFont(font)
        painter.drawText(
            QRectF(60, top, page.width() * 0.62, size * 4),
            Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
            text,
        )

    line(texts["title"], 30, 80, bold=True)
    line(texts["name"], 22, 260, bold=True)
    line(texts["level"], 18, 380)
    line(texts["date"], 14, 480)
    line(texts["status"], 12, 560)
    line(texts["note"], 10, 660)
    qr = segno.make(qr_payload(certificate), error="m")
    matrix = list(qr.matrix)
    side = page.height() * 0.55
    cell = side / (len(matrix) + 8)
    left = page.width() - side - 60
    top = (page.height() - side) / 2
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect(
                    QRectF(left + (x + 4) * cell, top + (y + 4) * cell, cell + 0.5, cell + 0.5)
                )
    painter.end()
