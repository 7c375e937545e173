"""The investors found as a name is typed in the new-dossier dialog: company, country, dossiers.

A dumb adapter over ``services.investors.InvestorChoice`` rows (``set_rows`` inside a reset).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from tutor_app.domain.places import country_name
from tutor_app.ui.models.dossier_tables import VIEW_ROLE, _ModelIndex

if TYPE_CHECKING:
    from tutor_app.services.investors import InvestorChoice

COL_NAME, COL_COUNTRY, COL_DOSSIERS = range(3)
HEADERS = (
    QT_TRANSLATE_NOOP("InvestorModel", "Company"),
    QT_TRANSLATE_NOOP("InvestorModel", "Country"),
    QT_TRANSLATE_NOOP("InvestorModel", "Dossiers"),
)


class InvestorModel(QAbstractTableModel):
    def __init__(self, lang: str = "it", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.rows: list[InvestorChoice] = []

    def set_rows(self, rows: Sequence[InvestorChoice]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, n: int) -> InvestorChoice:
        return self.rows[n]

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("InvestorModel", str(HEADERS[section]))
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == VIEW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_NAME:
                return row.name
            if column == COL_COUNTRY:
                return country_name(row.country, self.lang)
            return str(row.dossiers)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_DOSSIERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
