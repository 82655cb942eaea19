"""The library: levels, modules and lessons with their progress; quizzes and exams.

The tree is rebuilt from the learner's progress each time the screen shows; what the
learner opened and closed, the selected row and the scroll position are kept by each
row's identity (level, module, lesson), so coming back finds the tree as it was left.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QStackedLayout,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from content.localised import pick
from desktop.ui.names import Names
from desktop.ui.widgets import NoLessons, heading, icon

ROLE = Qt.ItemDataRole.UserRole
KEY = Qt.ItemDataRole.UserRole + 1  # the row's identity, for expansion and selection
SHARE = Qt.ItemDataRole.UserRole + 2  # 0..1 drawn as a bar in the progress column
SHOWN = Qt.ItemDataRole.UserRole + 3  # the text drawn beside the bar (the state and counts)
BAR_WIDTH = 72


class ProgressDelegate(QStyledItemDelegate):
    """The progress column: a small bar for rows that have a share, then the text."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        share = index.data(SHARE)
        if share is None:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget else None
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if style is not None:
            plain = QStyleOptionViewItem(option)
            self.initStyleOption(plain, index)
            plain.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, option.widget)
        palette = option.palette
        accent = palette.color(QPalette.ColorRole.Highlight)
        ink = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        rect = option.rect.adjusted(6, 0, -4, 0)
        height = max(6, option.fontMetrics.height() // 2)
        bar = QRectF(rect.left(), rect.center().y() - height / 2, BAR_WIDTH, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        track = QColor(ink if selected else accent)
        track.setAlpha(60)
        painter.setBrush(track)
        painter.drawRoundedRect(bar, height / 2, height / 2)
        painter.setBrush(ink if selected else accent)
        filled = QRectF(bar)
        filled.setWidth(BAR_WIDTH * max(0.0, min(float(share), 1.0)))
        if filled.width() > 0:
            painter.drawRoundedRect(filled, height / 2, height / 2)
        painter.setPen(ink)
        text_rect = rect.adjusted(BAR_WIDTH + 10, 0, 0, 0)
        text = option.fontMetrics.elidedText(
            str(index.data(SHOWN) or index.data(Qt.ItemDataRole.DisplayRole) or ""),
            Qt.TextElideMode.ElideRight,
            text_rect.width(),
        )
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(SHARE) is not None:
            shown = str(index.data(SHOWN) or "")
            size.setWidth(option.fontMetrics.horizontalAdvance(shown) + BAR_WIDTH + 24)
        return size


class LibraryScreen(QWidget):
    lesson_requested = Signal(str, str, str)  # pack id, module id, slug
    quiz_requested = Signal(str, str)  # pack id, module id
    exam_requested = Signal(str)  # pack id
    import_requested = Signal()  # the empty library's "Import a pack…"

    def __init__(self) -> None:
        super().__init__()
        self.names = Names()
        self.title = heading()
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setIconSize(QSize(18, 18))
        self.tree.setItemDelegateForColumn(1, ProgressDelegate(self.tree))
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(self._selection_changed)
        self.tree.itemExpanded.connect(lambda item: self._opened(item, True))
        self.tree.itemCollapsed.connect(lambda item: self._opened(item, False))
        self.open_button = QPushButton()
        self.open_button.clicked.connect(lambda: self._activated(self.tree.currentItem(), 0))
        self.empty = NoLessons()
        self.empty.action.connect(self.import_requested)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.open_button)
        listing = QWidget()
        column = QVBoxLayout(listing)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.tree)
        column.addLayout(buttons)
        self.pages = QStackedLayout()
        self.pages.addWidget(listing)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.pages, 1)
        self._last = None
        self._exam_closed: set[str] = set()
        # Rows the learner opened or closed (by identity); levels start open.
        self._expanded: dict[tuple, bool] = {}
        self._building = False
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Library"))
        self.tree.setHeaderLabels([self.tr("Content"), self.tr("Progress")])
        self.tree.setAccessibleName(self.tr("Levels, modules and lessons"))
        self.open_button.setText(self.tr("&Open"))
        self.empty.retranslate()
        if self._last is not None:
            self.show_data(*self._last)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _opened(self, item: QTreeWidgetItem, expanded: bool) -> None:
        if not self._building and item.data(0, KEY) is not None:
            self._expanded[item.data(0, KEY)] = expanded

    def show_data(self, catalog, progress, lang: str, exams=None) -> None:
        """`exams`: `desktop.home_data.ExamLine`s, for each exam's state and whether an
        attempt may start now (the window says why not when one is asked for)."""
        self._last = (catalog, progress, lang, exams)
        lines = {line.pack_id: line for line in exams or ()}
        self._exam_closed = {pack_id for pack_id, line in lines.items() if not line.gate.open}
        current = self.tree.currentItem()
        current_key = current.data(0, KEY) if current is not None else None
        scroll = self.tree.verticalScrollBar().value()
        self._building = True
        self.tree.clear()
        levels: dict[int, QTreeWidgetItem] = {}
        modules: list[QTreeWidgetItem] = []
        for module in catalog.modules():
            level_item = levels.get(module.level)
            if level_item is None:
                level_item = self._row(("level", module.level), self.names.level(module.level))
                level_item.setIcon(0, icon("type-level"))
                level_progress = progress.levels.get(module.level) if progress else None
                if level_progress is not None:
                    share = f"{round(level_progress.fraction * 100)}%"
                    self._progress(level_item, level_progress.fraction, share, share)
                self.tree.addTopLevelItem(level_item)
                levels[module.level] = level_item
            key = (module.pack_id, module.module_id)
            state = progress.modules.get(key) if progress else None
            module_item = self._row(("module", *key), pick(module.title, lang))
            module_item.setIcon(0, icon("type-module"))
            if state is not None:
                words = self.names.module_state(state.mastered, state.skipped, state.fraction)
                count = (
                    self.tr("%1/%2 lessons")
                    .replace("%1", str(state.lessons_done))
                    .replace("%2", str(len(module.lessons)))
                )
                self._progress(module_item, state.fraction, words, f"{count} · {words}")
            level_item.addChild(module_item)
            modules.append(module_item)
            for lesson in module.lessons:
                lesson_state = (
                    progress.lessons.get((module.pack_id, lesson["slug"])) if progress else None
                )
                done = lesson_state is not None and lesson_state.state.value == "done"
                item = self._row(
                    ("lesson", module.pack_id, lesson["slug"]),
                    f"{pick(lesson['title'], lang)} · "
                    + self.tr("%1 min").replace("%1", str(lesson["minutes"])),
                )
                item.setIcon(0, icon("type-lesson-done" if done else "type-lesson"))
                if lesson_state is not None:
                    item.setText(1, self.names.lesson_state(lesson_state.state.value))
                item.setData(0, ROLE, ("lesson", module.pack_id, module.module_id, lesson["slug"]))
                module_item.addChild(item)
            if module.quiz:
                quiz_item = self._row(("quiz", *key), self.tr("Module quiz"))
                quiz_item.setIcon(0, icon("type-quiz"))
                if state and state.best_score is not None:
                    quiz_item.setText(
                        1, self.tr("best %1%").replace("%1", str(round(state.best_score * 100)))
                    )
                quiz_item.setData(0, ROLE, ("quiz", module.pack_id, module.module_id, ""))
                module_item.addChild(quiz_item)
        for pack, exam in catalog.exams():
            level_item = levels.get(exam.get("level") or 0)
            if level_item is None:
                continue
            level_progress = progress.levels.get(exam["level"]) if progress else None
            line = lines.get(pack.pack_id)
            state = self.names.exam_state(line) if line is not None else ""
            if level_progress and level_progress.exam_passed:
                state = self.tr("passed")
            exam_item = self._row(("exam", pack.pack_id), self.tr("Level exam"))
            exam_item.setIcon(0, icon("type-exam"))
            exam_item.setText(1, state)
            if line is not None and not line.gate.open:
                exam_item.setToolTip(1, self.names.exam_gate(line.gate))
            exam_item.setData(0, ROLE, ("exam", pack.pack_id, "", ""))
            level_item.addChild(exam_item)
        for item in [*levels.values(), *modules]:
            item.setExpanded(self._expanded.get(item.data(0, KEY), item in levels.values()))
        self._building = False
        self.pages.setCurrentIndex(0 if levels else 1)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        self.tree.resizeColumnToContents(1)
        self.tree.setColumnWidth(1, max(self.tree.columnWidth(1), 240))
        found = self._find(current_key) if current_key is not None else None
        if found is not None:
            self.tree.setCurrentItem(found)
        self.tree.verticalScrollBar().setValue(scroll)

    @staticmethod
    def _row(key: tuple, text: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text, ""])
        item.setData(0, KEY, key)
        return item

    @staticmethod
    def _progress(item: QTreeWidgetItem, share: float, text: str, shown: str) -> None:
        item.setText(1, text)
        item.setData(1, SHARE, share)
        item.setData(1, SHOWN, shown)
        item.setData(1, Qt.ItemDataRole.AccessibleTextRole, shown)

    def _find(self, key: tuple) -> QTreeWidgetItem | None:
        pending = [self.tree.topLevelItem(n) for n in range(self.tree.topLevelItemCount())]
        while pending:
            item = pending.pop()
            if item.data(0, KEY) == key:
                return item
            pending.extend(item.child(n) for n in range(item.childCount()))
        return None

    def _selection_changed(self, current, _previous) -> None:
        target = current.data(0, ROLE) if current else None
        closed = bool(target) and target[0] == "exam" and target[1] in self._exam_closed
        self.open_button.setEnabled(bool(target) and not closed)

    def _activated(self, item, _column) -> None:
        target = item.data(0, ROLE) if item else None
        if not target:
            return
        kind, pack_id, module_id, slug = target
        if kind == "lesson":
            self.lesson_requested.emit(pack_id, module_id, slug)
        elif kind == "quiz":
            self.quiz_requested.emit(pack_id, module_id)
        else:
            self.exam_requested.emit(pack_id)
