"""Table models of the conflicts inbox and of the pending-changes view.

Dumb adapters over the plain views of ``services.conflicts`` (already in the language of the
domain): ``set_rows`` inside a model reset, ``COL_*`` constants, ``VIEW_ROLE`` for the view.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractItemModel, QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from tutor_app.domain.formatting import format_instant
from tutor_app.ui.i18n import counted
from tutor_app.ui.models.dossier_tables import VIEW_ROLE, _ModelIndex

if TYPE_CHECKING:
    from tutor_app.services.conflicts import ConflictView, PendingChange, RejectionView
    from tutor_app.services.pending import PendingDossier

ID_ROLE = Qt.ItemDataRole.UserRole + 2


def _tr(text: object, n: int = -1) -> str:
    return QCoreApplication.translate("SyncTables", str(text), None, n)


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
        return view.other_by or ""  # the other version's, the deletion's or edits', a refused change's author


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


COL_T_WHAT, COL_T_BEFORE, COL_T_AFTER, COL_T_SINCE = range(4)
NEW, CHANGED, DELETED, RESTORED = "new", "changed", "deleted", "restored"  # services.pending's actions
_ELLIPSIS_AT = 120


def _short(value: str | None) -> str:
    if value is None:
        return ""
    flat = value.replace("\n", " ")
    return flat if len(flat) <= _ELLIPSIS_AT else flat[: _ELLIPSIS_AT - 1] + "…"


class PendingTreeModel(QAbstractItemModel):
    """The changes waiting, as a tree: dossier › record › field (old value → new value).

    A dumb adapter over ``services.pending``'s groups: ``set_groups`` inside a model reset; the
    internal id of an index names its node (0: a dossier, else the dossier's and record's place)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("SyncTables", "Dossier, record, field"),
        QT_TRANSLATE_NOOP("SyncTables", "Before"),
        QT_TRANSLATE_NOOP("SyncTables", "Now"),
        QT_TRANSLATE_NOOP("SyncTables", "Changed on"),
    )

    def __init__(self, lang: str = "it", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.groups: list[PendingDossier] = []

    def set_groups(self, groups: Sequence[PendingDossier]) -> None:
        self.beginResetModel()
        self.groups = list(groups)
        self.endResetModel()

    # Internal ids: 0 for a dossier row; (dossier + 1) << 20 | (record + 1) for a field's record
    # parent, i.e. a field row carries its record's place; a record row carries its dossier's.
    @staticmethod
    def _record_key(dossier: int, record: int) -> int:
        return ((dossier + 1) << 20) | (record + 1)

    def _place(self, index: _ModelIndex) -> tuple[int, int | None, int | None]:
        """(dossier, record, field) of a valid index; None below the depth of the index."""
        key = index.internalId()
        if key == 0:
            return index.row(), None, None
        if key & 0xFFFFF == 0:  # a record row: its dossier is in the high part
            return (key >> 20) - 1, index.row(), None
        return (key >> 20) - 1, (key & 0xFFFFF) - 1, index.row()

    def index(self, row: int, column: int, parent: _ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        dossier, record, _field = self._place(parent)
        if record is None:
            return self.createIndex(row, column, (dossier + 1) << 20)
        return self.createIndex(row, column, self._record_key(dossier, record))

    def parent(self, index: _ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        dossier, record, field = self._place(index)
        if record is None:
            return QModelIndex()
        if field is None:
            return self.createIndex(dossier, 0, 0)
        return self.createIndex(record, 0, (dossier + 1) << 20)

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.groups)
        if parent.column() != 0:
            return 0
        dossier, record, field = self._place(parent)
        if record is None:
            return len(self.groups[dossier].records)
        if field is None:
            return len(self.groups[dossier].records[record].fields)
        return 0

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.HEADERS[section])
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                               VIEW_ROLE):
            return None
        dossier, record, field = self._place(index)
        group = self.groups[dossier]
        column = index.column()
        if record is None:
            if role == VIEW_ROLE:
                return group
            if column == COL_T_WHAT:  # the view spans the dossier's line over every column
                return f"{group.name} · " + counted(_tr(QT_TRANSLATE_NOOP("SyncTables", "%n change(s)"), group.changes),
                                                    group.changes)
            return ""
        rec = group.records[record]
        if field is None:
            if role == VIEW_ROLE:
                return rec
            if column == COL_T_WHAT:
                return rec.subject
            if column == COL_T_AFTER:
                return _tr(_ACTIONS[rec.action]) if rec.action != CHANGED else ""
            if column == COL_T_SINCE:
                since = format_instant(rec.since, self.lang)
                return since + (" " + _tr(QT_TRANSLATE_NOOP("SyncTables", "(being sent)")) if rec.in_flight else "")
            return ""
        item = rec.fields[field]
        if role == VIEW_ROLE:
            return item
        whole = role == Qt.ItemDataRole.ToolTipRole
        if column == COL_T_WHAT:
            return item.label
        if column == COL_T_BEFORE:
            if item.before is None:
                return "" if rec.action == NEW else "—"
            return item.before if whole else _short(item.before)
        if column == COL_T_AFTER:
            shown = item.after if item.after is not None else _tr(QT_TRANSLATE_NOOP("SyncTables", "(empty)"))
            return shown if whole else _short(shown)
        return ""


_ACTIONS = {
    NEW: QT_TRANSLATE_NOOP("SyncTables", "new"),
    DELETED: QT_TRANSLATE_NOOP("SyncTables", "deleted"),
    RESTORED: QT_TRANSLATE_NOOP("SyncTables", "restored"),
    CHANGED: QT_TRANSLATE_NOOP("SyncTables", "changed"),
}
