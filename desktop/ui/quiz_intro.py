"""The page before a quiz, an exam or the placement test: what is ahead, then Start.

It says how many questions, how long (the limit, or an estimate), what counts
(practice or exam, the pass mark, the attempts left) and what happens after. A
timed exam asks once more when Start is pressed (the safe answer is the default),
so neither a double-click in the library nor a stray Enter starts its clock.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.quiz_launch import QuizIntro
from desktop.ui.widgets import heading


class IntroPage(QWidget):
    start_requested = Signal()
    cancel_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.intro: QuizIntro | None = None
        self.title = heading(size=1.5)
        self.kind = QLabel()
        self.kind.setObjectName("intro-kind")
        self.facts = QLabel()
        self.counts = QLabel()
        self.next_ = QLabel()
        self.resume = QLabel()
        self.resume.setObjectName("intro-resume")
        for label in (self.facts, self.counts, self.next_, self.resume):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.cancel = QPushButton()
        self.start = QPushButton()
        # Enter on a focused button presses it (a plain widget's buttons ignore Enter).
        for button in (self.cancel, self.start):
            button.setAutoDefault(True)
        self.cancel.clicked.connect(self.cancel_requested)
        self.start.clicked.connect(self.start_requested)
        card = QWidget()
        card.setObjectName("card")
        card.setMaximumWidth(720)
        box = QVBoxLayout(card)
        box.addWidget(self.kind)
        box.addWidget(self.title)
        box.addSpacing(8)
        for label in (self.facts, self.counts, self.next_, self.resume):
            box.addWidget(label)
        box.addSpacing(12)
        row = QHBoxLayout()
        row.addWidget(self.cancel)
        row.addStretch()
        row.addWidget(self.start)
        box.addLayout(row)
        middle = QHBoxLayout()
        middle.addStretch()
        middle.addWidget(card, 3)
        middle.addStretch()
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)

    def show_intro(self, intro: QuizIntro, title: str) -> None:
        self.intro = intro
        self.title.setText(title)
        self.retranslate()
        self.start.setFocus()

    def retranslate(self) -> None:
        self.cancel.setText(self.tr("&Cancel"))
        intro = self.intro
        if intro is None:
            self.start.setText(self.tr("&Start"))
            return
        kind = intro.launch.kind
        self.kind.setText(
            {
                "quiz": self.tr("Module quiz · practice"),
                "exam": self.tr("Counts for your certificate · graded by the ministry"),
                "placement": self.tr("Before you start · a diagnostic test"),
            }.get(kind, "")
        )
        facts = self.tr("%n question(s).", "", intro.items)
        if intro.time_limit_minutes:
            facts += " " + self.tr(
                "Time limit: %n minute(s); the clock keeps running if you close the app.",
                "",
                intro.time_limit_minutes,
            )
        else:
            facts += " " + self.tr("About %n minute(s); no time limit.", "", intro.estimate_minutes)
        self.facts.setText(facts)
        mark = str(round(intro.pass_mark * 100))
        if kind == "exam":
            counts = self.tr(
                "This exam counts for your certificate: nothing is checked here, the "
                "ministry grades it after you submit it. Pass mark: %1%."
            ).replace("%1", mark)
            if intro.attempts_left is not None:
                counts += "\n" + (
                    self.tr("Attempts left at this version of the exam: %1 of %2.")
                    .replace("%1", str(intro.attempts_left))
                    .replace("%2", str(intro.attempts_allowed))
                )
            after = self.tr(
                "After you submit, the result and, if you pass, the certificate arrive "
                "with the next sync."
            )
        elif kind == "placement":
            counts = self.tr(
                "%n area(s), one section each, from the basics up. The test only shapes your "
                "path: what you already master is skipped. Answer what you know and leave "
                "the rest blank.",
                "",
                intro.areas,
            )
            after = self.tr(
                "You can leave at any time and continue later. At the end: a summary by "
                "area of what you may skip and where to start."
            )
        else:
            counts = self.tr(
                "Practice: each answer is checked at once and the first answer counts. "
                "Pass mark: %1%. Nothing here is certified."
            ).replace("%1", mark)
            after = self.tr(
                "At the end: your result by area, the questions to revisit with the right "
                "answers, and Retry for a new set of questions."
            )
        self.counts.setText(counts)
        self.next_.setText(after)
        self.resume.setVisible(intro.resuming)
        if intro.resuming:
            resume = (
                self.tr(
                    "You started this earlier: %1 of %2 answered. It continues where you left off."
                )
                .replace("%1", str(intro.answered))
                .replace("%2", str(intro.items))
            )
            if intro.minutes_left is not None:
                resume += " " + self.tr(
                    "About %n minute(s) left on the clock.", "", intro.minutes_left
                )
            self.resume.setText(resume)
        if intro.resuming:
            self.start.setText(self.tr("C&ontinue"))
        elif kind == "exam":
            self.start.setText(self.tr("&Start the exam…"))
        else:
            self.start.setText(self.tr("&Start"))
        self.start.setAccessibleName(self.start.text().replace("&", ""))
