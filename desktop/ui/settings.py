"""Settings: language, text size, idle lock; the ministry server; about this app."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.sync_panel import SyncBox
from desktop.ui.widgets import heading


class SettingsScreen(QWidget):
    language_changed = Signal(str)
    font_size_changed = Signal(int)
    idle_lock_changed = Signal(int)
    server_changed = Signal(str)
    high_contrast_changed = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.title = heading()
        self.language = QComboBox()
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.currentIndexChanged.connect(
            lambda: self.language_changed.emit(self.language.currentData())
        )
        self.font_size = QSpinBox()
        self.font_size.setRange(8, 32)
        self.font_size.valueChanged.connect(self.font_size_changed)
        self.idle = QSpinBox()
        self.idle.setRange(1, 240)
        self.idle.valueChanged.connect(self.idle_lock_changed)
        for spin in (self.font_size, self.idle):
            # Wide enough for three digits and the arrows, never the whole row.
            spin.setMinimumWidth(110)
            spin.setMaximumWidth(140)
        self.high_contrast = QCheckBox()
        self.high_contrast.toggled.connect(self.high_contrast_changed)
        self.sync = SyncBox()
        self.server = self.sync.server
        self.sync.server_changed.connect(self.server_changed)
        self.labels = [QLabel() for _ in range(3)]
        self.box = QGroupBox()
        form = QFormLayout(self.box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for label, field in zip(
            self.labels, (self.language, self.font_size, self.idle), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.high_contrast)
        self.about_box = QGroupBox()
        self.about = QLabel()
        self.about.setWordWrap(True)
        QVBoxLayout(self.about_box).addWidget(self.about)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.box)
        layout.addWidget(self.sync)
        layout.addWidget(self.about_box)
        layout.addStretch()
        self._about_facts = None
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Settings"))
        self.box.setTitle(self.tr("This computer"))
        for label, text in zip(
            self.labels,
            (
                self.tr("&Language"),
                self.tr("&Text size"),
                self.tr("&Lock after (minutes idle)"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.language.setAccessibleName(self.tr("Language"))
        self.font_size.setAccessibleName(self.tr("Text size"))
        self.idle.setAccessibleName(self.tr("Lock after minutes idle"))
        self.high_contrast.setText(self.tr("&High contrast (black on white, stronger marks)"))
        self.sync.retranslate()
        self.about_box.setTitle(self.tr("About"))
        if self._about_facts:
            self.show_about(self._about_facts)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_settings(self, settings) -> None:
        fields = (self.language, self.font_size, self.idle, self.server, self.high_contrast)
        for widget in fields:
            widget.blockSignals(True)
        self.high_contrast.setChecked(settings.high_contrast)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.font_size.setValue(settings.font_size)
        self.idle.setValue(settings.idle_lock_minutes)
        self.server.setText(settings.server_url)
        for widget in fields:
            widget.blockSignals(False)

    def show_about(self, facts: dict) -> None:
        self._about_facts = facts
        lines = [
            self.tr("Học Vụ Số %1 (pack format %2, store schema %3, Qt %4)")
            .replace("%1", facts["app"])
            .replace("%2", str(facts["format"]))
            .replace("%3", str(facts["schema"]))
            .replace("%4", facts["qt"]),
            self.tr("Trust list version %1, issued %2 (%3 days ago), expires %4.")
            .replace("%1", str(facts["trust_version"]))
            .replace("%2", facts["trust_issued"])
            .replace("%3", str(facts["trust_age_days"]))
            .replace("%4", facts["trust_expires"])
            if facts.get("trust_version")
            else self.tr("No trust list installed."),
            self.tr("%n pack(s) installed.", "", facts["packs"]),
            self.tr("Data folder: %1").replace("%1", facts["data_dir"]),
        ]
        if facts.get("development_root"):
            lines.append(
                self.tr("This build trusts the DEVELOPMENT root key: not for production use.")
            )
        self.about.setText("\n".join(lines))
