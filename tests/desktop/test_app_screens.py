"""Screens a learner notices: refused packs, language switch, search without accents."""

from __future__ import annotations

import zipfile

from desktop.ui.messages import Messages
from tests.content.conftest import snapshot
from tests.desktop.app_driver import PASSPHRASE, idle, start_app


def unlocked_app(qtbot, qapp, tmp_path, starter_packs, lang="vi"):
    window = start_app(qtbot, qapp, tmp_path / "data", starter_packs, lang)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.new_profile)
    window.new_profile.name.setText("Lê Thu")
    window.new_profile.passphrase.setText(PASSPHRASE)
    window.new_profile.repeat.setText(PASSPHRASE)
    window.new_profile.placement.setChecked(False)
    window.new_profile.create_button.click()
    qtbot.waitUntil(
        lambda: window.stack.currentWidget() is window.home and window.home._data is not None,
        timeout=30_000,
    )
    return window


def test_hostile_pack_is_refused_with_its_reason_and_library_unchanged(
    qtbot, qapp, tmp_path, starter_packs
):
    window = unlocked_app(qtbot, qapp, tmp_path, starter_packs)
    good = next(starter_packs.glob("level1.hvpack"))
    hostile = tmp_path / "hostile.hvpack"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(hostile, "w") as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        out.writestr("../../outside.txt", b"escape")
    library_root = window.workspace.library.root
    before = snapshot(library_root)
    window.import_pack(hostile)
    idle(qtbot, window)
    message = window.last_message
    assert "../../outside.txt" in message
    assert Messages().tr("a file name in it tries to escape the pack") in message
    assert snapshot(library_root) == before
    assert not (tmp_path / "outside.txt").exists()


def test_language_switch_changes_visible_text_at_once(qtbot, qapp, tmp_path, starter_packs):
    window = unlocked_app(qtbot, qapp, tmp_path, starter_packs, lang="vi")
    home_entry = window.nav.item(0)
    vietnamese = home_entry.text()
    window.set_language("en")
    assert home_entry.text() == "Home"
    assert window.home.review_box.title() == "Review"
    window.set_language("vi")
    assert home_entry.text() == vietnamese == "Trang chủ"
    assert window.home.review_box.title() != "Review"


def test_search_finds_lessons_by_unaccented_words(qtbot, qapp, tmp_path, starter_packs):
    window = unlocked_app(qtbot, qapp, tmp_path, starter_packs)
    window.show_screen("search")
    window.search.field.setText("bao mat")
    window.search.query_changed.emit("bao mat")
    idle(qtbot, window)
    qtbot.waitUntil(lambda: window.search.results.count() > 0)
    first = window.search.results.item(0).text().lower()
    assert "bảo mật" in first
    window.search.results.setCurrentRow(0)
    window.search.results.itemActivated.emit(window.search.results.item(0))
    idle(qtbot, window)
    assert window.stack.currentWidget() is window.lesson
    assert "bảo mật" in window.lesson.browser.toPlainText().lower()
