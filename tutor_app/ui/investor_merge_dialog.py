"""File ▸ Merge investors… (coordinators): pick the records that are one company, see what each
holds, keep one. The work is ``services.investor_merge`` (one transaction, one change set that
syncs whole); this dialog lists, asks and offers "Undo the merge" until it is closed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tutor_app.domain.enums import Sector
from tutor_app.domain.errors import TutorError
from tutor_app.services import investor_merge
from tutor_app.services.investors import investor_choices
from tutor_app.services.recycle_bin import UndoStep
from tutor_app.ui.context import AppContext
from tutor_app.ui.errors import show_known_error
from tutor_app.ui.i18n import counted, number, ui_language


class InvestorMergeDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.last: investor_merge.Merge | None = None
        self._step: UndoStep | None = None  # the same merge in the app-wide undo (Edit ▸ Undo)
        self.setWindowTitle(self.tr("Merge investors"))
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Tick the records that are one company, then choose the one to keep. Its "
                               "dossiers and contacts gather on it; the others are kept as merged records."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter by name"))
        self.filter.textChanged.connect(self._filter)
        layout.addWidget(self.filter)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Country"), self.tr("VAT number"),
                                              self.tr("Sector"), self.tr("Contacts"), self.tr("Dossiers")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.itemChanged.connect(self._ticked)
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        self.keep = QComboBox()
        self.keep.setObjectName("keepInvestor")
        form.addRow(self.tr("Keep:"), self.keep)
        layout.addLayout(form)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.merge_button = QPushButton(self.tr("Merge"))
        self.merge_button.setObjectName("mergeButton")
        self.undo_button = QPushButton(self.tr("Undo the merge"))
        self.undo_button.setObjectName("undoMergeButton")
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.merge_button.clicked.connect(self.merge)
        self.undo_button.clicked.connect(self.undo)
        layout.addWidget(buttons)
        ctx.events.record_restored.connect(self._taken_back)
        self.reload()

    def reload(self) -> None:
        lang = ui_language()
        ids = [c.id for c in investor_choices(self.ctx.ws)]
        shown = investor_merge.candidates(self.ctx.ws, ids)
        self.table.blockSignals(True)
        self.table.setRowCount(len(shown))
        for row, c in enumerate(shown):
            sector = Sector(c.sector).label(lang) if c.sector else ""
            for col, value in enumerate((c.name, c.country, c.vat_number or "", sector, str(c.contacts),
                                         str(c.dossiers))):
                item = QTableWidgetItem(value)
                if col == 0:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked)
                    item.setData(Qt.ItemDataRole.UserRole, c.id)
                if col >= 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.blockSignals(False)
        self._filter(self.filter.text())
        self._ticked()

    def tick(self, investor_ids: list[str]) -> None:
        """Tick these investors (tests, and a caller that knows the duplicates)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) in investor_ids:
                item.setCheckState(Qt.CheckState.Checked)

    def _ticked_ids(self) -> list[tuple[str, str]]:
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append((str(item.data(Qt.ItemDataRole.UserRole)), item.text()))
        return out

    def _ticked(self, *_: object) -> None:
        ticked = self._ticked_ids()
        kept = self.keep.currentData()
        self.keep.clear()
        for investor_id, name in ticked:
            self.keep.addItem(name, investor_id)
        if kept is not None and (found := self.keep.findData(kept)) >= 0:
            self.keep.setCurrentIndex(found)
        self.merge_button.setEnabled(len(ticked) >= 2)
        self.undo_button.setEnabled(self.last is not None)

    def _filter(self, typed: str) -> None:
        wanted = typed.strip().casefold()
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is None:
                continue
            self.table.setRowHidden(row, bool(wanted) and wanted not in item.text().casefold()
                                    and item.checkState() != Qt.CheckState.Checked)

    def merge(self) -> None:
        keep = self.keep.currentData()
        others = [i for i, _ in self._ticked_ids() if i != keep]
        if keep is None or not others:
            return
        try:
            merge = self.ctx.edit(None, investor_merge.merge_investors, str(keep), others)
        except TutorError as exc:
            show_known_error(self, exc)
            return
        self.last = merge
        kept = self.keep.currentText()  # quoted by the sentence, as its language quotes: «…» or “…”
        done = counted(self.tr("%n investor(s) merged into “%1”: %2 dossier(s) moved. The merge reaches "
                       "everyone at the next sync.", "", len(others)), len(others)).replace("%1", kept).replace(
                           "%2", number(len(merge.dossiers)))
        self.status.setText(done)
        moved = tuple(pid for pid, _old in merge.dossiers)
        self._step = UndoStep(what=self.tr("the merge into “%1”").replace("%1", kept), done=done,
                              take_back=lambda ws: investor_merge.undo_merge(ws, merge), projects=moved)
        self._show_again(moved)
        self.ctx.record_step(self._step)
        self.reload()

    def undo(self) -> None:
        if self.last is None:
            return
        try:
            self.ctx.edit(None, investor_merge.undo_merge, self.last)
        except TutorError as exc:
            show_known_error(self, exc)
            return
        step, self._step = self._step, None
        if step is not None:
            self.ctx.forget_step(step)
        self._show_again(tuple(pid for pid, _old in self.last.dossiers))
        self._undone()

    def _show_again(self, dossiers: tuple[str, ...]) -> None:
        for pid in dossiers:  # an open dossier names its investor again
            self.ctx.events.project_changed.emit(pid)

    def _taken_back(self, record: object) -> None:
        """Edit ▸ Undo took a merge back: this dialog's (nothing left to undo here), or an older one."""
        if not isinstance(record, UndoStep):
            return
        if record is self._step:
            self._step = None
            self._undone()
        else:
            self.reload()

    def _undone(self) -> None:
        self.last = None
        self.status.setText(self.tr("The merge was undone."))
        self.reload()
