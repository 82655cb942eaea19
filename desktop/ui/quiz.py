"""Quiz, exam and placement test: an introduction, one question at a time, the result.

Practice mode checks each answer at once; the first answer counts, so a checked item
is locked, and a wrong one shows the right answer and the explanation. The placement
test goes area by area ("Area 2 of 6 · 5/16") and can be left and continued; it
shows a summary by area at the end. A level exam shows nothing of its keys, ever: it
is submitted (after a confirmation that says what is unanswered) for the ministry
server to grade, and the result arrives with a sync. Answers are recorded as they are
given, so an interrupted attempt (a lock, a closed lid) resumes with the same items in
the same order. The introduction and result pages are `quiz_intro` and `quiz_result`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from content.localised import pick
from desktop.quiz_launch import Launch, QuizIntro, suspended
from desktop.quiz_run import QuizResult, QuizRun
from desktop.ui.items import FeedbackLabel, ItemWidget, item_widget
from desktop.ui.names import Names
from desktop.ui.quiz_intro import IntroPage
from desktop.ui.quiz_result import ResultPage
from desktop.ui.widgets import ask_to_confirm, heading


class QuizScreen(QWidget):
    """Three pages: the introduction (`IntroPage`), the questions, the result
    (`ResultPage`). It starts nothing itself: Start asks the quiz launcher
    (desktop/operations/quizzes.py) for the run, which it then shows."""

    closed = Signal(bool)  # True when the attempt was finished
    start_requested = Signal(object)  # the introduction's Launch, confirmed
    retry_requested = Signal()
    finished = Signal(object)  # the QuizResult, once recorded
    left = Signal()  # the placement test left to be continued later

    def __init__(self, run_on_db: Callable) -> None:
        super().__init__()
        self._db = run_on_db  # (work, done) -> runs work on the store's worker thread
        self.run: QuizRun | None = None
        self.lang = "vi"
        self.index = 0
        self.widget: ItemWidget | None = None
        self.title = heading(size=1.3)
        self.position = QLabel()
        self.clock = QLabel()
        self.clock.setObjectName("clock")
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        font = self.prompt.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.prompt.setFont(font)
        self.item_area = QVBoxLayout()
        self.feedback = FeedbackLabel()
        self.section = QLabel()  # the placement test's area
        self.section.setObjectName("quiz-section")
        self.names = Names()
        self.launch: Launch | None = None
        self.previous, self.check, self.next, self.finish = (QPushButton() for _ in range(4))
        self.leave = QPushButton()
        self.leave.clicked.connect(self._leave)
        self.previous.clicked.connect(lambda: self._go(self.index - 1))
        self.check.clicked.connect(self._check)
        self.next.clicked.connect(self._next)
        self.finish.clicked.connect(self._finish)
        question = QWidget()
        body = QVBoxLayout(question)
        body.addWidget(self.section)
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
        header.addWidget(self.clock)
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous)
        buttons.addWidget(self.leave)
        buttons.addStretch()
        buttons.addWidget(self.check)
        buttons.addWidget(self.next)
        buttons.addWidget(self.finish)
        asking = QWidget()
        layout = QVBoxLayout(asking)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        self.results = ResultPage()
        self.results.back_requested.connect(lambda: self.closed.emit(True))
        self.results.retry_requested.connect(self.retry_requested)
        # The names the tests and the window know the result page by.
        self.result_title, self.result_text = self.results.title, self.results.text
        self.review_label, self.review_list = self.results.review_label, self.results.review_list
        self.back, self.retry = self.results.back, self.results.retry
        self.intro = IntroPage()
        self.intro.start_requested.connect(self._start_pressed)
        self.intro.cancel_requested.connect(lambda: self.closed.emit(False))

        self.pages = QStackedWidget()
        self.pages.addWidget(asking)
        self.pages.addWidget(self.results)
        self.pages.addWidget(self.intro)
        QVBoxLayout(self).addWidget(self.pages)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.result: QuizResult | None = None
        self.confirm_box: QMessageBox | None = None
        self.retranslate()

    # --- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.previous.setText(self.tr("← &Previous"))
        self.check.setText(self.tr("C&heck"))
        self.next.setText(self.tr("&Next →"))
        exam = self.run is not None and not self.run.graded_here
        self.finish.setText(self.tr("&Submit the exam…") if exam else self.tr("&Finish"))
        self.leave.setText(self.tr("Save and &leave"))
        self.leave.setToolTip(self.tr("Your answers are kept; continue later from Home."))
        self.prompt.setAccessibleName(self.tr("Question"))
        if self.run is not None and self.pages.currentIndex() == 0:
            self._update_position()
        self.results.retranslate()
        self.intro.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- flow -------------------------------------------------------------------------

    def show_intro(self, intro: QuizIntro, title: str, lang: str) -> None:
        """The introduction; Start emits `start_requested` (after a confirmation for a
        new timed exam), Cancel `closed(False)`."""
        self.stop()
        self.run, self.result, self.lang, self.launch = None, None, lang, intro.launch
        self.title.setText(title)
        self.intro.show_intro(intro, title)
        self.pages.setCurrentWidget(self.intro)
        self.intro.start.setFocus()

    def _start_pressed(self) -> None:
        intro = self.intro.intro
        if intro is None:
            return
        if intro.time_limit_minutes and not intro.resuming:
            self._confirm_timed(intro)
        else:
            self.start_requested.emit(intro.launch)

    def _confirm_timed(self, intro: QuizIntro) -> None:
        """A timed exam starts its clock only after a second, explicit yes."""
        text = self.tr("Start the level exam now?") + "\n\n"
        text += self.tr("%n question(s).", "", intro.items)
        text += " " + self.tr(
            "Time limit: %n minute(s); the clock keeps running if you close the app.",
            "",
            intro.time_limit_minutes,
        )
        if intro.attempts_left is not None:
            text += "\n" + (
                self.tr("Attempts left at this version of the exam: %1 of %2.")
                .replace("%1", str(intro.attempts_left))
                .replace("%2", str(intro.attempts_allowed))
            )
        text += "\n\n" + self.tr(
            "The ministry grades the exam after you submit it; the result arrives with the "
            "next sync."
        )

        def closed() -> None:
            self.confirm_box = None

        self.confirm_box = ask_to_confirm(
            self,
            name="start-exam",
            icon=QMessageBox.Icon.Question,
            title=self.tr("Level exam"),
            text=text,
            act=self.tr("&Start the exam"),
            keep=self.tr("&Not now"),
            on_act=lambda: self.start_requested.emit(intro.launch),
            on_close=closed,
        )

    def start(self, run: QuizRun, title: str, lang: str, launch: Launch | None = None) -> None:
        self.run, self.lang, self.result = run, lang, None
        self.launch = launch
        self.title.setText(title)
        self.pages.setCurrentIndex(0)
        self.finish.setEnabled(True)
        self.retranslate()
        self.check.setVisible(run.practice)
        self.leave.setVisible(run.kind == "placement")
        self.section.setVisible(run.kind == "placement")
        self.clock.setVisible(run.time_limit_s is not None)
        if run.time_limit_s is not None:
            self.timer.start()
            self._tick()
        first = run.first_unanswered()
        if launch is not None and launch.registrations and launch.index:
            first = launch.index  # taken up after a lock: the question that was shown
        self._go(min(first, len(run.questions) - 1))

    def suspend(self) -> Launch | None:
        """The screen is locked: close any question box (a submit confirmed over the
        unlock screen would act for a locked profile), and say what to take up again
        after unlocking: the run being answered, if any."""
        if self.confirm_box is not None:
            self.confirm_box.done(0)  # neither button: nothing acts
        run = self.run
        if run is None or self.result is not None or self.pages.currentIndex() != 0:
            return None
        return suspended(run, self.index, self.launch.module_id if self.launch else None)

    def _leave(self) -> None:
        """The placement test, left to be continued: the answers are already recorded."""
        self._record(lambda _grade: self._left())

    def _left(self) -> None:
        self.stop()
        self.run = None
        self.left.emit()

    def _go(self, index: int) -> None:
        run = self.run
        if run is None or not 0 <= index < len(run.questions):
            return
        self.index = index
        question = run.questions[index]
        self.prompt.setText(pick(question.item.prompt, self.lang))
        if self.widget is not None:
            self.widget.setParent(None)
            self.widget.deleteLater()
        self.widget = item_widget(question.item, self.lang, question.order)
        self.widget.submitted.connect(self._press_main_button)
        self.item_area.addWidget(self.widget)
        run.shown()
        saved = run.answers.get((question.quiz_slug, question.item.id))
        self.feedback.reset()
        if saved is not None:
            self.widget.set_response(saved[0])
        locked = run.locked(question)
        if locked and saved[1] is not None:
            self._show_feedback(saved[1])
        self._lock(locked)
        self._update_position()
        self._focus_question()

    def _focus_question(self) -> None:
        """Keyboard focus on the first thing to answer; on a locked (checked) question,
        on the way forward. Never nowhere: the old question's widget is gone."""
        takes_focus = [
            w
            for w in self.widget.findChildren(QWidget)
            if w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        if takes_focus:
            takes_focus[0].setFocus()
        elif self.next.isVisible():
            self.next.setFocus()
        else:
            self.finish.setFocus()

    def _update_position(self) -> None:
        run = self.run
        section = run.section(self.index)
        if section is not None:
            self.position.setText(
                self.tr("Area %1 of %2 · %3/%4")
                .replace("%1", str(section.number))
                .replace("%2", str(section.count))
                .replace("%3", str(section.position))
                .replace("%4", str(section.size))
            )
            self.section.setText(self.names.area(section.area))
        else:
            self.position.setText(
                self.tr("Question %1 of %2")
                .replace("%1", str(self.index + 1))
                .replace("%2", str(len(run.questions)))
            )
        last = self.index == len(run.questions) - 1
        self.previous.setEnabled(self.index > 0)
        self.next.setVisible(not last)
        self.finish.setVisible(last or not run.practice)

    def _record(self, then: Callable[[object], None] | None = None) -> None:
        """Record the current answer (if any) on the store's thread, then call `then`."""
        run, widget = self.run, self.widget
        if run is None or widget is None or not widget.has_response():
            if then:
                then(None)
            return
        question = run.questions[self.index]
        saved = run.answers.get((question.quiz_slug, question.item.id))
        if run.locked(question):
            # Practice: the first answer stands; checking again records nothing.
            if then:
                then(saved[1])
            return
        response = widget.response()
        if saved is not None and saved[0] == response:
            if then:
                then(saved[1])
            return
        self._db(lambda: run.answer(question, response, self.lang), then)

    def _check(self) -> None:
        index = self.index

        def checked(grade) -> None:
            if grade is None or index != self.index:
                return
            self._show_feedback(grade)
            self._lock(True)
            self._focus_question()  # the checked choices are disabled: focus moves on

        self._record(checked)

    def _lock(self, locked: bool) -> None:
        """A checked practice item cannot be changed or checked again."""
        if self.widget is not None:
            self.widget.setEnabled(not locked)
        self.check.setEnabled(not locked)

    def _show_feedback(self, grade) -> None:
        self.feedback.show_grade(self.run.questions[self.index].item, grade, self.lang)

    def _next(self) -> None:
        self._record(lambda _grade: self._go(self.index + 1))

    def _press_main_button(self) -> None:
        """Enter after a typed answer: Check in practice, else Next, else Finish (which
        asks first when it should)."""
        for button in (self.check, self.next, self.finish):
            if button.isVisible() and button.isEnabled():
                button.click()
                return

    def _finish(self) -> None:
        run = self.run
        if run is not None and not run.graded_here:
            self._record(lambda _grade: self._confirm_submit())
            return
        if run is not None:
            self._record(lambda _grade: self._confirm_unanswered())
            return
        self._end()

    def _confirm_unanswered(self) -> None:
        """A quiz or the placement test with questions left blank: say so before it ends
        (a blank scores nothing, and in placement it can cost a module's credit)."""
        missing = self.run.unanswered if self.run is not None else 0
        if not missing:
            self._end()
            return

        def closed() -> None:
            self.confirm_box = None

        self.confirm_box = ask_to_confirm(
            self,
            name="finish-unanswered",
            icon=QMessageBox.Icon.Warning,
            title=self.tr("Finish now?"),
            text=self.tr(
                "%n question(s) are not answered; an unanswered question scores nothing.",
                "",
                missing,
            )
            + "\n\n"
            + self.tr("Go back with Previous to answer them, or finish now."),
            act=self.tr("&Finish now"),
            keep=self.tr("&Keep working"),
            on_act=self._end,
            on_close=closed,
        )

    def _confirm_submit(self) -> None:
        """Ask before submitting an exam; say plainly what is unanswered."""
        run = self.run
        total, missing = len(run.questions), run.unanswered
        text = (
            self.tr("Submit the exam now? You answered %1 of %2 questions.")
            .replace("%1", str(total - missing))
            .replace("%2", str(total))
        )
        if missing:
            text += "\n\n" + self.tr(
                "%n question(s) are not answered; an unanswered question scores nothing.",
                "",
                missing,
            )
        text += "\n\n" + self.tr("After submitting, the answers can no longer be changed.")

        def closed() -> None:
            self.confirm_box = None

        self.confirm_box = ask_to_confirm(
            self,
            name="submit-exam",
            icon=QMessageBox.Icon.Warning if missing else QMessageBox.Icon.Question,
            title=self.tr("Submit the exam"),
            text=text,
            act=self.tr("&Submit"),
            keep=self.tr("&Keep working"),
            on_act=self._end,
            on_close=closed,
        )

    def _end(self) -> None:
        """Finish (or submit) the attempt on the store's thread, then show the result."""
        run = self.run
        self.finish.setEnabled(False)

        def done(result: QuizResult) -> None:
            self.finish.setEnabled(True)
            self.timer.stop()
            self.result = result
            self._show_result(result)

        self._record(lambda _grade: self._db(run.finish, done))

    def _tick(self) -> None:
        run = self.run
        if run is None or run.remaining_s is None:
            return
        left = int(run.remaining_s)
        self.clock.setText(f"{left // 60:02d}:{left % 60:02d}")
        if left <= 0:
            # Time is up: submit what was answered, without asking.
            self.timer.stop()
            if self.confirm_box is not None:
                self.confirm_box.done(0)
            self._record(lambda _grade: self._end())

    def _show_result(self, result: QuizResult) -> None:
        self.pages.setCurrentIndex(1)
        self.results.show_result(self.run, result, self.lang)
        self.finished.emit(result)

    def show_placement(self, summary) -> None:
        """The placement result by area, once the progress rule has placed the learner."""
        self.results.show_placement(summary)

    def stop(self) -> None:
        self.timer.stop()
