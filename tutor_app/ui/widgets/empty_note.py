"""A sentence shown in an empty view, in place of a blank box: what the view would hold, so an
empty Home list reads "no meetings in the next 14 days" and a preview not made yet says how to
make it, rather than looking broken."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QLabel


class ViewportNote(QLabel):
    """A muted, centred sentence over a scroll area's viewport (a list, a PDF view); its owner
    shows and hides it."""

    def __init__(self, area: QAbstractScrollArea, text: str) -> None:
        super().__init__(text, area.viewport())
        self.area = area
        self.setObjectName("muted")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # clicks reach the view
        area.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self.area.viewport().rect().adjusted(12, 8, -12, -8))
        return False


class EmptyNote(ViewportNote):
    """The note of a list: shown while its model has no rows."""

    def __init__(self, view: QAbstractItemView, text: str) -> None:
        super().__init__(view, text)
        self.view = view
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self._follow)
        self._follow()

    def _follow(self, *_args: object) -> None:
        self.setVisible(self.view.model().rowCount() == 0)
