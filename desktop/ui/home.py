"""Home: continue where you left off, progress by area and level, review, level exams
(submitted, awaiting result, or the ministry's result by area), certificates."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.names import Names
from desktop.ui.review_times import ReviewTimes
from desktop.ui.widgets import BarChart, NoLessons, heading, icon


class HomeScreen(QWidget):
    continue_requested = Signal()
    review_requested = Signal()
    placement_requested = Signal()
    import_requested = Signal()  # no lessons installed: the empty state's next step

    def __init__(self) -> None:
        super().__init__()
        self.names = Names()
        self.times = ReviewTimes(self)
        self.greeting = heading(size=1.6)
        self.continue_label = QLabel()
        self.continue_label.setWordWrap(True)
        self.continue_button = QPushButton()
        self.continue_button.clicked.connect(self.continue_requested)
        self.placement_button = QPushButton()
        self.placement_button.clicked.connect(self.placement_requested)
        self.review_label = QLabel()
        self.review_label.setWordWrap(True)
        self.review_button = QPushButton()
        self.review_button.clicked.connect(self.review_requested)
        # Nothing due: a picture and the next thing to do instead of a dead button.
        self.review_picture = QLabel()
        self.review_picture.setVisible(False)
        self.review_next = QPushButton()
        self.review_next.setVisible(False)
        self.review_next.clicked.connect(self.continue_requested)
        self.areas_box, self.levels_box = QGroupBox(), QGroupBox()
        self.areas_chart, self.levels_chart = BarChart(), BarChart()
        QVBoxLayout(self.areas_box).addWidget(self.areas_chart)
        QVBoxLayout(self.levels_box).addWidget(self.levels_chart)
        self.assigned_box, self.certificates_box = QGroupBox(), QGroupBox()
        self.assigned = QListWidget()
        self.certificates = QListWidget()
        for box, widget in (
            (self.assigned_box, self.assigned),
            (self.certificates_box, self.certificates),
        ):
            widget.setMaximumHeight(120)
            QVBoxLayout(box).addWidget(widget)
        self.exams_box = QGroupBox()
        self.exams = QLabel()
        self.exams.setWordWrap(True)
        self.exams.setObjectName("exam-results")
        QVBoxLayout(self.exams_box).addWidget(self.exams)
        self.continue_box, self.review_box = QGroupBox(), QGroupBox()
        self.empty = NoLessons()
        self.empty.setVisible(False)
        self.empty.action.connect(self.import_requested)
        row = QHBoxLayout(self.continue_box)
        row.addWidget(self.continue_label, 1)
        row.addWidget(self.placement_button)
        row.addWidget(self.continue_button)
        row = QHBoxLayout(self.review_box)
        row.addWidget(self.review_picture)
        row.addWidget(self.review_label, 1)
        row.addWidget(self.review_button)
        row.addWidget(self.review_next)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.continue_box, 0, 0, 1, 2)
        grid.addWidget(self.areas_box, 1, 0)
        grid.addWidget(self.levels_box, 1, 1)
        grid.addWidget(self.review_box, 2, 0, 1, 2)
        grid.addWidget(self.exams_box, 3, 0, 1, 2)
        grid.addWidget(self.assigned_box, 4, 0)
        grid.addWidget(self.certificates_box, 4, 1)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.greeting)
        layout.addWidget(self.empty)
        self.grid = QWidget()
        self.grid.setLayout(grid)
        layout.addWidget(self.grid)
        layout.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        QVBoxLayout(self).addWidget(scroll)
        self._data = None
        self.retranslate()

    def retranslate(self) -> None:
        self.continue_box.setTitle(self.tr("Continue"))
        self.continue_button.setText(self.tr("&Continue"))
        self.placement_button.setText(self.tr("Take the &placement test"))
        self.areas_box.setTitle(self.tr("Progress by area"))
        self.levels_box.setTitle(self.tr("Progress by level"))
        self.review_box.setTitle(self.tr("Review"))
        self.review_button.setText(self.tr("&Review now"))
        self.review_next.setText(self.tr("Continue &learning"))
        self.assigned_box.setTitle(self.tr("Assigned to you"))
        self.certificates_box.setTitle(self.tr("Certificates"))
        self.exams_box.setTitle(self.tr("Level exams"))
        self.exams.setAccessibleName(self.tr("Level exam results"))
        self.assigned.setAccessibleName(self.tr("Assigned packs"))
        self.empty.retranslate()
        self.certificates.setAccessibleName(self.tr("Certificates earned"))
        if self._data is not None:
            self.show_data(self._data)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_data(self, data) -> None:
        """`data` is a `desktop.home_data.HomeData`."""
        self._data = data
        self.greeting.setText(self.tr("Hello, %1").replace("%1", data.display_name))
        nothing_installed = not data.levels
        self.empty.setVisible(nothing_installed)
        self.grid.setVisible(not nothing_installed)
        if data.continue_title:
            self.continue_label.setText(self.tr("Next: %1").replace("%1", data.continue_title))
            self.continue_button.setEnabled(True)
        else:
            self.continue_label.setText(self.tr("Everything is done. Well done!"))
            self.continue_button.setEnabled(False)
        self.placement_button.setVisible(not data.placement_taken and data.has_placement)
        self.placement_button.setText(
            self.tr("Continue the &placement test")
            if data.placement_open
            else self.tr("Take the &placement test")
        )
        self.areas_chart.set_rows([(self.names.area(a), f) for a, f in data.areas])
        self.levels_chart.set_rows([(self.names.level(n), f) for n, f in data.levels])
        if data.review_due:
            said = self.tr("%n question(s) to review today.", "", data.review_due)
        elif data.review_next is not None:
            said = self.tr("Nothing to review now. Next review: %1.").replace(
                "%1", self.times.when(data.review_next)
            )
        else:
            said = self.tr("Nothing to review now.")
        self.review_label.setText(said)
        self.review_button.setEnabled(data.review_due > 0)
        if self.review_button.icon().isNull():
            # Set with the first data (after unlock), so the unlock screen loads no icons.
            self.review_button.setIcon(icon("type-review"))
            self.continue_button.setIcon(icon("type-lesson"))
            self.placement_button.setIcon(icon("type-quiz"))
        nothing_due = data.review_due == 0
        if nothing_due and self.review_picture.pixmap().isNull():
            self.review_picture.setPixmap(icon("empty-review").pixmap(QSize(80, 60)))
        self.review_picture.setVisible(nothing_due)
        self.review_button.setVisible(not nothing_due)
        self.review_next.setVisible(nothing_due and bool(data.continue_title))
        for listed in (self.assigned, self.certificates):
            listed.setMaximumHeight(120)
        self.assigned.clear()
        for title, due in data.assigned:
            self.assigned.addItem(
                self.tr("%1 — due %2").replace("%1", title).replace("%2", due) if due else title
            )
        if not data.assigned:
            _placeholder(self.assigned, self.tr("Nothing assigned yet."))
        reports = [self.names.exam_report(line) for line in data.exams]
        reports = [text for text in reports if text]
        self.exams.setText(
            "\n\n".join(reports)
            if reports
            else self.tr("No level exam submitted yet. The ministry grades each exam.")
        )
        self.certificates.clear()
        for level, date, confirmed in data.certificates:
            text = self.tr("%1 — %2").replace("%1", self.names.level(level)).replace("%2", date)
            if not confirmed:
                text += " " + self.tr("(graded on this computer; not confirmed by the ministry)")
            self.certificates.addItem(text)
        if not data.certificates:
            _placeholder(self.certificates, self.tr("No certificate yet: pass a level exam."))


def _placeholder(listed: QListWidget, text: str) -> None:
    """An empty list's one line: greyed, not selectable, and the box only as tall as it,
    so Home does not show a large empty frame."""
    entry = QListWidgetItem(text)
    entry.setFlags(Qt.ItemFlag.NoItemFlags)
    listed.addItem(entry)
    listed.setMaximumHeight(listed.sizeHintForRow(0) + 2 * listed.frameWidth() + 8)
