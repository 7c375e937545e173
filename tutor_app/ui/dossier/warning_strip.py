"""The strip over a dossier's tabs that warns before an edit: the dossier is followed by another
tutor ("Dossier seguito da Anna Bianchi"), or the local copy has not heard from the server for
days ("ultimo aggiornamento dal server 12 giorni fa"). Hidden when there is nothing to say."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from tutor_app.ui.i18n import counted

if TYPE_CHECKING:
    from tutor_app.services.dossier_warnings import DossierWarnings


class WarningStrip(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossierWarnings")
        self.setStyleSheet("QFrame#dossierWarnings { background: #fff1c9; border: 1px solid #e8cf7a;"
                           " border-radius: 4px; } QFrame#dossierWarnings QLabel { border: none; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 10, 4)
        self.text = QLabel()
        self.text.setObjectName("dossierWarningText")
        self.text.setWordWrap(True)
        row.addWidget(self.text, 1)
        self.hide()

    def show_warnings(self, warnings: DossierWarnings) -> None:
        parts = []
        if warnings.followed_by:
            parts.append(self.tr("Dossier followed by %1: your edits reach them at the next sync.")
                         .replace("%1", ", ".join(warnings.followed_by)))
        if warnings.stale_days is not None:
            parts.append(counted(self.tr("Last update from the server %n day(s) ago: sync (F5) before editing, others "
                                 "may have changed it.", "", warnings.stale_days), warnings.stale_days))
        self.text.setText("\n".join(parts))
        self.text.setAccessibleName(self.text.text())
        self.setVisible(bool(parts))
