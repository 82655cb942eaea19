"""What the learner sees of the designed look: the library with progress that keeps
its shape, empty states that say what to do next, search results that can be read and
walked by keyboard, forms that submit with Enter and do not jump, usable spin boxes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from desktop.catalog import LessonRef
from desktop.search import marked
from desktop.ui.library import KEY, SHARE
from tests.desktop.app_driver import (
    PASSPHRASE,
    create_profile,
    idle,
    right_answer,
    start_app,
    start_module_quiz,
)

tr = QCoreApplication.translate


@pytest.fixture
def window(qtbot, qapp, tmp_path, starter_packs):
    window = start_app(qtbot, qapp, tmp_path / "data", starter_packs, lang="en")
    create_profile(qtbot, window, "Lan")
    yield window
    window.close()


def _rows(tree):
    pending = [tree.topLevelItem(n) for n in range(tree.topLevelItemCount())]
    while pending:
        item = pending.pop(0)
        yield item
        pending.extend(item.child(n) for n in range(item.childCount()))


def _row(tree, key):
    return next(item for item in _rows(tree) if item.data(0, KEY) == key)


def test_library_shows_progress_and_keeps_its_shape_when_you_come_back(qtbot, window):
    catalog = window.workspace.catalog
    module = next(iter(catalog.modules()))
    first = LessonRef(module.pack_id, module.module_id, module.lessons[0]["slug"])
    window.show_screen("library")
    idle(qtbot, window)
    tree = window.library.tree
    level_row = _row(tree, ("level", module.level))
    module_row = _row(tree, ("module", module.pack_id, module.module_id))
    assert level_row.isExpanded() and not module_row.isExpanded()  # as it first opens
    assert module_row.data(1, SHARE) == 0
    # The learner opens the module, closes the level below it, and selects a lesson.
    module_row.setExpanded(True)
    other_level = next(
        item for item in _rows(tree) if item.data(0, KEY)[0] == "level" and item is not level_row
    )
    other_level.setExpanded(False)
    other_key = other_level.data(0, KEY)
    lesson_row = _row(tree, ("lesson", module.pack_id, first.slug))
    tree.setCurrentItem(lesson_row)
    # Studies the lesson and comes back.
    window.open_lesson(first)
    idle(qtbot, window)
    qtbot.mouseClick(window.lesson.done, Qt.MouseButton.LeftButton)
    idle(qtbot, window)
    window.show_screen("library")
    idle(qtbot, window)
    qtbot.waitUntil(
        lambda: bool(_row(tree, ("module", module.pack_id, module.module_id)).data(1, SHARE))
    )
    module_row = _row(tree, ("module", module.pack_id, module.module_id))
    assert module_row.isExpanded()
    assert not _row(tree, other_key).isExpanded()
    assert tree.currentItem().data(0, KEY) == ("lesson", module.pack_id, first.slug)
    # The module's row shows the share as a bar, the count and the state in words.
    assert 0 < module_row.data(1, SHARE) <= 1
    shown = module_row.data(1, Qt.ItemDataRole.AccessibleTextRole)
    assert shown.startswith(f"1/{len(module.lessons)} lessons · ")
    assert _row(tree, ("lesson", module.pack_id, first.slug)).text(1) == "done"
    assert not _row(tree, ("lesson", module.pack_id, first.slug)).icon(0).isNull()


def test_an_empty_library_offers_to_import_a_pack(qtbot, qapp, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    asked = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: asked.append(a[1]) or ("", "")
    )
    nothing = tmp_path / "no-packs"
    nothing.mkdir()
    window = start_app(qtbot, qapp, tmp_path / "data", nothing, lang="en")
    create_profile(qtbot, window, "Lan")
    # Home says so too, instead of "everything is done", and offers the same step.
    qtbot.waitUntil(window.home.empty.isVisible)
    assert not window.home.continue_button.isVisible()
    qtbot.mouseClick(window.home.empty.button, Qt.MouseButton.LeftButton)
    assert asked == ["Import a content pack"]
    asked.clear()
    window.show_screen("library")
    idle(qtbot, window)
    empty = window.library.empty
    qtbot.waitUntil(empty.isVisible)
    assert not window.library.tree.isVisible()
    assert empty.title.text() == "No lessons installed yet"
    assert not empty.picture.pixmap().isNull()
    qtbot.mouseClick(empty.button, Qt.MouseButton.LeftButton)
    assert asked == ["Import a content pack"]
    window.close()


def test_no_certificate_shows_a_picture_and_leads_to_the_library(qtbot, window):
    window.show_screen("certificates")
    idle(qtbot, window)
    empty = window.certificates.empty
    qtbot.waitUntil(empty.isVisible)
    assert empty.title.text() == "No certificate yet"
    assert not empty.picture.pixmap().isNull()
    # The sentence is shown whole: its label is as tall as its wrapped lines need.
    text = empty.text
    assert text.width() > 200 and text.height() >= text.heightForWidth(text.width())
    qtbot.mouseClick(empty.button, Qt.MouseButton.LeftButton)
    idle(qtbot, window)
    assert window.stack.currentWidget() is window.library


def test_search_terms_are_marked_without_regard_to_accents():
    pieces = marked("Bảo mật mật khẩu: đường dẫn an toàn", "bao MAT duong")
    assert [text for text, term in pieces if term] == ["Bảo", "mật", "mật", "đường"]
    assert "".join(text for text, _ in pieces) == "Bảo mật mật khẩu: đường dẫn an toàn"
    # Only at the start of a word: "an" does not mark the middle of "toàn".
    assert [t for t, term in marked("an toàn", "an") if term] == ["an"]
    assert marked("", "x") == [] and marked("abc", "") == [("abc", False)]


def test_search_passages_begin_and_end_on_whole_words():
    from desktop.search import _snippet

    body = (
        " ".join(f"trước{n}" for n in range(60))
        + " bảo mật "
        + " ".join(f"sau{n}" for n in range(60))
    )
    text = _snippet(body, ["bao", "mat"])
    assert text.startswith("…") and text.endswith("…") and "bảo mật" in text
    inner = text.strip("…").split()
    assert inner[0] in body.split() and inner[-1] in body.split()


def test_search_results_read_well_and_walk_by_keyboard(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_screen("search")
    screen = window.search
    assert screen.field.hasFocus()
    qtbot.keyClicks(screen.field, "mat khau")
    qtbot.waitUntil(lambda: screen.results.count() > 0, timeout=10_000)
    first = screen.results.item(0)
    rich = first.data(Qt.ItemDataRole.UserRole + 1)
    title = first.text().split("\n")[0]
    assert rich.startswith("<b>") and "background:" in rich  # bold title, marked terms
    assert "Level " in rich and " · " in rich  # where it sits: level · module
    assert "Level " in first.data(Qt.ItemDataRole.AccessibleTextRole)
    # Down moves into the results, Up from the first row back, Enter opens the lesson.
    qtbot.keyClick(screen.field, Qt.Key.Key_Down)
    assert screen.results.hasFocus() and screen.results.currentRow() == 0
    qtbot.keyClick(screen.results, Qt.Key.Key_Up)
    assert screen.field.hasFocus()
    qtbot.keyClick(screen.field, Qt.Key.Key_Down)
    qtbot.keyClick(screen.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.lesson)
    assert window.lesson.title.text() == title


def test_a_search_without_results_offers_to_start_again(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_screen("search")
    screen = window.search
    qtbot.keyClicks(screen.field, "zzqqxx")
    qtbot.waitUntil(lambda: screen.empty.isVisible(), timeout=10_000)
    assert screen.empty.title.text() == "No lesson found"
    qtbot.mouseClick(screen.empty.button, Qt.MouseButton.LeftButton)
    assert screen.field.text() == "" and screen.field.hasFocus()


def test_new_profile_form_submits_with_enter_and_does_not_jump(
    qtbot, qapp, tmp_path, starter_packs
):
    window = start_app(qtbot, qapp, tmp_path / "data", starter_packs, lang="en")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.new_profile)
    form = window.new_profile
    card = form.create_button.parentWidget()
    top = card.mapTo(window, card.rect().topLeft())
    form.name.setText("Lan")
    qtbot.keyClicks(form.passphrase, "short")
    qtbot.keyClick(form.repeat, Qt.Key.Key_Return)  # the passphrases differ
    assert form.error.text() == tr("NewProfileScreen", "The two passphrases differ.")
    assert form.error.tone() == "error"
    qapp.processEvents()
    assert card.mapTo(window, card.rect().topLeft()) == top  # nothing moved
    form.passphrase.setText(PASSPHRASE)
    form.repeat.setText(PASSPHRASE)
    form.placement.setChecked(False)
    qtbot.keyClick(form.repeat, Qt.Key.Key_Return)
    # "Creating…" is progress, not an error.
    assert form.error.text() == tr("NewProfileScreen", "Creating your encrypted profile…")
    assert form.error.tone() == "progress"
    qapp.processEvents()
    assert card.mapTo(window, card.rect().topLeft()) == top
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=30_000)
    idle(qtbot, window)
    # Lock; Enter on the unlock form's profile list unlocks too.
    window.lock()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.unlock)
    window.unlock.passphrase.setText(PASSPHRASE)
    window.unlock.profile.setFocus()
    qtbot.keyClick(window.unlock.profile, Qt.Key.Key_Return)
    assert window.unlock.error.tone() == "progress"
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=30_000)
    window.close()


def test_enter_after_a_typed_answer_checks_it(qtbot, window):
    catalog, screen = window.workspace.catalog, window.quiz
    typed = None
    for module in catalog.modules():
        quiz = catalog.quiz(module.pack_id, module.quiz) if module.quiz else None
        if quiz is None or not any(i.type in ("short_answer", "numeric") for i in quiz.items):
            continue
        start_module_quiz(qtbot, window, module.pack_id, module.module_id)
        kinds = [q.item.type for q in screen.run.questions]
        typed = next((n for n, k in enumerate(kinds) if k in ("short_answer", "numeric")), None)
        if typed is not None:
            break
    if typed is None:
        pytest.skip("no module quiz drew a typed-answer item")
    screen._go(typed)
    item = screen.run.questions[typed].item
    screen.widget.edit.setText(str(right_answer(item, "vi")))
    qtbot.keyClick(screen.widget.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.feedback.isVisible() and screen.feedback.text() != "")


def test_settings_spin_boxes_are_narrow_with_arrows(qtbot, window):
    from desktop.theme import apply_theme

    apply_theme(QApplication.instance())
    try:
        window.show_screen("settings")
        idle(qtbot, window)
        for spin in (window.settings.font_size, window.settings.idle):
            assert 100 <= spin.width() <= 160
            assert spin.buttonSymbols() != spin.ButtonSymbols.NoButtons
        styled = QApplication.instance().styleSheet()
        assert "QSpinBox::up-arrow" in styled
        arrow = Path(styled.split("QSpinBox::up-arrow")[1].split('url("')[1].split('")')[0])
        assert arrow.is_file()
    finally:
        QApplication.instance().setStyleSheet("")


def test_the_selected_navigation_item_stands_out(qtbot, window):
    from desktop.theme import LIGHT, apply_theme, contrast_ratio, load_design

    colours = load_design().palettes[LIGHT]
    # The selected row differs from the others far more than by a shade.
    assert contrast_ratio(colours["nav-selected"], colours["brand"]) >= 3
    apply_theme(QApplication.instance())
    try:
        window.show_screen("library")
        idle(qtbot, window)
        nav = window.nav
        assert nav.currentItem().data(Qt.ItemDataRole.UserRole) == "library"
        qtbot.waitUntil(lambda: not nav.item(0).icon().isNull())
        picture = nav.grab().toImage()
        ratio = picture.devicePixelRatio()

        def colour_right_of(row: int) -> str:
            rect = nav.visualItemRect(nav.item(row))
            x, y = rect.right() - 6, rect.center().y()
            return picture.pixelColor(int(x * ratio), int(y * ratio)).name()

        selected = nav.row(nav.currentItem())
        assert colour_right_of(selected) == colours["nav-selected"]
        assert colour_right_of(0 if selected else 1) == colours["brand"]
    finally:
        QApplication.instance().setStyleSheet("")
