"""The dialogs of sync: the password, the conflicts inbox, the changes waiting to go up.

The inbox lists conflicts and refused changes as ``services.conflicts`` words them ("Riunione del
12/03/2026, campo Decisioni"), side by side: your version and the other one; keep either, or
edit a merged text for a text field. Resolving is an ordinary edit through ``ctx.edit`` (so it
is itself synced), after which the controller is asked to sync.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from tutor_app.domain.errors import TutorError
from tutor_app.domain.inbox import Inbox
from tutor_app.ui.context import AppContext
from tutor_app.ui.errors import show_known_error
from tutor_app.ui.i18n import counted
from tutor_app.ui.models.dossier_tables import VIEW_ROLE
from tutor_app.ui.models.sync_tables import (
    COL_C_WHO,
    COL_R_REASON,
    COL_T_AFTER,
    COL_T_BEFORE,
    COL_T_SINCE,
    COL_T_WHAT,
    ConflictModel,
    PendingTreeModel,
    RejectionModel,
)
from tutor_app.ui.widgets.record_table import RecordTable

if TYPE_CHECKING:
    from tutor_app.services.conflicts import ConflictView, RejectionView
    from tutor_app.ui.sync_controller import SyncController


class PasswordDialog(QDialog):
    """Asks for the server password; it goes to the system keyring once the server accepts it."""

    def __init__(self, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.setWindowTitle(self.tr("Sync: password"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.password = QLineEdit()
        self.password.setObjectName("passwordEdit")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        layout.addWidget(self.password)
        note = QLabel(self.tr("It is kept in the system keyring, never in a file."))
        note.setObjectName("muted")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sync"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, prompt: str, parent: QWidget | None = None) -> str | None:
        dialog = cls(prompt, parent)
        try:
            if dialog.exec() and dialog.password.text():
                return dialog.password.text()
            return None
        finally:
            dialog.password.clear()
            dialog.deleteLater()


def _table(model: Any, name: str) -> QTableView:
    table = RecordTable()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table


def _fit_columns(table: QTableView, stretch: int, widest: int = 340) -> None:
    """Every column as wide as its text (the long ones capped), one column taking the rest."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    table.resizeColumnsToContents()
    for column in range(header.count()):
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            table.setColumnWidth(column, min(widest, max(table.columnWidth(column), 90)))


def _is_plain_text(view: ConflictView) -> bool:
    """A text field: both versions are shown as they are stored (no dates, codes or amounts)."""
    mine = view.kept_value if view.mine_kept else view.lost_value
    theirs = view.lost_value if view.mine_kept else view.kept_value
    return all(v is None or isinstance(v, str) for v in (mine, theirs)) and (mine or "") == (view.mine or "") and (
        theirs or ""
    ) == (view.theirs or "")


class ConflictsDialog(QDialog):
    """The inbox: conflicts to resolve and changes the server refused."""

    def __init__(self, ctx: AppContext, controller: SyncController | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.controller = controller
        self.setObjectName("conflictsDialog")
        self.setWindowTitle(self.tr("Conflicts to look at"))
        self.resize(940, 520)  # within a 1366×768 screen at 125 % (about 1093×614, less the bars)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Two people changed the same thing, or the server refused a change. Nothing is lost: "
                "choose which version stays. Your choice is synced to everyone."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        # -- conflicts
        page = QWidget()
        split = QSplitter(Qt.Orientation.Vertical)
        self.model = ConflictModel(ctx.lang, self)
        self.table = _table(self.model, "conflictsTable")
        split.addWidget(self.table)
        detail = QWidget()
        box = QVBoxLayout(detail)
        box.setContentsMargins(0, 6, 0, 0)
        self.headline = QLabel()
        self.headline.setObjectName("sectionTitle")
        self.headline.setWordWrap(True)
        box.addWidget(self.headline)
        sides = QHBoxLayout()
        self.mine_title, self.mine = self._side(sides, self.tr("Your version"))
        self.theirs_title, self.theirs = self._side(sides, self.tr("The other version"))
        box.addLayout(sides, 1)
        self.merged_label = QLabel(self.tr("Merged text (edit it, then save)"))
        box.addWidget(self.merged_label)
        self.merged = QPlainTextEdit()
        self.merged.setObjectName("mergedEdit")
        self.merged.setAccessibleName(self.tr("Merged text"))
        self.merged.setMaximumHeight(90)
        box.addWidget(self.merged)
        actions = QHBoxLayout()
        self.keep_mine = QPushButton(self.tr("Keep mine"))
        self.keep_theirs = QPushButton(self.tr("Keep the other"))
        self.save_merged = QPushButton(self.tr("Save the merged text"))
        self.restore = QPushButton(self.tr("Restore the record"))
        self.confirm_delete = QPushButton(self.tr("Confirm the deletion"))
        self.apply_refused = QPushButton(self.tr("Apply these values"))
        self.apply_refused.setToolTip(self.tr("Make this change again, as your own edit of the dossier: "
                                              "it is synced to everyone"))
        self.acknowledge = QPushButton(self.tr("Seen, close it"))
        for button in (self.keep_mine, self.keep_theirs, self.save_merged, self.restore, self.confirm_delete,
                       self.apply_refused, self.acknowledge):
            actions.addWidget(button)
        actions.addStretch(1)
        box.addLayout(actions)
        split.addWidget(detail)
        split.setSizes([220, 320])
        column = QVBoxLayout(page)
        column.addWidget(split)
        self.empty = QLabel(self.tr("No conflicts: everything agrees."))
        self.empty.setObjectName("muted")
        column.addWidget(self.empty)
        self.tabs.addTab(page, self.tr("Conflicts"))

        # -- refused changes
        refused = QWidget()
        column = QVBoxLayout(refused)
        self.rejections = RejectionModel(ctx.lang, self)
        self.rejection_table = _table(self.rejections, "rejectionsTable")
        column.addWidget(self.rejection_table, 1)
        self.rejection_values = QLabel()
        self.rejection_values.setWordWrap(True)
        self.rejection_values.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.rejection_values)
        row = QHBoxLayout()
        self.dismiss = QPushButton(self.tr("Seen, remove from the list"))
        row.addWidget(self.dismiss)
        row.addStretch(1)
        column.addLayout(row)
        self.tabs.addTab(refused, self.tr("Refused changes"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.rejection_table.selectionModel().selectionChanged.connect(self._rejection_selected)
        self.keep_mine.clicked.connect(lambda: self.resolve("mine"))
        self.keep_theirs.clicked.connect(lambda: self.resolve("theirs"))
        self.save_merged.clicked.connect(lambda: self.resolve("merged"))
        self.restore.clicked.connect(lambda: self.resolve_deletion(True))
        self.confirm_delete.clicked.connect(lambda: self.resolve_deletion(False))
        self.apply_refused.clicked.connect(self.apply_current)
        self.acknowledge.clicked.connect(self.acknowledge_current)
        self.dismiss.clicked.connect(self.dismiss_current)
        self.reload()

    def _side(self, row: QHBoxLayout, title: str) -> tuple[QLabel, QPlainTextEdit]:
        column = QVBoxLayout()
        label = QLabel(title)
        label.setObjectName("sectionTitle")
        column.addWidget(label)
        text = QPlainTextEdit()
        text.setReadOnly(True)
        text.setAccessibleName(title)
        column.addWidget(text)
        row.addLayout(column, 1)
        return label, text

    # -- data -------------------------------------------------------------------------------------

    def reload(self) -> None:
        from tutor_app.services import conflicts

        ws = self.ctx.ws
        self.model.set_rows(conflicts.list_conflicts(ws, lang=self.ctx.lang))
        self.rejections.set_rows(conflicts.list_rejections(ws, self.ctx.lang))
        _fit_columns(self.table, COL_C_WHO)
        _fit_columns(self.rejection_table, COL_R_REASON, widest=420)
        has = self.model.rowCount() > 0
        self.table.setVisible(has)
        self.empty.setVisible(not has)
        # Counted and worded as the status bar and the command line say it (domain.inbox).
        self.counted = Inbox(conflicts=self.model.rowCount(), refused=self.rejections.rowCount())
        self.tabs.setTabText(0, self.counted.tab("conflicts", self.ctx.lang))
        self.tabs.setTabText(1, self.counted.tab("refused", self.ctx.lang))
        if has:
            self.table.selectRow(0)
        else:
            self._show(None)
        if self.rejections.rowCount():
            self.rejection_table.selectRow(0)
        else:
            self._show_rejection(None)

    def current(self) -> ConflictView | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(VIEW_ROLE) if rows else None

    def current_rejection(self) -> RejectionView | None:
        rows = self.rejection_table.selectionModel().selectedRows()
        return rows[0].data(VIEW_ROLE) if rows else None

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._show(self.current())

    def _rejection_selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._show_rejection(self.current_rejection())

    def _show(self, view: ConflictView | None) -> None:
        from tutor_app.domain.enums import ConflictKind

        field = view is not None and view.kind is ConflictKind.FIELD and bool(view.field)
        # A record deleted while edited, restored since, asks no choice any more: only "seen".
        deletion = view is not None and view.kind is ConflictKind.DELETE_EDIT and not view.restored
        text = field and view is not None and _is_plain_text(view)
        self.headline.setText(view.headline if view is not None else "")
        mine_title, theirs_title = self._titles(view)
        for label, edit, title in ((self.mine_title, self.mine, mine_title),
                                   (self.theirs_title, self.theirs, theirs_title)):
            label.setText(title)
            edit.setAccessibleName(title)
        self.mine.setPlainText(view.mine or "" if view is not None else "")
        self.theirs.setPlainText(view.theirs or "" if view is not None else "")
        if view is not None:
            self.mine.setPlaceholderText(self.tr("(empty)"))
            self.theirs.setPlaceholderText(self.tr("(empty)"))
        self.merged.setPlainText(view.mine or "" if text and view is not None else "")
        for widget in (self.merged, self.merged_label, self.save_merged):
            widget.setVisible(bool(text))
        self.keep_mine.setVisible(field)
        self.keep_theirs.setVisible(field)
        self.restore.setVisible(deletion)
        self.confirm_delete.setVisible(deletion)
        self.apply_refused.setVisible(view is not None and view.kind is ConflictKind.REJECTED and view.appliable)
        self.acknowledge.setVisible(view is not None and not field and not deletion)

    def _titles(self, view: ConflictView | None) -> tuple[str, str]:
        """What each side holds, for the one who reads it: their version or someone's; the edits
        and the deletion; a refused change and what the record holds now."""
        from tutor_app.domain.enums import ConflictKind

        if view is None or view.kind is ConflictKind.FIELD:
            if view is None or view.ours:
                return self.tr("Your version"), self.tr("The other version")
            return self._version_by(view.mine_by, self.tr("One version")), self._version_by(
                view.theirs_by, self.tr("The other version"))
        if view.kind is ConflictKind.REJECTED:
            return self.tr("The refused change"), self.tr("Now in the dossier")
        # A deletion against edits: the viewer's side first (``mine_kept``: the viewer deleted it).
        edits_by = view.theirs_by if view.mine_kept else view.mine_by
        edits = (self.tr("Your edits") if view.ours and not view.mine_kept else
                 self.tr("Edits by %1").replace("%1", edits_by) if edits_by else self.tr("The edits"))
        deletion = self.tr("The deletion")
        return (deletion, edits) if view.mine_kept else (edits, deletion)

    def _version_by(self, who: str | None, otherwise: str) -> str:
        return self.tr("Version by %1").replace("%1", who) if who else otherwise

    def _show_rejection(self, view: RejectionView | None) -> None:
        self.dismiss.setEnabled(view is not None)
        if view is None:
            self.rejection_values.setText("")
            return
        values = "; ".join(f"{k}: {v}" for k, v in view.values.items())
        self.rejection_values.setText(self.tr("Your values, kept here: %1").replace("%1", values))

    # -- actions ------------------------------------------------------------------------------------

    def resolve(self, choice: str) -> bool:
        from tutor_app.services import conflicts

        view = self.current()
        if view is None:
            return False
        merged = self.merged.toPlainText() if choice == "merged" else None
        return self._apply(view.project_id, conflicts.resolve_conflict, view.id, choice, merged)

    def resolve_deletion(self, restore: bool) -> bool:
        from tutor_app.services import conflicts

        view = self.current()
        return view is not None and self._apply(view.project_id, conflicts.resolve_deletion, view.id, restore)

    def apply_current(self) -> bool:
        """A change the server refused (its dossier had moved on), made again as the viewer's edit."""
        from tutor_app.services import conflicts

        view = self.current()
        return view is not None and self._apply(view.project_id, conflicts.apply_refused, view.id)

    def acknowledge_current(self) -> bool:
        from tutor_app.services import conflicts

        view = self.current()
        return view is not None and self._apply(view.project_id, conflicts.acknowledge, view.id)

    def dismiss_current(self) -> bool:
        from tutor_app.services import conflicts

        view = self.current_rejection()
        if view is None:
            return False
        try:
            conflicts.dismiss_rejection(self.ctx.ws, view.change_id)
        except TutorError as exc:
            show_known_error(self, exc)
            return False
        self._after_change(sync=False)
        return True

    def _apply(self, project_id: str | None, service: Any, *args: Any) -> bool:
        try:
            self.ctx.edit(project_id, service, *args)
        except TutorError as exc:
            show_known_error(self, exc)
            return False
        self._after_change(sync=True)
        return True

    def _after_change(self, sync: bool) -> None:
        self.reload()
        if self.controller is not None:
            self.controller.conflicts_counted.emit(self.counted)
            if sync:
                self.controller.sync_now(manual=False)


class PendingChangesDialog(QDialog):
    """What waits to go up: by dossier, then record, then field with its old and new value."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("pendingDialog")
        self.setWindowTitle(self.tr("Changes waiting to be synced"))
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.model = PendingTreeModel(ctx.lang, self)
        self.tree = QTreeView()
        self.tree.setObjectName("pendingTree")
        self.tree.setAccessibleName(self.tr("Changes waiting to be synced"))
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setTabKeyNavigation(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_T_WHAT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_T_BEFORE, 190), (COL_T_AFTER, 190), (COL_T_SINCE, 130)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        layout.addWidget(self.tree, 1)
        note = QLabel(self.tr("They are saved on this computer and go up at the next sync."))
        note.setObjectName("muted")
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        from tutor_app.services.pending import pending_view

        groups = pending_view(self.ctx.ws, self.ctx.lang)
        self.model.set_groups(groups)
        for row in range(len(groups)):  # a dossier's name, whole, across the columns
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        self.tree.expandAll()
        changes = sum(g.changes for g in groups)
        self.intro.setText(
            counted(self.tr("%n change(s) made on this computer, waiting to go up to the server:", "", changes),
                    changes)
            + " " + counted(self.tr("%n dossier(s).", "", len(groups)), len(groups))
            if changes
            else self.tr("Nothing is waiting: every change has gone up to the server.")
        )
