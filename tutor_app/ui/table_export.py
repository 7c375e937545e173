"""File ▸ Export table…: what is on screen to CSV or XLSX (``services.exports``).

On the dashboard, its tables (XLSX: one sheet each; CSV: one after the other); anywhere else, the
dossier list as it is shown: its filtered rows in their order and its visible columns.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from tutor_app.domain.errors import TutorError

if TYPE_CHECKING:
    from tutor_app.services.exports import Table
    from tutor_app.ui.dashboard_page import DashboardPage
    from tutor_app.ui.dossier_list_page import DossierListPage


def _tr(text: str) -> str:
    return QCoreApplication.translate("TableExport", text)


def list_tables(page: DossierListPage, lang: str, selected: bool = False) -> list[Table]:
    """The list's rows as shown (``selected``: only the selected ones), in its order and columns."""
    from tutor_app.services.exports import dossier_table, investor_vats
    from tutor_app.ui.models.dossier_list import COLUMN_KEYS

    model = page.model
    header = page.table.horizontalHeader()
    columns = [key for n, key in enumerate(COLUMN_KEYS) if not header.isSectionHidden(n)]
    positions = page.selected_positions() if selected else range(model.rowCount())
    with page.ctx.ws.store.read() as conn:
        vats = investor_vats(conn)
    return [dossier_table((model.row_at(n) for n in positions), lang, columns, vats)]


def dashboard_tables(page: DashboardPage, lang: str) -> list[Table]:
    from tutor_app.services.exports import dashboard_tables as tables_of

    return tables_of(page.figures, lang) if page.figures is not None else []


def export_tables(parent: QWidget, tables: list[Table], lang: str, suggested_name: str,
                  path: str | None = None) -> Path | None:
    """Ask where (unless ``path`` is given), write, and say so; a known error is shown, not raised."""
    from tutor_app.services.exports import write_tables
    from tutor_app.ui.errors import show_known_error

    if not tables:
        return None
    if path is None:
        suggested = str(Path.home() / f"{suggested_name}-{date.today():%Y%m%d}.xlsx")
        path, _ = QFileDialog.getSaveFileName(parent, _tr("Export table"), suggested,
                                              _tr("Excel workbook (*.xlsx);;CSV for Excel (*.csv)"))
        if not path:
            return None
    try:
        return write_tables(path, tables)
    except TutorError as exc:
        show_known_error(parent, exc)
        return None
