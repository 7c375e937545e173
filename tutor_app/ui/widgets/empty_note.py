"""A sentence shown in an empty list, in place of a blank box: what the list would hold, so an
empty Home list reads "no meetings in the next 14 days" rather than looking broken."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel


class EmptyNote(QLabel):
    """A muted, centred sentence over ``view``'s viewport, shown while its model has no rows."""

    def __init__(self, view: QAbstractItemView, text: str) -> None:
        super().__init__(text, view.viewport())
        self.view = view
        self.setObjectName("muted")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # clicks reach the list
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self._follow)
        view.viewport().installEventFilter(self)
        self._follow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self.view.viewport().rect().adjusted(12, 8, -12, -8))
        return False

    def _follow(self, *_args: object) -> None:
        self.setVisible(self.view.model().rowCount() == 0)
