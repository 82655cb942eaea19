"""Search across installed lessons, as you type, without needing the right accents."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.ui.widgets import heading


class SearchScreen(QWidget):
    query_changed = Signal(str)
    lesson_requested = Signal(str, str)  # pack id, slug

    def __init__(self) -> None:
        super().__init__()
        self.title = heading()
        self.field = QLineEdit()
        self.field.setClearButtonEnabled(True)
        self.status = QLabel()
        self.results = QListWidget()
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self._open)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(lambda: self.query_changed.emit(self.field.text()))
        self.field.textChanged.connect(self._debounce.start)
        self.field.returnPressed.connect(lambda: self.query_changed.emit(self.field.text()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.field)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Search"))
        self.field.setPlaceholderText(self.tr("Words to find, with or without accents"))
        self.field.setAccessibleName(self.tr("Search lessons"))
        self.results.setAccessibleName(self.tr("Search results"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_hits(self, hits) -> None:
        self.results.clear()
        for hit in hits:
            entry = QListWidgetItem(f"{hit.title}\n{hit.snippet}")
            entry.setData(Qt.ItemDataRole.UserRole, (hit.pack_id, hit.slug))
            self.results.addItem(entry)
        if self.field.text().strip():
            self.status.setText(self.tr("%n lesson(s) found.", "", len(hits)))
        else:
            self.status.clear()

    def _open(self, entry: QListWidgetItem) -> None:
        pack_id, slug = entry.data(Qt.ItemDataRole.UserRole)
        self.lesson_requested.emit(pack_id, slug)
