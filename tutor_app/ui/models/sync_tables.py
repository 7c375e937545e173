"""Table models of the conflicts inbox and of the pending-changes view.

Dumb adapters over the plain views of ``services.conflicts`` (already in the language of the
domain): ``set_rows`` inside a model reset, ``COL_*`` constants, ``VIEW_ROLE`` for the view.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from tutor_app.domain.formatting import format_instant
from tutor_app.ui.models.dossier_tables import VIEW_ROLE, _ModelIndex

if TYPE_CHECKING:
    from tutor_app.services.conflicts import ConflictView, PendingChange, RejectionView

ID_ROLE = Qt.ItemDataRole.UserRole + 2


def _tr(text: object) -> str:
    return QCoreApplication.translate("SyncTables", str(text))


class _Rows(QAbstractTableModel):
    HEADERS: tuple[object, ...] = ()

    def __init__(self, lang: str = "it", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, n: int) -> Any:
        return self.rows[n]

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.HEADERS[section])
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        view = self.rows[index.row()]
        if role == VIEW_ROLE:
            return view
        if role == ID_ROLE:
            return self.key(view)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(view, index.column())
        return None

    def key(self, view: Any) -> str:
        raise NotImplementedError

    def text(self, view: Any, column: int) -> str:
        raise NotImplementedError


COL_C_SUBJECT, COL_C_FIELD, COL_C_WHAT, COL_C_WHO = range(4)


class ConflictModel(_Rows):
    HEADERS = (
        QT_TRANSLATE_NOOP("SyncTables", "Record"),
        QT_TRANSLATE_NOOP("SyncTables", "Field"),
        QT_TRANSLATE_NOOP("SyncTables", "What happened"),
        QT_TRANSLATE_NOOP("SyncTables", "Other version by"),
    )

    def key(self, view: ConflictView) -> str:
        return view.id

    def text(self, view: ConflictView, column: int) -> str:
        from tutor_app.domain.enums import ConflictKind

        if column == COL_C_SUBJECT:
            return view.subject + (f" ({view.project_code})" if view.project_code and view.project_code not in
                                   view.subject else "")
        if column == COL_C_FIELD:
            return view.field_label if view.field else ""
        if column == COL_C_WHAT:
            return {
                ConflictKind.FIELD: _tr(QT_TRANSLATE_NOOP("SyncTables", "edited by two people")),
                ConflictKind.DELETE_EDIT: _tr(QT_TRANSLATE_NOOP("SyncTables", "deleted while being edited")),
                ConflictKind.REJECTED: _tr(QT_TRANSLATE_NOOP("SyncTables", "change refused")),
            }.get(view.kind, str(view.kind))
        other = view.kept_by if not view.mine_kept else view.lost_by
        return other or ""


COL_R_SUBJECT, COL_R_REASON, COL_R_WHEN = range(3)


class RejectionModel(_Rows):
    HEADERS = (
        QT_TRANSLATE_NOOP("SyncTables", "Record"),
        QT_TRANSLATE_NOOP("SyncTables", "Why the server refused it"),
        QT_TRANSLATE_NOOP("SyncTables", "When"),
    )

    def key(self, view: RejectionView) -> str:
        return view.change_id

    def text(self, view: RejectionView, column: int) -> str:
        if column == COL_R_SUBJECT:
            return view.subject
        if column == COL_R_REASON:
            return view.reason
        return format_instant(view.rejected_at, self.lang)


COL_P_SUBJECT, COL_P_FIELD, COL_P_VALUE, COL_P_SINCE = range(4)


class PendingModel(_Rows):
    HEADERS = (
        QT_TRANSLATE_NOOP("SyncTables", "Record"),
        QT_TRANSLATE_NOOP("SyncTables", "Field"),
        QT_TRANSLATE_NOOP("SyncTables", "New value"),
        QT_TRANSLATE_NOOP("SyncTables", "Changed on"),
    )

    def key(self, view: PendingChange) -> str:
        return f"{view.table}:{view.row_id}:{view.field}"

    def text(self, view: PendingChange, column: int) -> str:
        if column == COL_P_SUBJECT:
            return view.subject
        if column == COL_P_FIELD:
            return view.field_label
        if column == COL_P_VALUE:
            value = view.value.replace("\n", " ")
            return value if len(value) <= 120 else value[:119] + "…"
        since = format_instant(view.since, self.lang)
        if view.in_flight:
            since += " " + _tr(QT_TRANSLATE_NOOP("SyncTables", "(being sent)"))
        return since
