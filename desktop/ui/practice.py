"""The question a lesson ends with: one item of the module quiz's pool, checked at once.

It is a self-check: nothing is recorded, so it neither earns nor costs progress; the
module quiz is where answers count."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from content.forms import FormItem
from content.grading import grade
from content.localised import pick
from content.quiz import Item
from desktop.ui.items import FeedbackLabel, item_widget
from desktop.ui.widgets import heading


class PracticeDialog(QDialog):
    def __init__(self, item: Item, drawn: FormItem, lang: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.item, self.lang = item, lang
        self.setWindowTitle(self.tr("Check yourself"))
        self.setMinimumWidth(560)
        title = heading(self.tr("Check yourself"), size=1.2)
        hint = QLabel(
            self.tr(
                "One question from this module's quiz. Nothing is recorded: "
                "the module quiz is where answers count."
            )
        )
        hint.setWordWrap(True)
        self.prompt = QLabel(pick(item.prompt, lang))
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setAccessibleName(self.tr("Question"))
        self.widget = item_widget(item, lang, drawn.order)
        self.feedback = FeedbackLabel()
        self.check = QPushButton(self.tr("&Check"))
        self.check.setDefault(True)
        self.check.clicked.connect(self._check)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.prompt)
        column.addWidget(self.widget)
        column.addWidget(self.feedback)
        column.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        # Our own Close: a standard button would keep Qt's English text.
        close = QPushButton(self.tr("C&lose"))
        close.clicked.connect(self.reject)
        buttons = QDialogButtonBox()
        buttons.addButton(self.check, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def _check(self) -> None:
        if not self.widget.has_response():
            self.feedback.setText(self.tr("Choose or type an answer first."))
            self.feedback.setProperty("correct", None)
            self.feedback.setVisible(True)
            return
        self.feedback.show_grade(
            self.item, grade(self.item, self.widget.response(), self.lang), self.lang
        )
        # As in practice quizzes, the first answer stands.
        self.widget.setEnabled(False)
        self.check.setEnabled(False)
