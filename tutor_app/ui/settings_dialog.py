"""Settings: the language (Italian, English, or the computer's)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from tutor_app.ui.settings import SYSTEM_LANGUAGE, Settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.language_changed = False
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        self.language.setAccessibleName(self.tr("Language"))
        # Language names in their own language, so a user who picked the wrong one can find theirs.
        self.language.addItem("Italiano", "it")
        self.language.addItem("English", "en")
        self.language.addItem(self.tr("Same as the computer"), SYSTEM_LANGUAGE)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language_choice)))
        form.addRow(self.tr("Language"), self.language)
        layout.addLayout(form)
        note = QLabel(self.tr("The window is rebuilt in the new language; nothing you typed is lost."))
        note.setObjectName("muted")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        choice = str(self.language.currentData())
        before = self.settings.language()
        self.settings.language_choice = choice
        self.language_changed = self.settings.language() != before
        super().accept()
