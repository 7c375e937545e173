"""The recycle bin's table: one deleted record per row, as ``services.recycle_bin`` words it
(what, where, when, by whom), the latest deletion first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from tutor_app.domain.formatting import format_datetime
from tutor_app.ui.models.dossier_tables import _ViewTable

if TYPE_CHECKING:
    from tutor_app.services.recycle_bin import DeletedRecord

COL_WHAT, COL_WHERE, COL_WHEN, COL_WHO = range(4)
_HEADERS = (
    QT_TRANSLATE_NOOP("RecycleBin", "Record"),
    QT_TRANSLATE_NOOP("RecycleBin", "Dossier"),
    QT_TRANSLATE_NOOP("RecycleBin", "Deleted on"),
    QT_TRANSLATE_NOOP("RecycleBin", "By"),
)


class DeletedModel(_ViewTable["DeletedRecord"]):
    def __init__(self, lang: str, parent: Any = None) -> None:
        super().__init__(lang, parent)
        self.headers = [QCoreApplication.translate("RecycleBin", str(h)) for h in _HEADERS]

    def cell(self, r: DeletedRecord, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == COL_WHAT:
                return r.what
            if column == COL_WHERE:
                return r.where or ""
            if column == COL_WHEN:
                return format_datetime(r.deleted_at, self.lang)
            if column == COL_WHO:
                return r.who
        return None
