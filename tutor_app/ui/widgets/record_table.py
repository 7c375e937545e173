"""The list of records on a dossier tab (meetings, permits, aftercare notes): one row selected at
a time, read-only cells (a record is edited in the form beside it), one line per row."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView


def record_table(model: QAbstractItemModel, name: str, accessible_name: str, row_height: int) -> QTableView:
    view = QTableView()
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
