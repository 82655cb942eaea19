"""The review screen: one card at a time from every installed pack, then a summary.

The learner answers, checks (Enter), reads whether it was right with the explanation,
and grades how well they knew it: Again, Hard, Good or Easy (buttons or keys 1–4),
each button saying when the card comes back, as in Anki. A wrong answer suggests
Again (the suggested button has the focus, so Space takes it). The session itself
(what is due, what a grade does, surviving a lock) is `desktop.review_session`; this
screen only shows and asks, through signals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from content.grading import Grade
from content.localised import pick
from content.quiz import Item
from desktop.ui.items import FeedbackLabel, ItemWidget, item_widget
from desktop.ui.review_times import ReviewTimes
from desktop.ui.widgets import centred_card, heading

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4  # as desktop.review_session records them
NAMES = ("again", "hard", "good", "easy")
DIGITS = {Qt.Key.Key_1: AGAIN, Qt.Key.Key_2: HARD, Qt.Key.Key_3: GOOD, Qt.Key.Key_4: EASY}


class ReviewScreen(QWidget):
    check_requested = Signal(object)  # the response (None: show the answer)
    rate_requested = Signal(int)  # 1 Again … 4 Easy
    home_requested = Signal()
    library_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.lang = "vi"
        self.times = ReviewTimes(self)
        self.widget: ItemWidget | None = None
        self.item: Item | None = None
        self._position = (0, 0)
        self._checked: tuple[Grade, dict[int, timedelta], int | None] | None = None
        self._summary = None

        self.title = heading(size=1.4)
        self.position = QLabel()
        self.position.setObjectName("review-position")
        self.context = QLabel()
        self.context.setProperty("role", "hint")
        self.context.setWordWrap(True)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        font = self.prompt.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.prompt.setFont(font)
        self.item_area = QVBoxLayout()
        self.feedback = FeedbackLabel()
        self.hint = QLabel()
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)

        self.reveal, self.check = QPushButton(), QPushButton()
        self.check.setProperty("primary", True)
        self.check.clicked.connect(self._check)
        self.reveal.clicked.connect(lambda: self._ask(None))
        self.grades: dict[int, QPushButton] = {}
        grade_row = QHBoxLayout()
        grade_row.setContentsMargins(0, 0, 0, 0)
        for rating, name in zip((AGAIN, HARD, GOOD, EASY), NAMES, strict=True):
            button = QPushButton()
            button.setObjectName(f"grade-{name}")
            button.setMinimumWidth(130)
            button.clicked.connect(lambda _=False, r=rating: self._rate(r))
            self.grades[rating] = button
            grade_row.addWidget(button)
        self.grade_bar = QWidget()
        self.grade_bar.setLayout(grade_row)
        check_row = QHBoxLayout()
        check_row.setContentsMargins(0, 0, 0, 0)
        check_row.addWidget(self.reveal)
        check_row.addStretch()
        check_row.addWidget(self.check)
        self.check_bar = QWidget()
        self.check_bar.setLayout(check_row)
        self.bars = QStackedWidget()
        self.bars.addWidget(self.check_bar)
        self.bars.addWidget(self.grade_bar)

        question = QWidget()
        body = QVBoxLayout(question)
        body.addWidget(self.context)
        body.addWidget(self.prompt)
        body.addLayout(self.item_area)
        body.addWidget(self.feedback)
        body.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(question)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.position)
        asking = QWidget()
        layout = QVBoxLayout(asking)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.bars)

        self.done_title = heading(size=1.6)
        self.done_text = QLabel()
        self.done_text.setWordWrap(True)
        self.counts = QGridLayout()
        self.count_labels: dict[int, tuple[QLabel, QLabel]] = {}
        for column, rating in enumerate((AGAIN, HARD, GOOD, EASY)):
            number, name = heading(size=1.5), QLabel()
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            name.setAlignment(Qt.AlignmentFlag.AlignCenter)
            name.setProperty("role", "hint")
            self.counts.addWidget(number, 0, column)
            self.counts.addWidget(name, 1, column)
            self.count_labels[rating] = (number, name)
        self.next_due = QLabel()
        self.next_due.setWordWrap(True)
        self.next_due.setObjectName("review-next-due")
        self.home_button, self.library_button = QPushButton(), QPushButton()
        self.home_button.setProperty("primary", True)
        self.home_button.clicked.connect(self.home_requested)
        self.library_button.clicked.connect(self.library_requested)
        done = QWidget()
        centred_card(
            done,
            [self.done_title, self.done_text, self.counts, self.next_due],
            (self.library_button, self.home_button),
            560,
        )

        self.pages = QStackedWidget()
        self.pages.addWidget(asking)
        self.pages.addWidget(done)
        QVBoxLayout(self).addWidget(self.pages)

        self.retranslate()

    # --- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("Review"))
        self.check.setText(self.tr("C&heck"))
        self.reveal.setText(self.tr("I don't know — &show the answer"))
        self.home_button.setText(self.tr("Back to &Home"))
        self.library_button.setText(self.tr("Go to the &library"))
        self.prompt.setAccessibleName(self.tr("Question"))
        self.feedback.setAccessibleName(self.tr("Whether your answer was right"))
        for rating, (_, name) in self.count_labels.items():
            name.setText(self._grade_name(rating))
        self._update_position()
        self._update_grades()
        if self._summary is not None:
            self.show_summary(self._summary)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _grade_name(self, rating: int) -> str:
        return {
            AGAIN: self.tr("Again"),
            HARD: self.tr("Hard"),
            GOOD: self.tr("Good"),
            EASY: self.tr("Easy"),
        }[rating]

    # --- one card ---------------------------------------------------------------------

    def show_card(
        self, item: Item, order: Sequence[str], done: int, total: int, context: str, lang: str
    ) -> None:
        """Ask card `done + 1` of `total`; `context` says where it comes from."""
        self.lang, self.item, self._summary, self._checked = lang, item, None, None
        self._position = (done + 1, total)
        self.pages.setCurrentIndex(0)
        self.context.setText(context)
        self.prompt.setText(pick(item.prompt, lang))
        if self.widget is not None:
            self.widget.setParent(None)
            self.widget.deleteLater()
        self.widget = item_widget(item, lang, order)
        self.item_area.addWidget(self.widget)
        self.feedback.reset()
        self.widget.setEnabled(True)
        self.bars.setCurrentWidget(self.check_bar)
        self.check.setEnabled(True)
        self.reveal.setEnabled(True)
        self._update_position()
        self.hint.setText(self.tr("Answer, then check (Enter)."))
        first = self.widget.findChild(QWidget)
        (first or self.widget).setFocus()

    def show_checked(
        self,
        checked: Grade,
        previews: Mapping[int, timedelta],
        suggested: int | None,
        response=None,
    ) -> None:
        """The answer was checked: say whether it was right, then ask for a grade."""
        self._checked = (checked, dict(previews), suggested)
        if response is not None and self.widget is not None:
            self.widget.set_response(response)
        if self.widget is not None:
            self.widget.setEnabled(False)
        self.feedback.show_grade(self.item, checked, self.lang)
        self.bars.setCurrentWidget(self.grade_bar)
        self.hint.setText(
            self.tr(
                "How well did you know it? Press 1–4 or a button; the suggestion has the focus."
            )
        )
        self._update_grades()
        if suggested in self.grades:
            self.grades[suggested].setFocus()

    def _update_position(self) -> None:
        shown, total = self._position
        self.position.setText(
            self.tr("Question %1 of %2").replace("%1", str(shown)).replace("%2", str(total))
            if total
            else ""
        )

    def _update_grades(self) -> None:
        checked = self._checked
        for rating, button in self.grades.items():
            wait = checked[1].get(rating) if checked is not None else None
            name = self._grade_name(rating)
            text = f"{rating}  {name}"
            if wait is not None:
                text += "\n" + self.times.interval(wait)
            button.setText(text)
            suggested = checked is not None and checked[2] == rating
            button.setProperty("primary", suggested)
            button.style().unpolish(button)
            button.style().polish(button)
            button.setAccessibleName(name)
            button.setAccessibleDescription(
                self.tr("Comes back in %1").replace("%1", self.times.interval(wait))
                if wait is not None
                else ""
            )
            button.setEnabled(checked is not None)

    def _check(self) -> None:
        if self.widget is None or self._checked is not None:
            return
        if not self.widget.has_response():
            self.feedback.setText(self.tr("Choose or type an answer first."))
            self.feedback.setProperty("correct", None)
            self.feedback.setVisible(True)
            return
        self._ask(self.widget.response())

    def _ask(self, response) -> None:
        if self._checked is not None or not self.check.isEnabled():
            return
        # Once asked, the answer stands: no second check while the first is on its way.
        self.check.setEnabled(False)
        self.reveal.setEnabled(False)
        self.check_requested.emit(response)

    def _rate(self, rating: int) -> None:
        if self._checked is None or not self.grades[rating].isEnabled():
            return
        for button in self.grades.values():
            button.setEnabled(False)  # graded once: the next card re-enables them
        self.rate_requested.emit(rating)

    def keyPressEvent(self, event) -> None:
        """Enter checks the answer, then takes the suggested grade; 1–4 grade. Keys reach
        here when the focused widget leaves them (buttons and choices do; a text answer
        keeps its digits, and grades only show once it is locked)."""
        key = event.key()
        if self.pages.currentIndex() != 0:
            super().keyPressEvent(event)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._checked is None:
                self._check()
            elif self._checked[2] is not None:
                self._rate(self._checked[2])
        elif key in DIGITS and self._checked is not None:
            self._rate(DIGITS[key])
        else:
            super().keyPressEvent(event)

    # --- the end ----------------------------------------------------------------------

    def show_summary(self, summary) -> None:
        """`summary` is a `desktop.review_session.ReviewSummary`."""
        self._summary, self._checked = summary, None
        self.pages.setCurrentIndex(1)
        self.done_title.setText(self.tr("Review done"))
        self.done_text.setText(
            self.tr("You reviewed %n question(s).", "", summary.reviewed)
            + " "
            + self.tr("Right at the first answer: %1 of %2.")
            .replace("%1", str(summary.right))
            .replace("%2", str(summary.reviewed))
        )
        for rating, (number, _) in self.count_labels.items():
            number.setText(str(summary.by_rating.get(rating, 0)))
        if summary.next_due is None:
            self.next_due.setText(self.tr("Nothing else is scheduled for review."))
        else:
            self.next_due.setText(
                self.tr("Next review: %1 (in %2).")
                .replace("%1", self.times.when(summary.next_due))
                .replace("%2", self.times.interval(summary.next_due - datetime.now().astimezone()))
            )
        self.home_button.setFocus()
