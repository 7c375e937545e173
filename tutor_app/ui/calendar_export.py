"""File ▸ Export my calendar… and Dossier ▸ Calendar of this dossier…: the .ics file for Outlook
(``services.calendar_export``), saved where the user says."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from tutor_app.domain.errors import TutorError
from tutor_app.ui.context import AppContext
from tutor_app.ui.errors import show_known_error
from tutor_app.ui.i18n import counted


def export_calendar(ctx: AppContext, parent: QWidget, project_id: str | None, path: str | None = None) -> str | None:
    """Ask where (unless ``path`` is given), write, and say what was written; the path or None."""
    from tutor_app.services.calendar_export import export_calendar as write_calendar

    title = QCoreApplication.translate("CalendarExport", "Export calendar")
    if path is None:
        name = QCoreApplication.translate("CalendarExport", "calendar")
        suggested = str(Path.home() / f"tutor-{name}-{date.today():%Y%m%d}.ics")
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested,
                                              QCoreApplication.translate("CalendarExport", "Calendars (*.ics)"))
        if not path:
            return None
    try:
        result = write_calendar(ctx.ws, Path(path), project_id, ctx.lang)
    except TutorError as exc:
        show_known_error(parent, exc)
        return None
    text = " ".join((
        counted(QCoreApplication.translate("CalendarExport", "%n meeting(s) and", "", result.meetings),
                result.meetings),
        counted(QCoreApplication.translate("CalendarExport", "%n permit deadline(s) written to %1.", "",
                                           result.deadlines), result.deadlines).replace("%1", str(result.path)),
        QCoreApplication.translate("CalendarExport", "In Outlook: File ▸ Open & Export ▸ Import/Export, or open "
                                   "the file; importing a newer export updates these events."),
    ))
    QMessageBox.information(parent, title, text)
    return str(result.path)
