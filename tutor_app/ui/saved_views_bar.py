"""The dossier list's saved views: a combo to re-apply one and a menu to save, rename or delete.

A thin layer over ``services.saved_views``: the page says what it shows (``current``) and how to
show a view (``apply``); this widget asks for names and keeps the combo in step with the profile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QInputDialog, QMenu, QMessageBox, QPushButton, QWidget

from tutor_app.domain.errors import TutorError
from tutor_app.ui.context import AppContext
from tutor_app.ui.errors import show_known_error
from tutor_app.ui.i18n import counted

if TYPE_CHECKING:
    from tutor_app.services.saved_views import ListView
    from tutor_app.services.workspace import Workspace


class SavedViewsBar(QWidget):
    def __init__(self, ctx: AppContext, current: Callable[[], ListView], apply: Callable[[ListView], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._current = current
        self._apply = apply
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.setObjectName("savedViews")
        self.combo.setAccessibleName(self.tr("Saved views"))
        self.combo.setToolTip(self.tr("Saved views: pick one to show the list as it was saved"))
        self.combo.setMinimumContentsLength(22)  # "Titoli scaduti in MB" whole at 125 %
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.activated.connect(self._picked)
        box.addWidget(self.combo, 1)
        self.button = QPushButton(self.tr("Views"))  # a push button with a menu: its arrow has room
        self.button.setObjectName("savedViewsMenu")
        self.button.setAccessibleName(self.tr("Saved views menu"))
        menu = QMenu(self.button)
        self.save_action = menu.addAction(self.tr("Save the current view…"))
        self.save_action.triggered.connect(self._ask_save)
        self.rename_action = menu.addAction(self.tr("Rename the view…"))
        self.rename_action.triggered.connect(self._ask_rename)
        self.delete_action = menu.addAction(self.tr("Delete the view"))
        self.delete_action.triggered.connect(self._ask_delete)
        self.button.setMenu(menu)
        box.addWidget(self.button)
        self._chosen: str | None = None
        self.reload()

    # -- what the user can do (the dialogs call these; tests too) ----------------------------------

    def save_current(self, name: str) -> ListView:
        from tutor_app.services import saved_views as sv

        view = sv.save_view(self.ctx.ws, replace(self._current(), name=name))
        self._chosen = view.name
        self.reload()
        return view

    def apply_named(self, name: str) -> None:
        from tutor_app.services import saved_views as sv  # the services: once the workspace is open

        view = sv.find_view(self.ctx.ws, name)
        if view is not None:
            self._chosen = view.name
            self._apply(view)
            self.reload()

    def rename_chosen(self, new: str) -> None:
        from tutor_app.services import saved_views as sv  # the services: once the workspace is open

        if self._chosen is None:
            return
        self._chosen = sv.rename_view(self.ctx.ws, self._chosen, new).name
        self.reload()

    def delete_chosen(self) -> tuple[int, ListView] | None:
        from tutor_app.services import saved_views as sv  # the services: once the workspace is open

        if self._chosen is None:
            return None
        gone = sv.delete_view(self.ctx.ws, self._chosen)
        self._chosen = None
        self.reload()
        if gone is not None:
            self._offer_undo(*gone)
        return gone

    def _offer_undo(self, position: int, view: ListView) -> None:
        """Edit ▸ Undo (and the message's Undo link) puts the view back where it was."""
        from tutor_app.services import saved_views as sv
        from tutor_app.services.recycle_bin import UndoStep

        def take_back(ws: Workspace) -> None:
            sv.restore_view(ws, position, view)
            self.reload()

        what = self.tr("the saved view \"%1\"").replace("%1", view.name)
        self.ctx.record_step(UndoStep(what=what, done=self.tr("Saved view deleted: \"%1\"").replace("%1", view.name),
                                      take_back=take_back))

    def forget_choice(self) -> None:
        """The user changed a filter by hand: the list no longer shows the chosen view."""
        if self._chosen is not None:
            self._chosen = None
            self.combo.setCurrentIndex(0)
            self._enable()

    @property
    def chosen(self) -> str | None:
        return self._chosen

    def reload(self) -> None:
        """The combo from the profile (empty until the workspace is open: a fast start's first paint
        loads no service; ``workspace_ready`` calls this again)."""
        views: list[ListView] = []
        if self.ctx.is_ready:
            from tutor_app.services import saved_views as sv

            views = sv.saved_views(self.ctx.ws)
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(counted(self.tr("Saved views (%n)", "", len(views)), len(views)), None)
        for view in views:
            self.combo.addItem(view.name, view.name)
        self.combo.setCurrentIndex(max(0, self.combo.findData(self._chosen)) if self._chosen else 0)
        self.combo.blockSignals(False)
        self._enable()

    # -- internals --------------------------------------------------------------------------------

    def _enable(self) -> None:
        self.rename_action.setEnabled(self._chosen is not None)
        self.delete_action.setEnabled(self._chosen is not None)

    def _picked(self, position: int) -> None:
        name = self.combo.itemData(position)
        if name is None:
            return
        self.apply_named(str(name))

    def _ask_name(self, title: str, start: str) -> str | None:
        name, ok = QInputDialog.getText(self, title, self.tr("Name of the view:"), text=start)
        return name if ok and name.strip() else None

    def _ask_save(self) -> None:
        from tutor_app.services import saved_views as sv  # the services: once the workspace is open

        name = self._ask_name(self.tr("Save the current view"), self._chosen or "")
        if name is None:
            return
        if sv.find_view(self.ctx.ws, name) is not None and QMessageBox.question(
                self, self.tr("Save the current view"),
                self.tr("A view named \"%1\" exists. Replace it with what the list shows now?").replace(
                    "%1", name.strip())) != QMessageBox.StandardButton.Yes:
            return
        self._guarded(lambda: self.save_current(name))

    def _ask_rename(self) -> None:
        if self._chosen is None:
            return
        name = self._ask_name(self.tr("Rename the view"), self._chosen)
        if name is not None:
            self._guarded(lambda: self.rename_chosen(name))

    def _ask_delete(self) -> None:
        if self._chosen is None:
            return
        if QMessageBox.question(self, self.tr("Delete the view"),
                                self.tr("Delete the saved view \"%1\"? The dossiers are not touched.")
                                .replace("%1", self._chosen)) == QMessageBox.StandardButton.Yes:
            self.delete_chosen()

    def _guarded(self, action: Callable[[], object]) -> None:
        try:
            action()
        except TutorError as exc:
            show_known_error(self, exc)
