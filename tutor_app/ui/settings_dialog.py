"""Settings: the language (Italian, English, or the computer's) and the sync server of the profile.

The server address and user name are stored with the profile (its local state, where the sync
service reads them), never in the desktop settings file; the password is not asked here: the
first sync asks for it and keeps it in the system keyring.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tutor_app.domain.errors import TlsPolicyError, TutorError
from tutor_app.ui.error_messages import known_error_text
from tutor_app.ui.settings import SYSTEM_LANGUAGE, Settings

if TYPE_CHECKING:
    from tutor_app.services.workspace import Workspace


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None, ws: Workspace | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.ws = ws
        self.language_changed = False
        self.server_changed = False
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)
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
        self.server_url = QLineEdit()
        self.server_url.setObjectName("serverUrlEdit")
        self.user_name = QLineEdit()
        self.user_name.setObjectName("userNameEdit")
        self.server_error = QLabel()
        self.server_error.setObjectName("fieldError")
        self.server_error.setWordWrap(True)
        self.server_error.hide()
        self._initial = ("", "")
        if ws is not None:
            layout.addWidget(self._server_box(ws))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _server_box(self, ws: Workspace) -> QGroupBox:
        from tutor_app.services.sync_profile import is_demo, remembered_target

        box = QGroupBox(self.tr("Sync with the shared server"))
        form = QFormLayout(box)
        self._initial = remembered_target(ws)
        self.server_url.setText(self._initial[0])
        self.server_url.setPlaceholderText("postgresql://server.regione.it/tutor")
        self.server_url.setAccessibleName(self.tr("Server address"))
        self.user_name.setText(self._initial[1])
        self.user_name.setAccessibleName(self.tr("User name"))
        form.addRow(self.tr("Server address"), self.server_url)
        form.addRow(self.tr("User name"), self.user_name)
        form.addRow(self.server_error)
        hint = QLabel(self.tr("Given by IT. The password is asked at the first sync and kept in the system keyring."))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        form.addRow(hint)
        if is_demo(ws):
            self.server_url.setEnabled(False)
            self.user_name.setEnabled(False)
            hint.setText(self.tr("This is a demo profile: it never syncs with a real server."))
        return box

    def _refuse_address(self, message: str) -> None:
        self.server_error.setText(message)
        self.server_error.show()
        self.server_url.setFocus()

    def accept(self) -> None:
        if self.ws is not None and self.server_url.isEnabled():
            wanted = (self.server_url.text().strip(), self.user_name.text().strip())
            if wanted != self._initial:
                from tutor_app.services.sync_profile import remember_target

                try:
                    remember_target(self.ws, *wanted)
                except TlsPolicyError as exc:
                    self._refuse_address(known_error_text(exc))
                    return
                except TutorError:
                    self._refuse_address(
                        self.tr(
                            "Not a server address: write it as postgresql://host:port/database, without a password."
                        )
                    )
                    return
                self.server_changed = True
        choice = str(self.language.currentData())
        before = self.settings.language()
        self.settings.language_choice = choice
        self.language_changed = self.settings.language() != before
        super().accept()
