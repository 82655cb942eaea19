"""Driving the real main window in tests: start it, wait for it, answer questions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from content.quiz import Item
from desktop.i18n import Languages
from desktop.store import KdfParams
from desktop.ui.main_window import MainWindow
from desktop.workspace import Workspace

CHEAP_KDF = KdfParams(memory_kib=8, iterations=1, lanes=1)
PASSPHRASE = "sông núi mây trời 2026"


def start_app(qtbot, qapp, folder: Path, packs: Path, lang: str = "vi") -> MainWindow:
    workspace = Workspace(folder, kdf_params=CHEAP_KDF, bundled=packs)
    languages = Languages(qapp)
    languages.use(lang)
    window = MainWindow(workspace, languages)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def create_profile(qtbot, window: MainWindow, name: str) -> None:
    """Create a profile on the new-profile screen (no placement test) and wait for Home."""
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.new_profile)
    form = window.new_profile
    form.name.setText(name)  # keyClicks cannot type Vietnamese letters
    form.passphrase.setText(PASSPHRASE)
    form.repeat.setText(PASSPHRASE)
    form.placement.setChecked(False)
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=30_000)
    idle(qtbot, window)


def idle(qtbot, window: MainWindow, timeout: int = 20_000) -> None:
    """Wait until no background work is running."""
    qtbot.waitUntil(lambda: window.tasks.running == 0, timeout=timeout)


def right_answer(item: Item, lang: str = "vi") -> Any:
    if item.type == "single":
        return max(item.options, key=lambda o: o.weight if o.weight is not None else o.correct).id
    if item.type == "multiple":
        if item.weighted:
            return {o.id for o in item.options if (o.weight or 0) > 0}
        return {o.id for o in item.options if o.correct}
    if item.type == "true_false":
        return item.answer
    if item.type == "short_answer":
        answers = item.accept.get(lang) or next(iter(item.accept.values()))
        return max(answers, key=lambda a: a.weight).text
    if item.type == "numeric":
        best = max(item.answers, key=lambda a: a.weight)
        return str(best.value if best.value is not None else best.min)
    if item.type == "ordering":
        return [s.id for s in item.steps]
    return {p.id: p.id for p in item.pairs}


def wrong_answer(item: Item) -> Any:
    if item.type == "single":
        return next(o.id for o in item.options if not o.correct and not (o.weight or 0) > 0)
    if item.type == "multiple":
        return {o.id for o in item.options if not o.correct and not (o.weight or 0) > 0}
    if item.type == "true_false":
        return not item.answer
    if item.type in ("short_answer", "numeric"):
        return "999999"
    if item.type == "ordering":
        return [s.id for s in reversed(item.steps)]
    ids = [p.id for p in item.pairs]
    return {left: ids[(n + 1) % len(ids)] for n, left in enumerate(ids)}


def accept(box: QMessageBox) -> None:
    """Press the button of a question box that goes ahead (submit, start)."""
    role = QMessageBox.ButtonRole.AcceptRole
    next(b for b in box.buttons() if box.buttonRole(b) == role).click()


def on_intro(window: MainWindow) -> bool:
    return window.stack.currentWidget() is window.quiz and window.quiz.pages.currentWidget() is (
        window.quiz.intro
    )


def asking(window: MainWindow) -> bool:
    quiz = window.quiz
    return (
        window.stack.currentWidget() is quiz and quiz.pages.currentIndex() == 0 and bool(quiz.run)
    )


def begin(qtbot, window: MainWindow) -> None:
    """Wait for a quiz's introduction and press Start (confirming a timed exam)."""
    qtbot.waitUntil(lambda: on_intro(window), timeout=10_000)
    window.quiz.intro.start.click()
    if window.quiz.confirm_box is not None:
        accept(window.quiz.confirm_box)
    qtbot.waitUntil(lambda: asking(window), timeout=10_000)


def start_module_quiz(qtbot, window: MainWindow, pack_id: str, module_id: str) -> None:
    window.start_module_quiz(pack_id, module_id)
    begin(qtbot, window)


def start_exam(qtbot, window: MainWindow, pack_id: str) -> None:
    """Ask for the exam as the library does; Start on its introduction, and confirm."""
    window.start_exam(pack_id)
    begin(qtbot, window)


def answer_all(qtbot, window: MainWindow, choose) -> None:
    """Answer each question of the running quiz with `choose(question)` (None: skip),
    through the item widgets, then press Finish."""
    quiz = window.quiz
    while True:
        question = quiz.run.questions[quiz.index]
        response = choose(question)
        if response is not None:
            quiz.widget.set_response(response)
        last = quiz.index == len(quiz.run.questions) - 1
        if last:
            quiz.finish.click()
            # An exam asks before it is submitted; a quiz asks when questions are blank.
            qtbot.waitUntil(
                lambda: quiz.confirm_box is not None or quiz.pages.currentIndex() == 1,
                timeout=10_000,
            )
            if quiz.confirm_box is not None:
                accept(quiz.confirm_box)
            break
        before = quiz.index
        quiz.next.click()
        qtbot.waitUntil(lambda before=before: quiz.index == before + 1, timeout=10_000)
    qtbot.waitUntil(lambda: quiz.pages.currentIndex() == 1, timeout=20_000)


def shown_choices(widget) -> list[str]:
    """The texts an item widget shows the learner to choose from, top to bottom."""
    if hasattr(widget, "buttons"):
        return [button.text() for _, button in widget.buttons]
    if hasattr(widget, "combos"):
        combo = next(iter(widget.combos.values()))
        return [combo.itemText(n) for n in range(1, combo.count())]
    if hasattr(widget, "list"):
        return [widget.list.item(n).text() for n in range(widget.list.count())]
    return []


def some_answer(item: Item) -> Any:
    """A response of the right shape for any item, sealed ones included (whose keys
    the device does not know): the first choice shown, or a number."""
    if item.type == "single":
        return item.options[0].id
    if item.type == "multiple":
        return {item.options[0].id}
    if item.type == "true_false":
        return True
    if item.type in ("short_answer", "numeric"):
        return "1"
    if item.type == "ordering":
        return [s.id for s in item.steps]
    return {p.id: item.right_choices()[0] for p in item.pairs}
