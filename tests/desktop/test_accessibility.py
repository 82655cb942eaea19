"""Every interactive widget on every screen has a name a screen reader can say, in
both languages: buttons, inputs, lists, trees, check boxes, radio buttons, combo boxes
and spin boxes. The name is what Qt's accessibility layer gives assistive technology
(an accessible name, a button's text, a form label's buddy), read through QAccessible."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QWidget,
)

from tests.desktop.app_driver import (
    answer_all,
    begin,
    create_profile,
    idle,
    on_intro,
    start_app,
)
from tests.desktop.app_driver import wrong_answer as wrong

VISITED: set[str] = set()
INTERACTIVE = (QAbstractButton, QLineEdit, QAbstractItemView, QComboBox, QAbstractSpinBox)


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    name = interface.text(QAccessible.Text.Name) if interface is not None else ""
    return (name or widget.accessibleName() or "").replace("&", "").strip()


def _part_of_another(widget: QWidget) -> bool:
    """Qt's own pieces of a composite widget (a spin box's editor, a combo box's list,
    a line edit's clear button, a scroll area's bars) take their name from it."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QLineEdit)):
            return True
        parent = parent.parentWidget()
    if isinstance(widget, QHeaderView):  # a tree's column titles, read with its cells
        return True
    return widget.objectName().startswith("qt_")


def unnamed(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root):
            continue
        if _part_of_another(widget) or widget.window() is not root.window():
            continue
        if not spoken_name(widget):
            parent = widget.parentWidget()
            found.append(
                f"{type(widget).__name__} {widget.objectName()!r} in "
                f"{type(parent).__name__ if parent else '-'}"
            )
    return found


@pytest.fixture
def day(qtbot, qapp, tmp_path, starter_packs):
    QAccessible.setActive(True)
    window = start_app(qtbot, qapp, tmp_path / "data", starter_packs, lang="en")
    create_profile(qtbot, window, "Lan")
    yield window
    window.close()


def _visit(qtbot, window, lang: str) -> dict[str, list[str]]:
    """Every screen once, the way a learner reaches it; what each leaves unnamed."""
    problems: dict[str, list[str]] = {}
    catalog = window.workspace.catalog

    def on(screen: QWidget) -> None:
        qtbot.waitUntil(lambda: window.stack.currentWidget() is screen, timeout=10_000)
        idle(qtbot, window)

    def check(name: str, root: QWidget | None = None) -> None:
        QApplication.processEvents()
        VISITED.add(type(window.stack.currentWidget()).__name__)
        missing = unnamed(root or window)
        if missing:
            problems[f"{lang}/{name}"] = missing

    window.show_screen("home")
    on(window.home)
    check("home")
    window.show_screen("library")
    on(window.library)
    check("library")
    module = next(m for m in catalog.modules() if m.quiz)
    window.library.tree.expandAll()
    check("library-expanded")
    from desktop.catalog import LessonRef

    window.open_lesson(LessonRef(module.pack_id, module.module_id, module.lessons[0]["slug"]))
    idle(qtbot, window)
    check("lesson")
    # The module quiz: its introduction, a question of each kind drawn, the result.
    window.start_module_quiz(module.pack_id, module.module_id)
    qtbot.waitUntil(lambda: on_intro(window), timeout=10_000)
    check("quiz-intro")
    begin(qtbot, window)
    quiz = window.quiz
    for n in range(len(quiz.run.questions)):
        quiz._go(n)
        check(f"quiz-question-{quiz.run.questions[n].item.type}")
    answer_all(qtbot, window, lambda q: wrong(q.item))
    idle(qtbot, window)
    check("quiz-result")
    # The review the wrong answers made due.
    window.show_screen("home")
    on(window.home)
    window.start_review()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is not window.home, timeout=10_000)
    idle(qtbot, window)
    check("review")
    # A level exam's introduction (not started: that would close it for a day).
    pack = catalog.level_packs[0]
    window.start_exam(pack.pack_id)
    qtbot.waitUntil(lambda: on_intro(window), timeout=10_000)
    check("exam-intro")
    exam_title = window.quiz.intro.title.text()
    window.start_placement()
    # The placement intro replaces the exam's when it arrives (not before: a screen
    # asked for meanwhile would be covered by it).
    qtbot.waitUntil(
        lambda: on_intro(window) and window.quiz.intro.title.text() != exam_title,
        timeout=10_000,
    )
    check("placement-intro")
    window.show_screen("search")
    on(window.search)
    window.search.field.setText("mat khau")
    window.search.query_changed.emit("mat khau")
    idle(qtbot, window)
    qtbot.waitUntil(lambda: window.search.results.count() > 0, timeout=10_000)
    check("search")
    window.show_screen("certificates")
    on(window.certificates)
    check("certificates")
    window.show_screen("settings")
    on(window.settings)
    from desktop.ui.sync_panel import SyncView

    # The status line with its "Sync now" button (hidden while not connected).
    window.sync_line.show_view(SyncView(SyncView.OFFLINE, 3))
    assert window.sync_line.button.isVisibleTo(window)
    check("settings-and-sync")  # the Ministry server box and the sync status line
    return problems


def test_every_interactive_widget_has_a_name_in_both_languages(qtbot, day):
    window = day
    problems: dict[str, list[str]] = {}
    for lang in ("en", "vi"):
        window.set_language(lang)
        window.workspace.settings.language = lang
        problems.update(_visit(qtbot, window, lang))
    # Locked: the unlock screen; then the new-profile form it leads to.
    window.lock()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.unlock)
    for lang in ("en", "vi"):
        window.set_language(lang)
        missing = unnamed(window)
        if missing:
            problems[f"{lang}/unlock"] = missing
        window.unlock.new_button.click()
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.new_profile)
        missing = unnamed(window)
        if missing:
            problems[f"{lang}/new-profile"] = missing
        window.new_profile.cancel_button.click()
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.unlock)
    assert problems == {}
    screens = {"HomeScreen", "LibraryScreen", "LessonScreen", "QuizScreen", "SearchScreen"}
    screens |= {"CertificatesScreen", "SettingsScreen"}
    if hasattr(window, "review"):
        screens.add(type(window.review).__name__)
    assert screens <= VISITED


def test_the_walk_finds_a_widget_without_a_name(qtbot):
    """The check itself can fail: an unlabelled field and an icon-only button."""
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    layout.addWidget(QLineEdit())
    layout.addWidget(QPushButton())
    named = QLineEdit()
    named.setAccessibleName("Tên")
    layout.addWidget(named)
    layout.addWidget(QPushButton("&Mở"))
    page.show()
    assert sorted(unnamed(page)) == ["QLineEdit '' in QWidget", "QPushButton '' in QWidget"]
