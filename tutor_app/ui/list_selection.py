"""What the dossier list does with its selected rows: open the current one, export the selection,
and (coordinators) assign it to a tutor. The page's context menu; the work is the services'."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMenu

from tutor_app.ui.i18n import counted

if TYPE_CHECKING:
    from tutor_app.ui.dossier_list_page import DossierListPage



class SelectionActions(QObject):
    def __init__(self, page: DossierListPage) -> None:
        super().__init__(page)
        self.page = page

    def menu(self) -> QMenu:
        """What can be done with the selected rows: open the current one, export the selection."""
        menu = QMenu(self.page)
        ids = self.page.selected_ids()
        target = self.page.current_id() if self.page.current_id() in ids else (ids[0] if ids else None)
        if target:
            menu.addAction(QCoreApplication.translate("DossierListPage", "Open"),
                           lambda: self.page.open_requested.emit(target))
        count = len(self.page.selected_positions())
        if count:
            menu.addAction(counted(QCoreApplication.translate("DossierListPage", "Export the %n selected dossier(s)…",
                                                      None, count), count), self.export_selected)
        if ids and self.page.tutor_choices and self._is_coordinator():
            menu.addAction(counted(QCoreApplication.translate("DossierListPage", "Assign %n dossier(s) to a tutor…",
                                                      None, len(ids)), len(ids)), self._ask_assign)
        return menu

    def _is_coordinator(self) -> bool:
        from tutor_app.domain.enums import Role
        from tutor_app.services.scope import viewer

        if not self.page.ctx.is_ready:
            return False
        with self.page.ctx.ws.store.read() as conn:
            return viewer(conn).role == Role.COORDINATOR

    def _ask_assign(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        names = [name for _tid, name in self.page.tutor_choices]
        ids = self.page.selected_ids()
        prompt = counted(QCoreApplication.translate("DossierListPage", "Tutor who follows the %n dossier(s):", None,
                                            len(ids)), len(ids))
        title = QCoreApplication.translate("DossierListPage", "Assign to a tutor")
        name, ok = QInputDialog.getItem(self.page, title, prompt, names, 0, False)
        if ok and name in names:
            self.assign_selected(self.page.tutor_choices[names.index(name)][0])

    def assign_selected(self, tutor_id: str) -> int:
        """A coordinator gives the selected dossiers to a tutor; their rows show it at once."""
        from tutor_app.domain.errors import TutorError
        from tutor_app.services.dossiers import assign_dossiers
        from tutor_app.ui.errors import show_known_error

        ids = self.page.selected_ids()
        try:
            added = self.page.ctx.edit(None, assign_dossiers, ids, tutor_id)
        except TutorError as exc:
            show_known_error(self.page, exc)
            return 0
        for project_id in ids:
            self.page.refresh_row(project_id)
        return added

    def export_selected(self, path: str | None = None) -> str | None:
        """The selected rows, in the list's order and columns, to Excel or CSV."""
        from tutor_app.ui import table_export

        tables = table_export.list_tables(self.page, self.page.ctx.lang, selected=True)
        name = QCoreApplication.translate("DossierListPage", "dossiers")
        written = table_export.export_tables(self.page, tables, self.page.ctx.lang, name, path)
        return str(written) if written is not None else None
