"""Search across installed lessons, as you type, without needing the right accents.

Each result shows the lesson's title in bold, where it sits (level · module) and a
passage, with the words searched for marked. Down from the search box moves into the
results, Up from the first result back to the box; Enter opens the lesson.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStackedLayout,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from content.localised import pick
from desktop.ui.names import Names
from desktop.ui.widgets import EmptyState, heading

TARGET = Qt.ItemDataRole.UserRole  # (pack id, slug)
RICH = Qt.ItemDataRole.UserRole + 1  # the row as HTML: title, context, passage
_PAD = 8


def _palette_colour(name: str, fallback: str) -> str:
    """A colour of the palette in use (resources/style.qss), for text Qt draws as HTML."""
    from desktop.theme import LIGHT, load_design

    app = QApplication.instance()
    variant = str(app.property("hocvu_theme") or LIGHT) if app else LIGHT
    try:
        return load_design().palettes[variant].get(name, fallback)
    except (OSError, ValueError):
        return fallback


class ResultDelegate(QStyledItemDelegate):
    """Draws a result's HTML (bold title, muted context, marked terms) in its row."""

    def _document(self, option: QStyleOptionViewItem, index) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(_PAD)
        document.setHtml(str(index.data(RICH) or ""))
        document.setTextWidth(max(option.rect.width(), 200))
        return document

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        plain = QStyleOptionViewItem(option)
        self.initStyleOption(plain, index)
        plain.text = ""
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, widget)
        document = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(option.rect.translated(-option.rect.topLeft()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        width = option.widget.viewport().width() if option.widget else 600
        option = QStyleOptionViewItem(option)
        option.rect.setWidth(width)
        document = self._document(option, index)
        return QSize(width, int(document.size().height()) + 2)


class SearchScreen(QWidget):
    query_changed = Signal(str)
    lesson_requested = Signal(str, str)  # pack id, slug

    def __init__(self) -> None:
        super().__init__()
        self.names = Names()
        self.title = heading()
        self.field = QLineEdit()
        self.field.setClearButtonEnabled(True)
        self.status = QLabel()
        self.results = QListWidget()
        self.results.setWordWrap(True)
        self.results.setItemDelegate(ResultDelegate(self.results))
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.results.itemActivated.connect(self._open)
        self.empty = EmptyState("empty-search")
        self.empty.action.connect(self._start_again)
        self._keys = _Keys(self)
        self.field.installEventFilter(self._keys)
        self.results.installEventFilter(self._keys)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(lambda: self.query_changed.emit(self.field.text()))
        self.field.textChanged.connect(self._debounce.start)
        self.field.returnPressed.connect(lambda: self.query_changed.emit(self.field.text()))
        self.pages = QStackedLayout()
        self.pages.addWidget(self.results)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.field)
        layout.addWidget(self.status)
        layout.addLayout(self.pages, 1)
        self._shown: tuple = ((), "", None, "vi")
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Search"))
        self.field.setPlaceholderText(self.tr("Words to find, with or without accents"))
        self.field.setAccessibleName(self.tr("Search lessons"))
        self.field.setAccessibleDescription(
            self.tr("Press Down to move to the results, Enter to open one.")
        )
        self.results.setAccessibleName(self.tr("Search results"))
        self.empty.set_texts(
            self.tr("No lesson found"),
            self.tr("Try fewer words or other words; accents are not needed."),
            self.tr("&Clear the search"),
        )
        if self._shown[0]:
            self.show_hits(*self._shown)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_hits(self, hits, query: str | None = None, catalog=None, lang: str = "vi") -> None:
        """`hits`: `desktop.search.Hit`s for `query` (the box's text if not given);
        `catalog` places each lesson in its level and module."""
        query = self.field.text() if query is None else query
        self._shown = (tuple(hits), query, catalog, lang)
        self.results.clear()
        for hit in hits:
            entry = QListWidgetItem(f"{hit.title}\n{hit.snippet}")
            entry.setData(TARGET, (hit.pack_id, hit.slug))
            where = self._where(hit, catalog, lang)
            entry.setData(RICH, self._html(hit, where, query))
            entry.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                " · ".join(part for part in (hit.title, where, hit.snippet) if part),
            )
            self.results.addItem(entry)
        searched = bool(query.strip())
        self.status.setText(self.tr("%n lesson(s) found.", "", len(hits)) if searched else "")
        self.pages.setCurrentIndex(1 if searched and not hits else 0)

    def _where(self, hit, catalog, lang: str) -> str:
        module = catalog.find_module_of(hit.pack_id, hit.slug) if catalog is not None else None
        if module is None:
            return ""
        return f"{self.names.level(module.level)} · {pick(module.title, lang)}"

    @staticmethod
    def _html(hit, where: str, query: str) -> str:
        # Here, not at the top: desktop.search loads the pack reader, which the unlock
        # screen must not wait for (tests/desktop/test_start_modules.py).
        from desktop.search import marked

        mark = _palette_colour("mark", "#fff1a8")

        def marked_html(text: str) -> str:
            return "".join(
                f'<span style="background:{mark}; color:#000000">{html.escape(piece)}</span>'
                if is_term
                else html.escape(piece)
                for piece, is_term in marked(text, query)
            )

        parts = [f"<b>{marked_html(hit.title)}</b>"]
        if where:
            parts.append(f"<small>{html.escape(where)}</small>")
        parts.append(marked_html(hit.snippet))
        return "<br>".join(parts)

    def _open(self, entry: QListWidgetItem) -> None:
        pack_id, slug = entry.data(TARGET)
        self.lesson_requested.emit(pack_id, slug)

    def _start_again(self) -> None:
        self.field.clear()
        self.field.setFocus()

    def into_results(self) -> bool:
        if self.results.count() == 0:
            return False
        self.results.setFocus()
        if self.results.currentRow() < 0:
            self.results.setCurrentRow(0)
        return True


class _Keys(QObject):
    """Down from the box into the results; Up from the first result back to the box."""

    def __init__(self, screen: SearchScreen) -> None:
        super().__init__(screen)
        self.screen = screen

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        screen = self.screen
        if watched is screen.field and event.key() == Qt.Key.Key_Down:
            return screen.into_results()
        if (
            watched is screen.results
            and event.key() == Qt.Key.Key_Up
            and screen.results.currentRow() <= 0
        ):
            screen.field.setFocus()
            return True
        return False
