"""One widget per item type; each gives the learner's response in the form
`content.grading.grade` takes, and can show a saved one again. All usable by keyboard.

Options, matching choices and ordering steps appear in the order the attempt's form
gives (`order`, from `content.forms`); responses are always the pack's ids."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from content.grading import Grade
from content.localised import pick
from content.quiz import Item
from desktop.quiz_run import key_lines


def in_order(ids: Sequence[str], order: Sequence[str]) -> list[str]:
    """`ids` in the form's order; ids the form does not name keep their place after."""
    rank = {ident: n for n, ident in enumerate(order)}
    return sorted(ids, key=lambda ident: rank.get(ident, len(rank)))


class ItemWidget(QWidget):
    # Enter in a typed answer: the screen presses its main button (Check, Next, Finish).
    submitted = Signal()

    def __init__(self, item: Item, lang: str, order: Sequence[str] = ()) -> None:
        super().__init__()
        self.item = item
        self.lang = lang
        self.order = tuple(order)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    def response(self) -> Any:
        raise NotImplementedError

    def set_response(self, response: Any) -> None:
        raise NotImplementedError

    def has_response(self) -> bool:
        value = self.response()
        return value not in (None, "", [], {}, set())


class ChoiceWidget(ItemWidget):
    """single and true_false: radio buttons; multiple: check boxes."""

    def __init__(self, item: Item, lang: str, order: Sequence[str] = ()) -> None:
        super().__init__(item, lang, order)
        self.group = QButtonGroup(self)
        self.group.setExclusive(item.type != "multiple")
        if item.type == "true_false":
            choices = [(True, self.tr("True")), (False, self.tr("False"))]
        else:
            texts = {o.id: pick(o.text, lang) for o in item.options}
            choices = [(i, texts[i]) for i in in_order(list(texts), self.order)]
        self.buttons: list[tuple[Any, QRadioButton | QCheckBox]] = []
        for value, text in choices:
            button = QCheckBox(text) if item.type == "multiple" else QRadioButton(text)
            button.setAccessibleName(text)
            self.group.addButton(button)
            self.layout_.addWidget(button)
            self.buttons.append((value, button))

    def response(self) -> Any:
        chosen = [value for value, button in self.buttons if button.isChecked()]
        if self.item.type == "multiple":
            return set(chosen)
        return chosen[0] if chosen else None

    def set_response(self, response: Any) -> None:
        wanted = set(response) if self.item.type == "multiple" else {response}
        for value, button in self.buttons:
            button.setChecked(value in wanted)

    def has_response(self) -> bool:
        return any(button.isChecked() for _, button in self.buttons)


class TextWidget(ItemWidget):
    """short_answer and numeric."""

    def __init__(self, item: Item, lang: str, order: Sequence[str] = ()) -> None:
        super().__init__(item, lang, order)
        self.edit = QLineEdit()
        self.edit.setAccessibleName(self.tr("Your answer"))
        self.edit.setPlaceholderText(self.tr("Type your answer"))
        if item.type == "numeric":
            validator = QDoubleValidator(self)
            validator.setNotation(QDoubleValidator.Notation.StandardNotation)
            self.edit.setPlaceholderText(self.tr("Type a number"))
        self.edit.returnPressed.connect(self.submitted)
        self.layout_.addWidget(self.edit)

    def response(self) -> Any:
        return self.edit.text()

    def set_response(self, response: Any) -> None:
        self.edit.setText("" if response is None else str(response))


class OrderingWidget(ItemWidget):
    def __init__(self, item: Item, lang: str, order: Sequence[str] = ()) -> None:
        super().__init__(item, lang, order)
        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setAccessibleName(self.tr("Steps to put in order"))
        steps = list(item.steps)
        by_id = {step.id: step for step in steps}
        # The form's starting order (content.forms never starts in the right order).
        for step in (by_id[i] for i in in_order(list(by_id), self.order)):
            entry = QListWidgetItem(pick(step.text, lang))
            entry.setData(Qt.ItemDataRole.UserRole, step.id)
            self.list.addItem(entry)
        self.list.setCurrentRow(0)
        self.up, self.down = QPushButton(self.tr("Move &up")), QPushButton(self.tr("Move &down"))
        self.up.clicked.connect(lambda: self.move(-1))
        self.down.clicked.connect(lambda: self.move(+1))
        buttons = QHBoxLayout()
        buttons.addWidget(self.up)
        buttons.addWidget(self.down)
        buttons.addStretch()
        self.layout_.addWidget(self.list)
        self.layout_.addLayout(buttons)
        self.list.setMaximumHeight(self.list.sizeHintForRow(0) * (len(steps) + 1) + 8)

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        entry = self.list.takeItem(row)
        self.list.insertItem(target, entry)
        self.list.setCurrentRow(target)

    def response(self) -> Any:
        return [self.list.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.list.count())]

    def set_response(self, response: Any) -> None:
        order = {step_id: n for n, step_id in enumerate(response or [])}
        entries = [self.list.takeItem(0) for _ in range(self.list.count())]
        entries.sort(key=lambda e: order.get(e.data(Qt.ItemDataRole.UserRole), 99))
        for entry in entries:
            self.list.addItem(entry)

    def has_response(self) -> bool:
        return True


class MatchingWidget(ItemWidget):
    def __init__(self, item: Item, lang: str, order: Sequence[str] = ()) -> None:
        super().__init__(item, lang, order)
        form = QFormLayout()
        # A sealed item lists every right-hand text under an opaque id as a distractor,
        # and `right_choices()` names only those.
        texts = {p.id: p.right for p in item.pairs if p.right}
        texts.update({d.id: d.text for d in item.distractors})
        choices = [(i, pick(texts[i], lang)) for i in in_order(item.right_choices(), self.order)]
        self.combos: dict[str, QComboBox] = {}
        for pair in item.pairs:
            combo = QComboBox()
            combo.addItem(self.tr("— choose —"), None)
            for choice_id, text in choices:
                combo.addItem(text, choice_id)
            label = QLabel(pick(pair.left, lang))
            label.setWordWrap(True)
            label.setBuddy(combo)
            combo.setAccessibleName(pick(pair.left, lang))
            form.addRow(label, combo)
            self.combos[pair.id] = combo
        self.layout_.addLayout(form)

    def response(self) -> Any:
        return {
            left: combo.currentData()
            for left, combo in self.combos.items()
            if combo.currentData() is not None
        }

    def set_response(self, response: Any) -> None:
        for left, combo in self.combos.items():
            combo.setCurrentIndex(max(0, combo.findData((response or {}).get(left))))


class FeedbackLabel(QLabel):
    """What a checked practice item says: right or not, the chosen options' feedback,
    the right answer after a wrong check, and the explanation."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setObjectName("feedback")
        self.setVisible(False)

    def show_grade(self, item: Item, grade: Grade, lang: str) -> None:
        lines = [
            self.tr("✓ Correct.")
            if grade.correct
            else self.tr("Partly right (%1%).").replace("%1", str(round(grade.score * 100)))
            if grade.score > 0
            else self.tr("✗ Not quite.")
        ]
        lines += [pick(text, lang) for text in grade.feedback]
        if not grade.correct:
            key = key_lines(item, lang, (self.tr("True"), self.tr("False")))
            if key:
                lines.append(self.tr("The right answer:") + "\n" + "\n".join(key))
        if item.explanation:
            lines.append(pick(item.explanation, lang))
        self.setText("\n\n".join(lines))
        self.setVisible(True)
        self.setProperty("correct", grade.correct)
        self.style().unpolish(self)
        self.style().polish(self)

    def reset(self) -> None:
        self.clear()
        self.setVisible(False)


def item_widget(item: Item, lang: str, order: Sequence[str] = ()) -> ItemWidget:
    if item.type in ("single", "multiple", "true_false"):
        return ChoiceWidget(item, lang, order)
    if item.type in ("short_answer", "numeric"):
        return TextWidget(item, lang, order)
    if item.type == "ordering":
        return OrderingWidget(item, lang, order)
    return MatchingWidget(item, lang, order)
