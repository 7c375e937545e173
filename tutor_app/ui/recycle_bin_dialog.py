"""The recycle bin (Cestino): what was deleted, where, when and by whom, the latest first; Ripristina
puts the selected records back where they were, with what they held (a meeting's action items, a
dossier's records), and the next sync brings them back on the other computers too."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tutor_app.domain.errors import TutorError
from tutor_app.ui.context import AppContext
from tutor_app.ui.errors import show_known_error
from tutor_app.ui.models.dossier_tables import VIEW_ROLE
from tutor_app.ui.models.recycle_bin import COL_WHAT, COL_WHEN, COL_WHERE, COL_WHO, DeletedModel
from tutor_app.ui.widgets.record_table import record_table


class RecycleBinDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("recycleBinDialog")
        self.setWindowTitle(self.tr("Recycle bin"))
        self.resize(860, 440)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "What was deleted stays here. Restore puts it back where it was, with what it held (a meeting's "
            "action items, a dossier's records); after the next sync the other computers have it back too."))
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        layout.addWidget(intro)
        self.model = DeletedModel(ctx.lang, self)
        self.view = record_table(self.model, "recycleBinTable", self.tr("Deleted records"),
                                 self.fontMetrics().height() + 10)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(COL_WHAT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_WHERE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_WHEN, 120)
        header.resizeSection(COL_WHO, 130)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.view.activated.connect(lambda _index: self.restore_selected())  # Enter on a row
        layout.addWidget(self.view, 1)
        self.empty = QLabel(self.tr("The recycle bin is empty."))
        self.empty.setObjectName("muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        from tutor_app.services import recycle_bin

        self.model.set_rows(recycle_bin.list_deleted(self.ctx.ws, self.ctx.lang))
        empty = self.model.rowCount() == 0
        self.view.setVisible(not empty)
        self.empty.setVisible(empty)
        if not empty:
            self.view.selectRow(0)
            self.view.setFocus()
        self._selected()

    def _selected(self, *_args: QItemSelection) -> None:
        self.restore_button.setEnabled(bool(self.view.selectionModel().selectedRows()))

    def restore_selected(self) -> int:
        """Restore the selected records; returns how many came back."""
        chosen = [index.data(VIEW_ROLE) for index in self.view.selectionModel().selectedRows()]
        back: list[str] = []
        for record in chosen:
            try:
                self.ctx.restore(record.table, record.row_id)
            except TutorError as exc:
                show_known_error(self, exc)
                break
            back.append(record.what)
        if back:
            self.status.setText(self.tr("Restored: %1").replace("%1", "; ".join(back)))
        self.reload()
        return len(back)
