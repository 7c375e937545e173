"""Settings: the language (Italian, English, or the computer's) and the sync server of the profile.

The server is given as IT gives it: a host name (``db.regione.lombardia.it``), with the port
(5432) and the database name beside it, both shown and editable; a whole ``postgresql://``
address pasted as the host is taken apart into them. The address they make, and the TLS mode a
sync will use (``verify-full`` for any host but loopback) in words ("encrypted, the server's
identity checked"; the mode itself in the tooltip, for IT), are shown under them. The address and
the user name are stored with the profile (its local state, where the sync service reads them),
never in the desktop settings file; the password is not asked here: the first sync asks for it,
once the server has answered, and keeps it in the system keyring.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from tutor_app.domain.errors import BadAddressError, TlsPolicyError, TutorError, ValidationError
from tutor_app.ui.error_messages import known_error_text, validation_text
from tutor_app.ui.settings import SYSTEM_LANGUAGE, Settings
from tutor_app.ui.widgets.fields import LineField, place_field

if TYPE_CHECKING:
    from tutor_app.services.sync_profile import ServerFields
    from tutor_app.services.workspace import Workspace


# What each of libpq's TLS modes (``sync.tls.SSLMODES``) means to the person syncing.
_TLS_WORDS = {
    "verify-full": QT_TRANSLATE_NOOP("SettingsDialog", "encrypted, the server's identity checked"),
    "verify-ca": QT_TRANSLATE_NOOP("SettingsDialog", "encrypted, the server's certificate checked but not its name"),
    "require": QT_TRANSLATE_NOOP("SettingsDialog", "encrypted, the server's identity not checked"),
    "prefer": QT_TRANSLATE_NOOP("SettingsDialog", "encrypted if the server offers it"),
    "allow": QT_TRANSLATE_NOOP("SettingsDialog", "encrypted only if the server asks for it"),
    "disable": QT_TRANSLATE_NOOP("SettingsDialog", "not encrypted"),
}


def tls_words(mode: str) -> str:
    """A TLS mode (``verify-full``) in words, in the window's language; an unknown one as it is."""
    source = _TLS_WORDS.get(mode)
    return QCoreApplication.translate("SettingsDialog", str(source)) if source is not None else mode


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
        self.host = LineField("host", self.tr("Server"), placeholder="db.regione.lombardia.it", max_len=300)
        self.port = LineField("port", self.tr("Port"), max_len=5)
        self.database = LineField("database", self.tr("Database"), max_len=63)
        self.user = LineField("user", self.tr("User name"), max_len=60)
        self.server_url = self.host.line  # a plain host name, or a whole address pasted
        self.server_url.setObjectName("serverUrlEdit")
        self.user_name = self.user.line
        self.user_name.setObjectName("userNameEdit")
        self.address = QLabel()
        self.address.setObjectName("serverAddress")
        self.address.setWordWrap(True)
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
        from tutor_app.services.sync_profile import DEFAULT_DATABASE, DEFAULT_PORT, is_demo, remembered_target

        box = QGroupBox(self.tr("Sync with the shared server"))
        form = QVBoxLayout(box)
        grid = QGridLayout()
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        form.addLayout(grid)
        url, user = remembered_target(ws)
        self.port.set_value(DEFAULT_PORT)
        self.database.set_value(DEFAULT_DATABASE)
        self.host.set_value(url)
        self.user.set_value(user)
        if url:
            fields = self._fields(quiet=True)
            if fields is not None:  # shown taken apart; an address Tutor now refuses stays whole
                self.host.set_value(fields.host)
                self.port.set_value(fields.port)
                self.database.set_value(fields.database)
                self._query, self._query_host = fields.query, fields.host
                url = fields.url
        self._initial = (url, user)
        self.port.line.setMaximumWidth(90)
        for row, field in enumerate((self.host, self.port, self.database, self.user)):
            place_field(grid, row, 0, field).setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addWidget(self.address)
        form.addWidget(self.server_error)
        hint = QLabel(self.tr("Given by IT. The password is asked at the first sync, once the server has answered, "
                              "and kept in the system keyring."))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        form.addWidget(hint)
        for field in (self.host, self.port, self.database):
            field.line.textChanged.connect(self._show_address)
        self._show_address()
        if is_demo(ws):
            for field in (self.host, self.port, self.database, self.user):
                field.line.setEnabled(False)
            hint.setText(self.tr("This is a demo profile: it never syncs with a real server."))
        return box

    _query = ""  # what a remembered address said besides host, port and database (a TLS mode)
    _query_host = ""

    def _fields(self, quiet: bool = False) -> ServerFields | None:
        """The server the fields name, or None (with the reason under its field unless ``quiet``)."""
        from tutor_app.services.sync_profile import server_fields

        try:
            fields = server_fields(self.host.line.text(), self.port.line.text(), self.database.line.text())
        except BadAddressError:
            if not quiet:
                self._refuse_address(self._not_an_address())
            return None
        except ValidationError as exc:
            if not quiet:
                target = {"host": self.host, "port": self.port, "database": self.database}.get(exc.field, self.host)
                target.show_error(self._field_text(exc))
                target.line.setFocus()
            return None
        if self._query and not fields.query and fields.host == self._query_host:
            fields = replace(fields, query=self._query)  # the remembered address's TLS mode, same host
        return fields

    def _field_text(self, exc: ValidationError) -> str:
        if exc.field == "port" and "required" not in exc.message:
            return self.tr("Enter a port between 1 and 65535 (usually 5432).")
        if exc.field == "host" and "required" not in exc.message:
            return self.tr("Enter the server's name as IT gives it, e.g. db.regione.lombardia.it.")
        if exc.field == "database" and "required" not in exc.message:
            return self.tr("A database name has no spaces, slashes or question marks.")
        return validation_text(exc)

    def _show_address(self) -> None:
        """The address the fields make and its TLS mode, as a sync will use them."""
        from tutor_app.services.sync_profile import tls_mode

        self.address.setToolTip("")
        if not self.host.line.text().strip():
            self.address.setText(self.tr("No server: this profile does not sync."))
            return
        fields = self._fields(quiet=True)
        if fields is None:
            self.address.setText("")
            return
        try:
            mode = tls_mode(fields.url)
        except TutorError:
            self.address.setText(fields.url)
            return
        self.address.setText(self.tr("Address: %1").replace("%1", fields.url) + "\n"
                             + self.tr("Connection: %1").replace("%1", tls_words(mode)))
        self.address.setToolTip(self.tr("TLS mode, for IT: %1").replace("%1", mode))

    def _not_an_address(self) -> str:
        return self.tr("Not a server address: write it as postgresql://host:port/database, without a password.")

    def _refuse_address(self, message: str) -> None:
        self.server_error.setText(message)
        self.server_error.show()
        self.server_url.setFocus()

    def accept(self) -> None:
        if self.ws is not None and self.server_url.isEnabled():
            for field in (self.host, self.port, self.database, self.user):
                field.clear_error()
            self.server_error.hide()
            wanted = ("", self.user_name.text().strip())
            if self.server_url.text().strip():
                fields = self._fields()
                if fields is None:
                    return
                wanted = (fields.url, wanted[1] or fields.user)
                if not wanted[1]:
                    self.user.show_error(validation_text(ValidationError("user", "is required")))
                    self.user_name.setFocus()
                    return
            if wanted != self._initial:
                from tutor_app.services.sync_profile import remember_target

                try:
                    remember_target(self.ws, *wanted)
                except TlsPolicyError as exc:
                    self._refuse_address(known_error_text(exc))
                    return
                except TutorError:
                    self._refuse_address(self._not_an_address())
                    return
                self.server_changed = True
        choice = str(self.language.currentData())
        before = self.settings.language()
        self.settings.language_choice = choice
        self.language_changed = self.settings.language() != before
        super().accept()
