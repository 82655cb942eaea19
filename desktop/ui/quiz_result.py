"""The page after a quiz, an exam or the placement test.

A practice quiz: the score, a bar per area, the competences to revisit, and each
question missed with the learner's answer and the right one; Retry draws a new set.
The placement test: a short summary by area (what may be skipped, where to study).
An exam: "submitted, awaiting result", and nothing of its questions or keys.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from content.localised import pick
from desktop.quiz_launch import PlacementArea
from desktop.quiz_run import QuizResult, QuizRun, answer_lines, key_lines
from desktop.ui.names import Names
from desktop.ui.widgets import BarChart, heading


class ResultPage(QWidget):
    retry_requested = Signal()
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.names = Names()
        self.run: QuizRun | None = None
        self.result: QuizResult | None = None
        self.placement: tuple[tuple[PlacementArea, ...], int | None] | None = None
        self.lang = "vi"
        self.title = heading(size=1.5)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.areas_label = QLabel()
        self.areas = BarChart()
        self.areas.setObjectName("result-areas")
        self.summary = QLabel()  # the placement result, one line per area
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.revisit = QLabel()
        self.revisit.setWordWrap(True)
        self.review_label = QLabel()
        self.review_list = QListWidget()
        self.review_list.setWordWrap(True)
        # Long answers wrap at the list's width instead of hiding behind a scroll bar.
        self.review_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.retry = QPushButton()
        self.back = QPushButton()
        for button in (self.retry, self.back):
            button.setAutoDefault(True)  # Enter presses the focused button
        self.retry.clicked.connect(self.retry_requested)
        self.back.clicked.connect(self.back_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.areas_label)
        layout.addWidget(self.areas)
        layout.addWidget(self.summary)
        layout.addWidget(self.revisit)
        layout.addWidget(self.review_label)
        layout.addWidget(self.review_list, 1)
        # Takes the free space only while the list is hidden (an exam shows none), so
        # the title and text stay together at the top.
        layout.addStretch(0)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.retry)
        row.addWidget(self.back)
        layout.addLayout(row)

    def show_result(self, run: QuizRun, result: QuizResult, lang: str) -> None:
        self.run, self.result, self.lang, self.placement = run, result, lang, None
        self.retranslate()

    def show_placement(self, summary: tuple[tuple[PlacementArea, ...], int | None]) -> None:
        self.placement = summary
        self.retranslate()

    def retranslate(self) -> None:
        self.retry.setText(self.tr("&Retry"))
        self.review_list.setAccessibleName(self.tr("Your answers, question by question"))
        run, result = self.run, self.result
        placement = run is not None and run.kind == "placement"
        self.back.setText(self.tr("&Go to Home") if placement else self.tr("&Back to the library"))
        if run is None or result is None:
            return
        for widget in (self.areas_label, self.areas, self.summary, self.revisit):
            widget.setVisible(False)
        self.review_label.setVisible(False)
        self.review_list.setVisible(False)
        self.review_list.clear()
        self.retry.setVisible(run.kind == "quiz")
        percent = round(result.score * 100)
        if result.submitted:
            self._exam()
        elif placement:
            self._placement(percent)
        else:
            self._practice(run, result, percent)
        self.back.setFocus()

    def _exam(self) -> None:
        # Never the questions or the keys, and no score the device made up.
        self.title.setText(self.tr("Exam submitted"))
        self.text.setText(
            self.tr(
                "Your answers have been submitted to the ministry for grading. The "
                "result and, if you pass, the certificate arrive with the next sync, "
                "or with the next file from the ministry if your mission is never "
                "online. Home shows “submitted, awaiting result” until then."
            )
        )

    def _placement(self, percent: int) -> None:
        self.title.setText(self.tr("Placement test finished"))
        self.text.setText(
            self.tr(
                "Your score: %1%. Modules you already master are marked “skipped by "
                "placement” in the library; the home screen shows where to start."
            ).replace("%1", str(percent))
        )
        if self.placement is None:
            return
        lines, start = self.placement
        rows = []
        for line in lines:
            name = self.names.area(line.area)
            if line.study_level is None:
                said = self.tr("all levels skipped")
            elif line.skipped_levels:
                said = (
                    self.tr("levels %1 skipped; study from level %2")
                    .replace("%1", ", ".join(str(n) for n in line.skipped_levels))
                    .replace("%2", str(line.study_level))
                )
            else:
                said = self.tr("study from level %1").replace("%1", str(line.study_level))
            rows.append(f"{name}: {said}")
        if start is not None:
            rows.insert(0, self.tr("Start at: %1.").replace("%1", self.names.level(start)))
        self.summary.setText("\n".join(rows))
        self.summary.setVisible(True)

    def _practice(self, run: QuizRun, result: QuizResult, percent: int) -> None:
        mark = str(round(result.pass_mark * 100))
        if result.passed:
            self.title.setText(self.tr("Passed: %1%").replace("%1", str(percent)))
            self.text.setText(self.tr("Well done. The pass mark is %1%.").replace("%1", mark))
        else:
            self.title.setText(self.tr("Not passed yet: %1%").replace("%1", str(percent)))
            self.text.setText(
                self.tr(
                    "The pass mark is %1%. Read the questions below again, then try once more."
                ).replace("%1", mark)
            )
        if result.by_area:
            self.areas_label.setText(self.tr("By area:"))
            self.areas.set_rows(
                [
                    (
                        f"{self.names.area(area)} ({_points(right)}/{asked})",
                        right / asked if asked else 0.0,
                    )
                    for area, right, asked in result.by_area
                ]
            )
            self.areas_label.setVisible(True)
            self.areas.setVisible(True)
        if result.revisit:
            self.revisit.setText(
                self.tr("To revisit: %1.").replace(
                    "%1", "; ".join(self.names.competence(c) for c in result.revisit)
                )
            )
            self.revisit.setVisible(True)
        self.review_label.setText(self.tr("Questions to review:"))
        true_false = (self.tr("True"), self.tr("False"))
        for question in result.wrong:
            item = question.item
            saved = run.answers.get((question.quiz_slug, item.id))
            yours = answer_lines(item, saved[0] if saved else None, self.lang, true_false)
            lines = [pick(item.prompt, self.lang)]
            lines.append(
                self.tr("Your answer:") + " " + ("; ".join(yours) if yours else self.tr("(none)"))
            )
            key = key_lines(item, self.lang, true_false)
            if key:
                lines.append(self.tr("The right answer:") + " " + "; ".join(key))
            if item.explanation:
                lines.append("→ " + pick(item.explanation, self.lang))
            self.review_list.addItem("\n".join(lines))
        self.review_label.setVisible(bool(result.wrong))
        self.review_list.setVisible(bool(result.wrong))


def _points(right: float) -> str:
    """Points out of the questions asked: partly right answers give fractions, shown to
    one decimal in the interface language's notation ("2,7" in Vietnamese)."""
    rounded = round(right, 1)
    if rounded == int(rounded):
        return str(int(rounded))
    return QLocale().toString(rounded, "f", 1)
