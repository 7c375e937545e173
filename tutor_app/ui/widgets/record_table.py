"""Tables of records: one row selected at a time, one line per row, and no Tab trap.

Qt's tables take Tab to move from cell to cell (and from the last cell back to the first), so a
keyboard user could never leave them; here Tab and Shift+Tab go to the next and previous control,
the arrow keys move within the table, and an edited cell (an action item's text) is committed
when Tab leaves it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QTableView, QWidget


class RecordTable(QTableView):
    """A table that Tab leaves, also from a cell being edited."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabKeyNavigation(False)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        hints = QAbstractItemDelegate.EndEditHint
        if hint in (hints.EditNextItem, hints.EditPreviousItem):
            # Tab in a cell editor: the value is committed already; leave the table, not the cell.
            super().closeEditor(editor, hints.NoHint)
            self.focusNextPrevChild(hint == hints.EditNextItem)
            return
        super().closeEditor(editor, hint)

    def focusNextPrevChild(self, next: bool) -> bool:
        # QAbstractItemView moves between cells here when tab navigation is on: it is off, so
        # this is the widget's own focus chain.
        return QWidget.focusNextPrevChild(self, next)


def no_tab_trap(view: QAbstractItemView) -> QAbstractItemView:
    """Let Tab leave a view made elsewhere."""
    view.setTabKeyNavigation(False)
    return view


def record_table(model: QAbstractItemModel, name: str, accessible_name: str, row_height: int) -> QTableView:
    """The list of records on a dossier tab (meetings, permits, aftercare notes): read-only cells
    (a record is edited in the form beside it)."""
    view = RecordTable()
    view.setObjectName(name)
    view.setAccessibleName(accessible_name)
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(row_height)
    return view


def select_quietly(view: QTableView, row: int) -> None:
    """Select a row without the selection-changed signal: the caller shows the record itself
    (and knows whether it is the one already being edited)."""
    view.selectionModel().blockSignals(True)
    view.selectRow(row)
    view.selectionModel().blockSignals(False)
