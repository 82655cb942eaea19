"""Small widgets shared by the screens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hocvu.paths import resources_dir

_icons: dict[str, QIcon] = {}


def icon(name: str) -> QIcon:
    """resources/icons/<name>.svg (and <name>-selected.svg for a selected row, if any).
    QIcon reads and renders the files only when first painted, so making icons costs
    nothing before the unlock screen shows."""
    if name not in _icons:
        folder = resources_dir() / "icons"
        made = QIcon(str(folder / f"{name}.svg"))
        # Light marks on the dark navigation; dark ones on its white selected row.
        selected = folder / f"{name}-selected.svg"
        if selected.exists():
            made.addFile(str(selected), QSize(), QIcon.Mode.Selected)
        _icons[name] = made
    return _icons[name]


class IconsWhenShown(QObject):
    """Gives a list's rows their icons (`name_of(row)`) the first time the list shows:
    the SVG icon engine loads then, not before the unlock screen's first paint."""

    def __init__(self, view: QListWidget, name_of: Callable[[QListWidgetItem], str]) -> None:
        super().__init__(view)
        self.name_of = name_of
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QListWidget):
            watched.removeEventFilter(self)
            for row in range(watched.count()):
                entry = watched.item(row)
                entry.setIcon(icon(self.name_of(entry)))
        return False


def heading(text: str = "", size: float = 1.5) -> QLabel:
    """A heading on the type scale of resources/style.qss (display, title, section);
    the font set here is what shows without the stylesheet."""
    label = QLabel(text)
    label.setProperty("role", "display" if size >= 1.7 else "title" if size >= 1.4 else "section")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * size)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class StatusLine(QLabel):
    """A line under a form for what is happening (progress) or what went wrong (error).
    It keeps the height of `lines` lines whether empty or not, so a message appearing
    does not move the buttons under the learner's pointer."""

    def __init__(self, lines: int = 2) -> None:
        super().__init__()
        self.setObjectName("status")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._lines = lines
        self.setProperty("tone", "")
        self._reserve()

    def _reserve(self) -> None:
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * self._lines + 4)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self._reserve()

    def show_error(self, text: str) -> None:
        self._show(text, "error")

    def show_progress(self, text: str) -> None:
        self._show(text, "progress")

    def clear(self) -> None:
        self._show("", "")

    def tone(self) -> str:
        return str(self.property("tone") or "")

    def _show(self, text: str, tone: str) -> None:
        self.setText(text)
        if self.property("tone") != tone:
            self.setProperty("tone", tone)
            # A dynamic property changes the style only after a re-polish.
            self.style().unpolish(self)
            self.style().polish(self)


class EmptyState(QWidget):
    """What a screen shows when it has nothing to list: a picture, a sentence, and the
    next thing to do as a button (`action` is emitted when it is pressed)."""

    action = Signal()

    def __init__(self, picture: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("empty-state")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._picture = picture
        self.title = heading(size=1.2)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel()
        self.text.setObjectName("empty-text")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton()
        self.button.setProperty("primary", True)
        self.button.setAutoDefault(True)
        self.button.clicked.connect(self.action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch()
        layout.addWidget(self.picture)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.button)
        row.addStretch()
        layout.addLayout(row)
        layout.addStretch()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

    def resizeEvent(self, event) -> None:
        # A readable measure: on a wide screen the margins grow so the sentence wraps at
        # about 70 characters (a maximum width on a wrapping label would clip it).
        measure = self.fontMetrics().averageCharWidth() * 70
        side = max(24, (event.size().width() - measure) // 2)
        self.layout().setContentsMargins(side, 24, side, 24)
        super().resizeEvent(event)

    def set_texts(self, title: str, text: str, button: str = "") -> None:
        self.title.setText(title)
        self.text.setText(text)
        self.button.setText(button)
        self.button.setVisible(bool(button))
        self.setAccessibleName(title)
        self.setAccessibleDescription(text)

    def showEvent(self, event) -> None:
        if self.picture.pixmap().isNull():
            # Rendered from the SVG on first show, at the screen's pixel ratio.
            self.picture.setPixmap(icon(self._picture).pixmap(QSize(160, 120)))
        super().showEvent(event)


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
    for button in buttons:
        # Enter presses the focused button, as in a dialog; elsewhere it submits the form.
        if isinstance(button, QPushButton):
            button.setAutoDefault(True)
    box.addLayout(row)
    box.setContentsMargins(28, 24, 28, 24)
    box.setSpacing(10)
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


class NoLessons(EmptyState):
    """Home's and the library's empty state: no pack installed, and how to get one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("empty-library", parent)
        self.retranslate()

    def retranslate(self) -> None:
        self.set_texts(
            self.tr("No lessons installed yet"),
            self.tr(
                "Lessons come in content packs (.hvpack files) from your ministry: import "
                "one you were given, or connect to the ministry server in Settings to "
                "receive the packs assigned to you."
            ),
            self.tr("&Import a pack…"),
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


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
