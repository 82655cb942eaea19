"""The library: levels, modules and lessons with their state; quizzes and exams."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from content.localised import pick
from desktop.ui.names import Names
from desktop.ui.widgets import heading

ROLE = Qt.ItemDataRole.UserRole


class LibraryScreen(QWidget):
    lesson_requested = Signal(str, str, str)  # pack id, module id, slug
    quiz_requested = Signal(str, str)  # pack id, module id
    exam_requested = Signal(str)  # pack id

    def __init__(self) -> None:
        super().__init__()
        self.names = Names()
        self.title = heading()
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(self._selection_changed)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(lambda: self._activated(self.tree.currentItem(), 0))
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)
        self._last = None
        self._exam_closed: set[str] = set()
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Library"))
        self.tree.setHeaderLabels([self.tr("Content"), self.tr("State")])
        self.tree.setAccessibleName(self.tr("Levels, modules and lessons"))
        self.open_button.setText(self.tr("&Open"))
        if self._last is not None:
            self.show_data(*self._last)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_data(self, catalog, progress, lang: str, exams=None) -> None:
        """`exams`: `desktop.home_data.ExamLine`s, for each exam's state and whether an
        attempt may start now (the window says why not when one is asked for)."""
        self._last = (catalog, progress, lang, exams)
        lines = {line.pack_id: line for line in exams or ()}
        self._exam_closed = {pack_id for pack_id, line in lines.items() if not line.gate.open}
        expanded = {
            self.tree.topLevelItem(i).text(0): self.tree.topLevelItem(i).isExpanded()
            for i in range(self.tree.topLevelItemCount())
        }
        self.tree.clear()
        levels: dict[int, QTreeWidgetItem] = {}
        for module in catalog.modules():
            level_item = levels.get(module.level)
            if level_item is None:
                level_item = QTreeWidgetItem([self.names.level(module.level), ""])
                level_progress = progress.levels.get(module.level) if progress else None
                if level_progress is not None:
                    level_item.setText(1, f"{round(level_progress.fraction * 100)}%")
                self.tree.addTopLevelItem(level_item)
                levels[module.level] = level_item
            key = (module.pack_id, module.module_id)
            state = progress.modules.get(key) if progress else None
            module_item = QTreeWidgetItem(
                [
                    pick(module.title, lang),
                    self.names.module_state(state.mastered, state.skipped, state.fraction)
                    if state
                    else "",
                ]
            )
            level_item.addChild(module_item)
            for lesson in module.lessons:
                lesson_state = (
                    progress.lessons.get((module.pack_id, lesson["slug"])) if progress else None
                )
                item = QTreeWidgetItem(
                    [
                        f"{pick(lesson['title'], lang)} · "
                        + self.tr("%1 min").replace("%1", str(lesson["minutes"])),
                        self.names.lesson_state(lesson_state.state.value) if lesson_state else "",
                    ]
                )
                item.setData(0, ROLE, ("lesson", module.pack_id, module.module_id, lesson["slug"]))
                module_item.addChild(item)
            if module.quiz:
                quiz_item = QTreeWidgetItem([self.tr("Module quiz"), ""])
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
            exam_item = QTreeWidgetItem([self.tr("Level exam"), state])
            if line is not None and not line.gate.open:
                exam_item.setToolTip(1, self.names.exam_gate(line.gate))
            exam_item.setData(0, ROLE, ("exam", pack.pack_id, "", ""))
            level_item.addChild(exam_item)
        for item in levels.values():
            item.setExpanded(expanded.get(item.text(0), True))
        self.tree.resizeColumnToContents(1)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)

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
