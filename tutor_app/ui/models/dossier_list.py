"""The dossier list as a Qt table model: a dumb adapter over ``DossierIndex`` rows.

Filtering and sorting happen in ``DossierIndex`` (plain Python); the model only shows the
positions it is given, formats cells on demand and never queries the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from tutor_app.domain.deadlines import Urgency, urgency_of
from tutor_app.domain.enums import Phase, ProjectStatus, Sector
from tutor_app.domain.formatting import format_date, format_int, format_money
from tutor_app.store.dossier_list import DossierRow
from tutor_app.ui import theme
from tutor_app.ui.i18n import counted
from tutor_app.ui.models.dossier_index import Criteria, DossierIndex

(
    COL_CODE,
    COL_TITLE,
    COL_INVESTOR,
    COL_COUNTRY,
    COL_SECTOR,
    COL_PHASE,
    COL_STATUS,
    COL_CAPEX,
    COL_HIRES,
    COL_PLACE,
    COL_TUTOR,
    COL_DEADLINE,
    COL_PENDING,
) = range(13)
COLUMN_KEYS = (
    "code",
    "title",
    "investor",
    "country",
    "sector",
    "phase",
    "status",
    "capex",
    "hires",
    "place",
    "tutor",
    "deadline",
    "pending",
)
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

_NUMERIC = {COL_CAPEX, COL_HIRES}
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ALIGN = Qt.ItemDataRole.TextAlignmentRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_FONT = Qt.ItemDataRole.FontRole.value
_ANSWERED = frozenset({_TOOLTIP, _ALIGN, _FOREGROUND, _FONT, ROW_ROLE, ID_ROLE})
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_CENTER = int(Qt.AlignmentFlag.AlignCenter.value)
_ModelIndex = QModelIndex | QPersistentModelIndex


def column_titles() -> list[str]:
    return [
        QCoreApplication.translate("DossierList", "Code"),
        QCoreApplication.translate("DossierList", "Project"),
        QCoreApplication.translate("DossierList", "Investor"),
        QCoreApplication.translate("DossierList", "Country"),
        QCoreApplication.translate("DossierList", "Sector"),
        QCoreApplication.translate("DossierList", "Phase"),
        QCoreApplication.translate("DossierList", "Status"),
        QCoreApplication.translate("DossierList", "Capex"),
        QCoreApplication.translate("DossierList", "Hires"),
        QCoreApplication.translate("DossierList", "Municipality"),
        QCoreApplication.translate("DossierList", "Tutor"),
        QCoreApplication.translate("DossierList", "Deadline"),
        QCoreApplication.translate("DossierList", "Sync"),
    ]


def _clip(text: str, limit: int = 40) -> str:
    """Long titles cut before painting: shaping a whole long string only to elide it costs a frame."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class DossierListModel(QAbstractTableModel):
    def __init__(self, lang: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.index_data = DossierIndex([])
        self._visible: list[int] = []
        self._titles = column_titles()
        self._long_titles = list(self._titles)
        self._long_titles[COL_COUNTRY] = QCoreApplication.translate("DossierList", "Country of origin")
        self._long_titles[COL_HIRES] = QCoreApplication.translate("DossierList", "Expected new hires")
        self._long_titles[COL_DEADLINE] = QCoreApplication.translate("DossierList", "Next legal deadline of a permit")
        self._long_titles[COL_PENDING] = QCoreApplication.translate("DossierList", "Changes waiting to be synced")
        self._criteria = Criteria()
        self._sort = (COL_CODE, Qt.SortOrder.AscendingOrder)
        self._bold = QFont()
        self._bold.setBold(True)
        self._overdue = QBrush(QColor(theme.URGENCY_TEXT["overdue"]))
        self._soon = QBrush(QColor(theme.URGENCY_TEXT["due_soon"]))
        self._pending = QBrush(QColor(theme.ACCENT))
        self._today: Any = None
        self._texts: dict[int, list[str]] = {}  # display texts per row (position in index_data.rows)

    # -- feeding ---------------------------------------------------------------------------------

    def set_index(self, index: DossierIndex, today: Any) -> None:
        self.beginResetModel()
        self.index_data = index
        self._today = today
        self._texts.clear()
        column, order = self._sort
        index.sort(COLUMN_KEYS[column], order == Qt.SortOrder.DescendingOrder)
        self._visible = index.matches(self._criteria)
        self.endResetModel()

    def set_criteria(self, criteria: Criteria) -> None:
        self.beginResetModel()
        self._criteria = criteria
        self._visible = self.index_data.matches(criteria)
        self.endResetModel()

    @property
    def criteria(self) -> Criteria:
        return self._criteria

    def update_row(self, row: DossierRow) -> None:
        """A refreshed row after an edit: repaint it where it is (filters apply at the next keystroke)."""
        n = self.index_data.replace(row)
        if n is None:
            return
        self._texts.pop(n, None)
        try:
            position = self._visible.index(n)
        except ValueError:
            return
        self.dataChanged.emit(self.index(position, 0), self.index(position, self.columnCount() - 1))

    def row_at(self, position: int) -> DossierRow:
        return self.index_data.rows[self._visible[position]]

    def position_of(self, project_id: str) -> int | None:
        n = self.index_data.by_id.get(project_id)
        if n is None:
            return None
        try:
            return self._visible.index(n)
        except ValueError:
            return None

    def totals(self, positions: Sequence[int] | None = None) -> tuple[int, int, int]:
        """Dossiers shown (or those at ``positions``: a selection), their capex (cents) and new hires
        (the totals row)."""
        rows = self.index_data.rows
        chosen = self._visible if positions is None else [self._visible[p] for p in positions]
        capex = hires = 0
        for n in chosen:
            r = rows[n]
            capex += r.capex_cents or 0
            hires += r.new_hires or 0
        return len(chosen), capex, hires

    @property
    def total_count(self) -> int:
        return len(self.index_data)

    # -- Qt model interface --------------------------------------------------------------------

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMN_KEYS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._titles[section] if section != COL_PENDING else ""
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._long_titles[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section in _NUMERIC:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMN_KEYS):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_rows = [(self._visible[i.row()], i.column()) for i in old]
        self._sort = (column, order)
        self.index_data.sort(COLUMN_KEYS[column], order == Qt.SortOrder.DescendingOrder)
        self._visible = self.index_data.matches(self._criteria)
        where = {n: p for p, n in enumerate(self._visible)}
        self.changePersistentIndexList(
            old, [self.index(where[n], c) if n in where else QModelIndex() for n, c in old_rows]
        )
        self.layoutChanged.emit()

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every visible cell at each repaint: the display text comes from a
        # per-row cache and roles we never answer return at once (a repaint stays well under a frame).
        if role == _DISPLAY:
            n = self._visible[index.row()]
            texts = self._texts.get(n)
            if texts is None:
                row = self.index_data.rows[n]
                texts = self._texts[n] = [_clip(self._display(row, c)) for c in range(len(COLUMN_KEYS))]
            return texts[index.column()]
        if role not in _ANSWERED or not index.isValid():
            return None
        row = self.index_data.rows[self._visible[index.row()]]
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        if role == _TOOLTIP:
            return self._tooltip(row, column)
        if role == _ALIGN:
            if column in _NUMERIC:
                return _RIGHT
            return _CENTER if column == COL_PENDING else None
        if role == _FOREGROUND:
            if column == COL_DEADLINE and row.overdue_permits:
                return self._overdue
            if (
                column == COL_DEADLINE
                and row.next_due_on
                and self._today
                and urgency_of(row.next_due_on, self._today) is Urgency.DUE_SOON
            ):
                return self._soon
            if column == COL_PENDING:
                return self._pending
            return None
        if role == _FONT and column == COL_DEADLINE and row.overdue_permits:
            return self._bold
        return None

    def _display(self, row: DossierRow, column: int) -> str:
        lang = self.lang
        if column == COL_CODE:
            return row.code
        if column == COL_TITLE:
            return row.title
        if column == COL_INVESTOR:
            return row.investor
        if column == COL_COUNTRY:  # the ISO code keeps the column narrow; the tooltip names the country
            return row.country
        if column == COL_SECTOR:  # "Manifattura (semiconduttori, …)" → "Manifattura"; the tooltip has it all
            return Sector(row.sector).short_label(lang)
        if column == COL_PHASE:
            return Phase(row.phase).label(lang) if row.phase else ""
        if column == COL_STATUS:
            return ProjectStatus(row.status).label(lang)
        if column == COL_CAPEX:
            return format_money(row.capex_cents, lang)
        if column == COL_HIRES:
            return format_int(row.new_hires, lang)
        if column == COL_PLACE:
            return (
                f"{row.municipality} ({row.province})"
                if row.municipality and row.province
                else row.municipality or row.province or ""
            )
        if column == COL_TUTOR:
            return row.tutors
        if column == COL_DEADLINE:
            if row.overdue_permits:
                late = row.overdue_permits
                return counted(QCoreApplication.translate("DossierList", "%n overdue", "", late), late)
            return format_date(row.next_due_on, lang)
        if column == COL_PENDING:
            return theme.PENDING_MARK if row.pending_changes else ""
        return ""

    def _tooltip(self, row: DossierRow, column: int) -> str | None:
        if column == COL_PENDING and row.pending_changes:
            return counted(QCoreApplication.translate(
                "DossierList", "%n change(s) waiting to be synced", "", row.pending_changes
            ), row.pending_changes)
        if column == COL_DEADLINE and row.overdue_permits:
            return counted(QCoreApplication.translate(
                "DossierList", "%n permit(s) past their legal deadline", "", row.overdue_permits
            ), row.overdue_permits)
        if column == COL_SECTOR:
            return Sector(row.sector).label(self.lang)
        if column == COL_COUNTRY:
            from tutor_app.domain.places import country_name  # Babel's locale data: on first hover

            return country_name(row.country, self.lang)
        if column in (COL_TITLE, COL_INVESTOR, COL_PHASE, COL_PLACE, COL_TUTOR):
            return self._display(row, column)
        return None
