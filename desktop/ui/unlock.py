"""Choosing a profile and typing its passphrase; creating the first profile."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.ui.widgets import StatusLine, centred_card, heading

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class UnlockScreen(QWidget):
    unlock_requested = Signal(str, str)  # profile id, passphrase
    new_profile_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.title = heading(size=1.8)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.profile = QComboBox()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = StatusLine()
        self.unlock_button = QPushButton()
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._unlock)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_profile_requested)
        self.profile_label, self.passphrase_label = QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.profile_label, self.profile)
        form.addRow(self.passphrase_label, self.passphrase)
        self.profile_label.setBuddy(self.profile)
        self.passphrase_label.setBuddy(self.passphrase)
        centred_card(
            self,
            [self.title, self.subtitle, form, self.error],
            (self.new_button, self.unlock_button),
            520,
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Học Vụ Số"))
        self.subtitle.setText(self.tr("Choose your profile and type your passphrase to continue."))
        self.profile_label.setText(self.tr("&Profile"))
        self.passphrase_label.setText(self.tr("Pass&phrase"))
        self.unlock_button.setText(self.tr("&Unlock"))
        self.new_button.setText(self.tr("&New profile…"))
        self.profile.setAccessibleName(self.tr("Profile"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event) -> None:
        # Enter anywhere on the form unlocks (a focused button takes Enter itself).
        if event.key() in _ENTER:
            self._unlock()
            return
        super().keyPressEvent(event)

    def set_profiles(self, profiles: list[tuple[str, str]]) -> None:
        self.profile.clear()
        for profile_id, name in profiles:
            self.profile.addItem(name, profile_id)
        self.passphrase.clear()
        self.error.clear()
        self.unlock_button.setEnabled(True)
        self.passphrase.setFocus()

    def show_error(self, message: str) -> None:
        self.error.show_error(message)
        self.passphrase.selectAll()
        self.passphrase.setFocus()
        self.unlock_button.setEnabled(True)

    def _unlock(self) -> None:
        if (
            self.profile.currentData() is None
            or not self.passphrase.text()
            or not self.unlock_button.isEnabled()  # already unlocking
        ):
            return
        self.error.show_progress(self.tr("Unlocking…"))
        self.unlock_button.setEnabled(False)
        self.unlock_requested.emit(self.profile.currentData(), self.passphrase.text())


class NewProfileScreen(QWidget):
    """First run and "new profile": language, name, passphrase, placement test."""

    create_requested = Signal(str, str, bool)  # display name, passphrase, take placement
    language_chosen = Signal(str)
    cancelled = Signal()

    def __init__(self, hint) -> None:
        super().__init__()
        self._hint = hint  # passphrase -> PassphraseHint, from the store (no Qt)
        self.title = heading(size=1.6)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.language = QComboBox()
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.currentIndexChanged.connect(
            lambda: self.language_chosen.emit(self.language.currentData())
        )
        self.name = QLineEdit()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.textChanged.connect(self._update_hint)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        # Two lines kept for the hint whatever it says: the card does not jump as it changes.
        self.strength = StatusLine(2)
        self.strength.setProperty("role", "hint")
        self.placement = QCheckBox()
        self.placement.setChecked(True)
        self.error = StatusLine(2)
        self.create_button = QPushButton()
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancelled)
        self.labels = [QLabel() for _ in range(4)]
        form = QFormLayout()
        for label, field in zip(
            self.labels, (self.language, self.name, self.passphrase, self.repeat), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.strength)
        form.addRow("", self.placement)
        centred_card(
            self,
            [self.title, self.intro, form, self.error],
            (self.cancel_button, self.create_button),
            640,
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Create your profile"))
        self.intro.setText(
            self.tr(
                "Your progress stays on this computer, encrypted with your passphrase. "
                "The name is shown on the unlock screen, so a nickname is fine. "
                "There is no way to recover a forgotten passphrase on this computer; "
                "once you have synced, the ministry server holds a copy of your results."
            )
        )
        for label, text in zip(
            self.labels,
            (self.tr("&Language"), self.tr("&Name"), self.tr("Pass&phrase"), self.tr("&Repeat it")),
            strict=True,
        ):
            label.setText(text)
        self.language.setAccessibleName(self.tr("Language"))
        self.name.setAccessibleName(self.tr("Name"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.repeat.setAccessibleName(self.tr("Repeat the passphrase"))
        self.placement.setText(self.tr("Take the placement test to skip what I already know"))
        self.create_button.setText(self.tr("&Create profile"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._update_hint()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in _ENTER:
            self._create()
            return
        super().keyPressEvent(event)

    def reset(self, language: str, can_cancel: bool) -> None:
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.language.blockSignals(False)
        for field in (self.name, self.passphrase, self.repeat):
            field.clear()
        self.error.clear()
        self.create_button.setEnabled(True)
        self.cancel_button.setVisible(can_cancel)
        self.name.setFocus()

    def _update_hint(self) -> None:
        text = self.passphrase.text()
        if not text:
            self.strength.setText(
                self.tr("Use four or more random words, e.g. “river cloud pencil forty-two”.")
            )
            return
        hint = self._hint(text)
        labels = {
            "TOO_SHORT": self.tr("Too short: use at least 8 characters; longer is better."),
            "WEAK": self.tr("Weak: too easy to guess."),
            "FAIR": self.tr("Fair: add another word or two."),
            "GOOD": self.tr("Good."),
            "STRONG": self.tr("Strong. Write it down somewhere safe, away from the computer."),
        }
        self.strength.setText(labels.get(hint.strength.name, hint.strength.name))

    def show_error(self, message: str) -> None:
        self.error.show_error(message)
        self.create_button.setEnabled(True)

    def _create(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.show_error(self.tr("Please enter a name."))
            self.name.setFocus()
            return
        if self.passphrase.text() != self.repeat.text():
            self.show_error(self.tr("The two passphrases differ."))
            self.repeat.setFocus()
            return
        if not self.create_button.isEnabled():
            return  # already creating: a second Enter must not make a second profile
        self.error.show_progress(self.tr("Creating your encrypted profile…"))
        self.create_button.setEnabled(False)
        self.create_requested.emit(name, self.passphrase.text(), self.placement.isChecked())
