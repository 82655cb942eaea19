"""The design system in resources/style.qss: readable colours in both palettes, every
value the rules name defined, and the high-contrast setting applied at once."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from desktop.theme import (
    AA_TEXT,
    AA_UI,
    HIGH_CONTRAST,
    LIGHT,
    contrast_ratio,
    load_design,
    stylesheet,
)
from tests.desktop.app_driver import create_profile, idle, start_app


@pytest.fixture(autouse=True)
def plain_style(qapp):
    yield
    qapp.setStyleSheet("")


def test_wcag_contrast_ratio_matches_the_reference_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # WebAIM's checker: #767676 on white is the lightest grey that passes AA.
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") < AA_TEXT


@pytest.mark.parametrize("variant", [LIGHT, HIGH_CONTRAST])
def test_every_text_colour_on_its_background_reaches_wcag_aa(variant):
    design = load_design()
    colours = design.palettes[variant]
    assert len(design.pairs) >= 10 and design.ui_pairs
    weak = [
        f"{front} on {back}: {contrast_ratio(colours[front], colours[back]):.2f}"
        for front, back in design.pairs
        if contrast_ratio(colours[front], colours[back]) < AA_TEXT
    ]
    weak += [
        f"{front} on {back}: {contrast_ratio(colours[front], colours[back]):.2f}"
        for front, back in design.ui_pairs
        if contrast_ratio(colours[front], colours[back]) < AA_UI
    ]
    assert weak == []


def test_high_contrast_palette_is_stronger_than_the_light_one_for_every_pair():
    design = load_design()
    light, strong = design.palettes[LIGHT], design.palettes[HIGH_CONTRAST]
    for front, back in design.pairs:
        assert contrast_ratio(strong[front], strong[back]) >= 7.0, (front, back)  # AAA
        assert (
            contrast_ratio(strong[front], strong[back])
            >= contrast_ratio(light[front], light[back]) - 0.01
        ), (front, back)


def test_rules_that_set_both_colours_use_a_checked_pair():
    """A rule that sets a text colour and a background names palette colours whose
    pair is in the list the contrast test checks (or the pair would go unchecked)."""
    design = load_design()
    checked = set(design.pairs)
    rules = re.findall(r"\{([^}]*)\}", design.rules)
    unchecked = []
    for body in rules:
        front = re.search(r"(?<![-\w])color:\s*@([\w-]+)", body)
        back = re.search(r"background(?:-color)?:\s*@([\w-]+)", body)
        if front and back and (front.group(1), back.group(1)) not in checked:
            unchecked.append((front.group(1), back.group(1)))
    assert unchecked == []


def test_the_stylesheet_names_only_defined_values_and_scales_with_the_font():
    design = load_design()
    small = stylesheet(design, LIGHT, 10.0)
    large = stylesheet(design, LIGHT, 20.0)
    assert re.search(r"@[a-z]", small) is None
    assert "font-size: 15.0pt" in small and "font-size: 30.0pt" in large  # title = 1.5×
    assert "#f4f6f9" in small and "#f4f6f9" not in stylesheet(design, HIGH_CONTRAST, 10.0)


def test_headings_follow_the_type_scale(qtbot, qapp):
    from desktop.theme import apply_theme
    from desktop.ui.widgets import heading

    apply_theme(qapp)
    page = QWidget()
    qtbot.addWidget(page)
    body, title, display = QLabel("Nội dung"), heading("Thư viện"), heading("Học Vụ Số", 1.8)
    layout = QVBoxLayout(page)
    for label in (body, title, display):
        layout.addWidget(label)
    page.show()
    qtbot.waitExposed(page)
    sizes = [label.fontInfo().pointSizeF() for label in (body, title, display)]
    assert sizes[0] < sizes[1] < sizes[2]


def test_high_contrast_setting_applies_at_once_and_is_kept(qtbot, qapp, tmp_path, starter_packs):
    from desktop.theme import apply_theme

    apply_theme(qapp)
    window = start_app(qtbot, qapp, tmp_path / "data", starter_packs, lang="en")
    create_profile(qtbot, window, "Lan")
    window.show_screen("settings")
    idle(qtbot, window)
    page_colour = window.home.palette().color(QPalette.ColorRole.Window).name()
    assert page_colour == load_design().palettes[LIGHT]["page"]
    box = window.settings.high_contrast
    assert box.text() and not box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    strong = load_design().palettes[HIGH_CONTRAST]
    qtbot.waitUntil(
        lambda: window.home.palette().color(QPalette.ColorRole.Window).name() == strong["page"]
    )
    assert QApplication.instance().property("hocvu_theme") == HIGH_CONTRAST
    assert window.workspace.settings.high_contrast
    from desktop.app_settings import AppSettings

    assert AppSettings.load(window.workspace.settings_path).high_contrast
    box.setChecked(False)
    assert window.home.palette().color(QPalette.ColorRole.Window).name() == page_colour
    window.close()
