"""Help ▸ Keyboard shortcuts (F1): every key of the window in one list, in the user's language.

The menu commands are read from the window's own menus (their text and shortcut as shown), so
the list cannot drift from what the keys do; the keys that are not menu commands (moving
between controls, a table's rows, a date's calendar) are listed after them.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

_MNEMONIC = re.compile(r"&(?!&)")


def plain(text: str) -> str:
    """A menu text as read aloud: no mnemonic marks, no trailing ellipsis."""
    return _MNEMONIC.sub("", text).replace("&&", "&").rstrip("…").strip()


class ShortcutsDialog(QDialog):
    """The window's keyboard shortcuts: the menus' commands, then the keys of the controls."""

    def __init__(self, menu_bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(620, 520)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What they do")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for keys, what in self.rows(menu_bar):
            self._add(keys, what)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.setFocus()

    def rows(self, menu_bar: QMenuBar) -> list[tuple[str, str]]:
        """(keys, what) for every menu command with a shortcut, then the controls' own keys."""
        found: list[tuple[str, str]] = []
        for top in menu_bar.actions():
            menu = top.menu()
            if not isinstance(menu, QMenu):
                continue
            for action in menu.actions():
                if isinstance(action, QAction) and not action.isSeparator() and not action.shortcut().isEmpty():
                    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                    found.append((keys, f"{plain(top.text())} ▸ {plain(action.text())}"))
        found += [
            (self.tr("Alt + underlined letter"), self.tr("Open a menu or a dossier tab")),
            (self.tr("Tab, Shift+Tab"), self.tr("Next, previous control (also out of a table)")),
            (self.tr("Up, Down"), self.tr("Previous, next row of a list")),
            (self.tr("Enter"), self.tr("Open the dossier or the record of the row")),
            (self.tr("Esc"), self.tr("From a dossier, back to the list (when not typing in a field)")),
            (self.tr("Down (in the search box)"), self.tr("Into the dossier list")),
            (self.tr("Alt+Down, F4 (in a date)"), self.tr("Open the calendar; arrows move, Enter picks")),
            (self.tr("Space (on a row of My actions)"), self.tr("Tick the action item done, or not done")),
            (self.tr("Delete (in the action items)"), self.tr("Delete the selected action item")),
            (self.tr("F2 (in the action items)"), self.tr("Change the selected cell")),
        ]
        return found

    def _add(self, keys: str, what: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        key_item = QTableWidgetItem(keys)
        key_item.setFlags(key_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, 0, key_item)
        self.table.setItem(row, 1, QTableWidgetItem(what))
