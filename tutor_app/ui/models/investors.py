"""The investors found as a name is typed in the new-dossier dialog: company, country, dossiers.

A dumb adapter over ``services.investors.InvestorChoice`` rows, on the dossier tables' plumbing
(``set_rows`` inside a reset, ``VIEW_ROLE``, ``ID_ROLE``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from tutor_app.domain.places import country_name
from tutor_app.ui.models.dossier_tables import _ViewTable

if TYPE_CHECKING:
    from tutor_app.services.investors import InvestorChoice

COL_NAME, COL_COUNTRY, COL_DOSSIERS = range(3)
HEADERS = (
    QT_TRANSLATE_NOOP("InvestorModel", "Company"),
    QT_TRANSLATE_NOOP("InvestorModel", "Country"),
    QT_TRANSLATE_NOOP("InvestorModel", "Dossiers"),
)


class InvestorModel(_ViewTable["InvestorChoice"]):
    def __init__(self, lang: str = "it", parent: Any = None) -> None:
        super().__init__(lang, parent)
        self.headers = [QCoreApplication.translate("InvestorModel", str(text)) for text in HEADERS]

    def row_at(self, n: int) -> InvestorChoice:
        return self.rows[n]

    def cell(self, view: InvestorChoice, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_NAME:
                return view.name
            if column == COL_COUNTRY:
                return country_name(view.country, self.lang)
            return str(view.dossiers)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_DOSSIERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
