"""Table models of one dossier: meetings, action items, permits, aftercare notes.

Each is a dumb adapter over the immutable read-model views of ``store.queries``: ``set_rows``
inside a model reset, ``COL_*`` constants, ``VIEW_ROLE`` for the view object. Editable cells
(action items) hand the new value to a callback that calls the service; the model changes only
when the dossier is reloaded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from tutor_app.domain.deadlines import Urgency, is_overdue
from tutor_app.domain.enums import AftercareTopic, WorkingTable
from tutor_app.domain.formatting import format_date, format_datetime
from tutor_app.domain.permit_catalogue import permit_words
from tutor_app.store.queries import ActionItemView, AftercareView, MeetingView, PermitView
from tutor_app.ui import theme
from tutor_app.ui.i18n import counted

VIEW_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
_ModelIndex = QModelIndex | QPersistentModelIndex
V = TypeVar("V")


def _translated(*texts: object) -> list[str]:
    """Header texts marked with QT_TRANSLATE_NOOP (typed as object), translated now."""
    return [QCoreApplication.translate("DossierTables", str(text)) for text in texts]


class _ViewTable(QAbstractTableModel, Generic[V]):
    """Shared plumbing: rows of one view type, fixed headers, the view and its id as roles."""

    def __init__(self, lang: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.rows: list[V] = []
        self.headers: list[str] = []

    def set_rows(self, rows: Sequence[V]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        view = self.rows[index.row()]
        if role == VIEW_ROLE:
            return view
        if role == ID_ROLE:
            return view.id  # type: ignore[attr-defined]
        return self.cell(view, index.column(), role)

    def cell(self, view: V, column: int, role: int) -> Any:
        raise NotImplementedError

    def row_of(self, row_id: str) -> int | None:
        for n, view in enumerate(self.rows):
            if view.id == row_id:  # type: ignore[attr-defined]
                return n
        return None


COL_M_WHEN, COL_M_TABLE, COL_M_PLACE, COL_M_ACTIONS = range(4)


class MeetingModel(_ViewTable[MeetingView]):
    """The timeline: one meeting per row, coloured by its working table."""

    def __init__(self, lang: str, parent: Any = None) -> None:
        super().__init__(lang, parent)
        self.headers = _translated(
            QT_TRANSLATE_NOOP("DossierTables", "Date"),
            QT_TRANSLATE_NOOP("DossierTables", "Table"),  # the working table: a narrow column
            QT_TRANSLATE_NOOP("DossierTables", "Place"),
            QT_TRANSLATE_NOOP("DossierTables", "Actions"),
        )
        self._bold = QFont()
        self._bold.setBold(True)

    def cell(self, m: MeetingView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_M_WHEN:
                return format_datetime(m.starts_at, self.lang)
            if column == COL_M_TABLE:
                return WorkingTable(m.table).short_label(self.lang)
            if column == COL_M_PLACE:
                return m.place or ""
            if column == COL_M_ACTIONS:
                return str(m.open_actions) if m.open_actions else ""
        if role == Qt.ItemDataRole.DecorationRole and column == COL_M_TABLE:
            return theme.table_colour(m.table)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(theme.table_tint(m.table, 28))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_M_ACTIONS:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and column == COL_M_ACTIONS and m.open_actions:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_M_ACTIONS:
                open_ = m.open_actions
                return counted(QCoreApplication.translate("DossierTables", "%n open action item(s)", "", open_), open_)
            return f"{WorkingTable(m.table).label(self.lang)} — {format_datetime(m.starts_at, self.lang)}" + (
                f"\n{m.place}" if m.place else ""
            )
        return None


COL_A_DONE, COL_A_TEXT, COL_A_OWNER, COL_A_DUE = range(4)
EditFn = Callable[[str, str, Any], bool]  # (row id, field, value) -> accepted


class ActionModel(_ViewTable[ActionItemView]):
    """Action items of a meeting: tick them done, edit text, owner and due date in place."""

    def __init__(self, lang: str, on_edit: EditFn, parent: Any = None) -> None:
        super().__init__(lang, parent)
        self.headers = _translated(
            QT_TRANSLATE_NOOP("DossierTables", "Done"),
            QT_TRANSLATE_NOOP("DossierTables", "Action"),
            QT_TRANSLATE_NOOP("DossierTables", "Owner"),
            QT_TRANSLATE_NOOP("DossierTables", "Due"),
        )
        self.on_edit = on_edit
        self.today: date | None = None

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() == COL_A_DONE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def cell(self, a: ActionItemView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_A_DONE:
            return Qt.CheckState.Checked if a.done else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == COL_A_TEXT:
                return a.text
            if column == COL_A_OWNER:
                return a.owner or ""
            if column == COL_A_DUE:
                return format_date(a.due_on, self.lang)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == COL_A_DUE
            and not a.done
            and a.due_on
            and self.today
            and is_overdue(a.due_on, self.today)
        ):
            return QBrush(QColor(theme.URGENCY_TEXT[Urgency.OVERDUE]))
        if role == Qt.ItemDataRole.FontRole and a.done and column == COL_A_TEXT:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_A_TEXT:
            return a.text
        return None

    def setData(self, index: _ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        a = self.rows[index.row()]
        column = index.column()
        if column == COL_A_DONE and role == Qt.ItemDataRole.CheckStateRole:
            done = Qt.CheckState(value) == Qt.CheckState.Checked
            return self.on_edit(a.id, "done", done)
        if role != Qt.ItemDataRole.EditRole:
            return False
        field = {COL_A_TEXT: "text", COL_A_OWNER: "owner", COL_A_DUE: "due_on"}.get(column)
        return self.on_edit(a.id, field, value) if field else False


(COL_P_NAME, COL_P_AUTHORITY, COL_P_STATUS, COL_P_SUBMITTED, COL_P_LIMIT, COL_P_DUE, COL_P_DECIDED) = range(7)


class PermitModel(_ViewTable[PermitView]):
    """The permit checklist; running legal terms coloured by urgency."""

    def __init__(self, lang: str, parent: Any = None) -> None:
        super().__init__(lang, parent)
        self.headers = _translated(
            QT_TRANSLATE_NOOP("DossierTables", "Permit"),
            QT_TRANSLATE_NOOP("DossierTables", "Authority"),
            QT_TRANSLATE_NOOP("DossierTables", "Status"),
            QT_TRANSLATE_NOOP("DossierTables", "Submitted"),
            QT_TRANSLATE_NOOP("DossierTables", "Legal limit"),
            QT_TRANSLATE_NOOP("DossierTables", "Legal deadline"),
            QT_TRANSLATE_NOOP("DossierTables", "Decided"),
        )
        self.today: date | None = None

    def cell(self, p: PermitView, column: int, role: int) -> Any:
        urgency = p.clock.urgency
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_P_NAME:  # "AUA — Autorizzazione unica ambientale": the acronym first, if cut
                return permit_words(p.permit_code, p.name, self.lang).full
            if column == COL_P_AUTHORITY:
                return p.authority or ""
            if column == COL_P_STATUS:
                return p.status.label(self.lang)
            if column == COL_P_SUBMITTED:
                return format_date(p.submitted_on, self.lang)
            if column == COL_P_LIMIT:
                return (
                    counted(QCoreApplication.translate("DossierTables", "%n day(s)", "", p.time_limit_days),
                            p.time_limit_days)
                    if p.time_limit_days
                    else ""
                )
            if column == COL_P_DUE:
                return self._due_text(p)
            if column == COL_P_DECIDED:
                return format_date(p.decided_on, self.lang)
        if role == Qt.ItemDataRole.BackgroundRole and urgency in theme.URGENCY_BACKGROUNDS:
            return QBrush(QColor(theme.URGENCY_BACKGROUNDS[urgency]))
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_P_DUE and urgency in theme.URGENCY_TEXT:
            return QBrush(QColor(theme.URGENCY_TEXT[urgency]))
        if (
            role == Qt.ItemDataRole.FontRole
            and column in (COL_P_DUE, COL_P_STATUS)
            and urgency in (Urgency.OVERDUE, Urgency.DUE_SOON)
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:  # the permit whole, then its term's state
            said = [permit_words(p.permit_code, p.name, self.lang).full]
            urgency_text = self._urgency_text(p)
            if urgency_text and p.clock.due_on is not None:
                said.append(f"{urgency_text} ({format_date(p.clock.due_on, self.lang)})")
            elif urgency_text:
                said.append(urgency_text)
            return "\n".join(said)
        return None

    def _due_text(self, p: PermitView) -> str:
        if p.clock.due_on is None:
            return ""
        text = format_date(p.clock.due_on, self.lang)
        if p.clock.urgency is Urgency.SUSPENDED:
            return f"{text} (" + QCoreApplication.translate("DossierTables", "suspended") + ")"
        if self.today is not None and p.clock.urgency in (Urgency.OVERDUE, Urgency.DUE_SOON):
            days = (p.clock.due_on - self.today).days
            if days < 0:  # how late, whole: the date is in the tooltip and the form below
                return counted(QCoreApplication.translate("DossierTables", "%n day(s) late", "", -days), -days)
            return f"{text} · " + counted(QCoreApplication.translate("DossierTables", "in %n day(s)", "", days), days)
        return text

    def due_texts(self) -> list[str]:
        """What the deadline column says, row by row (its width follows them)."""
        return [self._due_text(p) for p in self.rows]

    def _urgency_text(self, p: PermitView) -> str:
        return {
            Urgency.OVERDUE: QCoreApplication.translate("DossierTables", "The legal deadline has passed"),
            Urgency.DUE_SOON: QCoreApplication.translate("DossierTables", "The legal deadline is near"),
            Urgency.SUSPENDED: QCoreApplication.translate(
                "DossierTables", "The term is suspended: documents were requested"
            ),
        }.get(p.clock.urgency, "")


COL_N_DATE, COL_N_TOPIC, COL_N_TEXT, COL_N_FOLLOW = range(4)


class NoteModel(_ViewTable[AftercareView]):
    def __init__(self, lang: str, parent: Any = None) -> None:
        super().__init__(lang, parent)
        self.headers = _translated(
            QT_TRANSLATE_NOOP("DossierTables", "Date"),
            QT_TRANSLATE_NOOP("DossierTables", "Topic"),
            QT_TRANSLATE_NOOP("DossierTables", "Note"),
            QT_TRANSLATE_NOOP("DossierTables", "Follow-up"),
        )
        self.today: date | None = None

    def cell(self, n: AftercareView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_N_DATE:
                return format_date(n.noted_on, self.lang)
            if column == COL_N_TOPIC:
                return AftercareTopic(n.topic).label(self.lang)
            if column == COL_N_TEXT:
                return n.text.splitlines()[0] if n.text else ""
            if column == COL_N_FOLLOW:
                return format_date(n.follow_up_on, self.lang)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_N_TEXT:
            return n.text
        if (  # a follow-up past its day is late, in the home page's red (is_overdue, as there)
            role == Qt.ItemDataRole.ForegroundRole
            and column == COL_N_FOLLOW
            and n.follow_up_on
            and self.today
            and is_overdue(n.follow_up_on, self.today)
        ):
            return QBrush(QColor(theme.URGENCY_TEXT[Urgency.OVERDUE]))
        return None
