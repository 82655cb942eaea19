"""Small widgets shared by the screens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


def heading(text: str = "", size: float = 1.5) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * size)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def centred_card(
    screen: QWidget, parts: list, buttons: tuple[QWidget, QWidget], max_width: int
) -> None:
    """Lay out `parts` (widgets or layouts) in a card centred on `screen`, with the
    secondary button on the left and the main one on the right."""
    box = QVBoxLayout()
    for part in parts:
        if isinstance(part, QWidget):
            box.addWidget(part)
        else:
            box.addSpacing(8)
            box.addLayout(part)
    row = QHBoxLayout()
    row.addWidget(buttons[0])
    row.addStretch()
    row.addWidget(buttons[1])
    box.addLayout(row)
    card = QWidget()
    card.setObjectName("card")
    card.setLayout(box)
    card.setMaximumWidth(max_width)
    outer = QVBoxLayout(screen)
    outer.addStretch()
    middle = QHBoxLayout()
    middle.addStretch()
    middle.addWidget(card)
    middle.addStretch()
    outer.addLayout(middle)
    outer.addStretch()


class BarChart(QWidget):
    """Horizontal bars, one per row (label, share 0..1), drawn with the palette's colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, float]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_rows(self, rows: list[tuple[str, float]]) -> None:
        self.rows = rows
        self.setMinimumHeight(self._row_height() * max(len(rows), 1) + 8)
        self.setAccessibleDescription(
            "; ".join(f"{label}: {round(share * 100)}%" for label, share in rows)
        )
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return int(self.fontMetrics().height() * 1.9)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        label_width = min(
            max((metrics.horizontalAdvance(r[0]) for r in self.rows), default=0) + 16,
            int(self.width() * 0.45),
        )
        row_h = self._row_height()
        bar_h = metrics.height() * 0.9
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        track = QColor(accent)
        track.setAlpha(40)
        for n, (label, share) in enumerate(self.rows):
            top = 4 + n * row_h
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 12)
            painter.drawText(
                QRectF(0, top, label_width, row_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                text,
            )
            width = self.width() - label_width - 56
            y = top + (row_h - bar_h) / 2
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            painter.drawRoundedRect(QRectF(label_width, y, width, bar_h), 4, 4)
            painter.setBrush(accent)
            painter.drawRoundedRect(
                QRectF(label_width, y, width * max(0.0, min(share, 1.0)), bar_h), 4, 4
            )
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawText(
                QRectF(self.width() - 50, top, 50, row_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                f"{round(share * 100)}%",
            )
        painter.end()


def ask_to_confirm(
    parent: QWidget,
    *,
    name: str,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    act: str,
    keep: str,
    on_act: Callable[[], None],
    on_close: Callable[[], None],
) -> QMessageBox:
    """A window-modal question whose safe answer (`keep`) is the default, so Enter or a
    stray double-click never starts or ends an exam. `on_act` runs only for `act`;
    `on_close` runs whatever was chosen."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(name)
    chosen = box.addButton(act, QMessageBox.ButtonRole.AcceptRole)
    safe = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(safe)
    box.setEscapeButton(safe)

    def decided(_code: int) -> None:
        on_close()
        if box.clickedButton() is chosen:
            on_act()

    box.finished.connect(decided)
    box.open()
    return box
