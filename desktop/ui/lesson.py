"""The lesson reader: rendered lesson, text size, language, mark as done, previous/next."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.widgets import heading

_CSS = """
h1 { font-size: 160%; margin-bottom: 8px; }
h2 { font-size: 130%; margin-top: 18px; }
h3 { font-size: 115%; }
blockquote { margin-left: 12px; color: #33506b; }
table { border-collapse: collapse; }
td, th { border: 1px solid #b8c4d0; padding: 4px 8px; }
code { background: #eef2f6; }
"""


class LessonScreen(QWidget):
    done_requested = Signal()
    previous_requested = Signal()
    next_requested = Signal()
    language_changed = Signal(str)
    font_size_changed = Signal(int)
    practice_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.title = heading(size=1.3)
        self.meta = QLabel()
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        self.browser.document().setDefaultStyleSheet(_CSS)
        self.language = QComboBox()
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.currentIndexChanged.connect(
            lambda: self.language_changed.emit(self.language.currentData())
        )
        self.smaller, self.larger = QPushButton("A−"), QPushButton("A+")
        self.smaller.clicked.connect(lambda: self._resize(-1))
        self.larger.clicked.connect(lambda: self._resize(+1))
        self.previous, self.next, self.done = QPushButton(), QPushButton(), QPushButton()
        self.practice = QPushButton()
        self.practice.clicked.connect(self.practice_requested)
        self.previous.clicked.connect(self.previous_requested)
        self.next.clicked.connect(self.next_requested)
        self.done.clicked.connect(self.done_requested)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.language)
        top.addWidget(self.smaller)
        top.addWidget(self.larger)
        bottom = QHBoxLayout()
        bottom.addWidget(self.previous)
        bottom.addStretch()
        bottom.addWidget(self.meta)
        bottom.addStretch()
        bottom.addWidget(self.practice)
        bottom.addWidget(self.done)
        bottom.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        layout.addLayout(bottom)
        self.font_size = 12
        self._done = False
        self.retranslate()

    def retranslate(self) -> None:
        self.previous.setText(self.tr("← &Previous"))
        self._show_next_label()
        self.practice.setText(self.tr("Check &yourself"))
        self.practice.setToolTip(self.tr("One question from this module's quiz, checked at once"))
        self._show_done_state()
        self.language.setAccessibleName(self.tr("Lesson language"))
        self.smaller.setAccessibleName(self.tr("Smaller text"))
        self.larger.setAccessibleName(self.tr("Larger text"))
        self.smaller.setToolTip(self.tr("Smaller text"))
        self.larger.setToolTip(self.tr("Larger text"))
        self.browser.setAccessibleName(self.tr("Lesson text"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_lesson(
        self,
        pack_path,
        rendered,
        lang: str,
        done: bool,
        has_previous: bool,
        has_next: bool,
        has_practice: bool = False,
        next_is_quiz: bool = False,
    ) -> None:
        self.title.setText(rendered.meta.title)
        self.meta.setText(self.tr("about %1 min").replace("%1", str(rendered.meta.minutes)))
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(lang)))
        self.language.blockSignals(False)
        self.browser.setSearchPaths([str(pack_path)])
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(pack_path) + "/"))
        self.browser.setHtml(rendered.html)
        self._apply_font()
        self.previous.setEnabled(has_previous)
        self.next.setEnabled(has_next or next_is_quiz)
        self._next_is_quiz = next_is_quiz
        self._show_next_label()
        self.practice.setVisible(has_practice)
        self._done = done
        self._show_done_state()
        self.browser.setFocus()

    def mark_done(self) -> None:
        self._done = True
        self._show_done_state()

    def set_font_size(self, size: int) -> None:
        self.font_size = size
        self._apply_font()

    def _show_next_label(self) -> None:
        # After a module's last lesson, Next leads to the module's quiz, not past it.
        quiz = getattr(self, "_next_is_quiz", False)
        self.next.setText(self.tr("&Module quiz →") if quiz else self.tr("&Next →"))

    def _show_done_state(self) -> None:
        self.done.setText(self.tr("✓ Done") if self._done else self.tr("Mark as &done"))
        self.done.setEnabled(not self._done)

    def _resize(self, step: int) -> None:
        self.font_size = min(max(self.font_size + step, 8), 32)
        self._apply_font()
        self.font_size_changed.emit(self.font_size)

    def _apply_font(self) -> None:
        font = self.browser.font()
        font.setPointSize(self.font_size)
        self.browser.setFont(font)
        self.browser.document().setDefaultFont(font)

    def _link(self, url: QUrl) -> None:
        if url.scheme() in ("https", "http", "mailto"):
            QDesktopServices.openUrl(url)
