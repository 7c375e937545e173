"""A horizontal bar chart drawn with QPainter: labels, bars and their values printed, clickable.

Each row has a label and one bar per series (a legend names the series when there are several:
solid and hatched fills, so colour is never the only signal). Every bar prints its value, and a
click (or Enter on the focused bar: Up/Down move between bars) emits the projects behind it.
Rows are given precomputed (``services.region``); painting does no work beyond drawing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFocusEvent, QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

SERIES_COLOURS = ("#2f6fb0", "#c7772b")  # blue (solid), amber (hatched): lightness differs too
SERIES_PATTERNS = (Qt.BrushStyle.SolidPattern, Qt.BrushStyle.BDiagPattern)
MAX_LABEL_SHARE = 0.42


@dataclass(frozen=True, slots=True)
class Segment:
    value: float  # the bar's length, relative to the chart's largest value
    text: str  # the value as printed
    ids: frozenset[str]  # the projects behind it
    description: str  # what the dossier list says it shows
    tooltip: str = ""


@dataclass(frozen=True, slots=True)
class ChartRow:
    label: str
    segments: tuple[Segment, ...]  # one per series


class BarChart(QWidget):
    picked = Signal(object, str)  # frozenset of project ids, description

    def __init__(self, series: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series = tuple(series)
        self.rows: list[ChartRow] = []
        self._hits: list[tuple[QRect, int, int]] = []  # (area, row, segment)
        self._current: tuple[int, int] | None = None
        self._hover: tuple[int, int] | None = None
        self.empty_text = ""
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    # -- feeding --------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[ChartRow]) -> None:
        self.rows = list(rows)
        self._current = self._hover = None
        self.updateGeometry()
        self.update()

    def segment(self, row: int, seg: int = 0) -> Segment:
        return self.rows[row].segments[seg]

    def pick(self, row: int, seg: int = 0) -> None:
        """What a click on the bar does (tests call it, the mouse and keyboard too)."""
        s = self.segment(row, seg)
        self.picked.emit(s.ids, s.description)

    # -- geometry -------------------------------------------------------------------------------

    def _bar_height(self) -> int:
        return self.fontMetrics().height() + 4

    def _legend_height(self) -> int:
        return self.fontMetrics().height() + 8 if len(self.series) > 1 else 0

    def _row_height(self) -> int:
        return max(1, len(self.series)) * self._bar_height() + 6

    def sizeHint(self) -> QSize:
        rows = max(1, len(self.rows))
        return QSize(360, self._legend_height() + rows * self._row_height() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def bar_rect(self, row: int, seg: int = 0) -> QRect:
        """Where a bar's clickable band is (its label, bar and value)."""
        for area, r, s in self._layout():
            if (r, s) == (row, seg):
                return area
        return QRect()

    def _layout(self) -> list[tuple[QRect, int, int]]:
        top = self._legend_height()
        width = self.width()
        bar_h = self._bar_height()
        out = []
        for r, row in enumerate(self.rows):
            y = top + r * self._row_height() + 3
            for s in range(len(row.segments)):
                out.append((QRect(0, y + s * bar_h, width, bar_h), r, s))
        return out

    # -- painting -------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        fm = self.fontMetrics()
        palette_text = self.palette().text().color()
        width = self.width()
        if not self.rows:
            painter.setPen(QColor("#5f6b7a"))
            painter.drawText(self.rect().adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                             self.empty_text)
            return
        if len(self.series) > 1:
            x = 2
            for s, name in enumerate(self.series):
                swatch = QRect(x, 4, fm.height(), fm.height() - 2)
                self._fill(painter, swatch, s)
                x = swatch.right() + 6
                painter.setPen(palette_text)
                painter.drawText(QPoint(x, 4 + fm.ascent()), name)
                x += fm.horizontalAdvance(name) + 18
        label_w = min(max(fm.horizontalAdvance(r.label) for r in self.rows) + 14, int(width * MAX_LABEL_SHARE))
        value_w = max(fm.horizontalAdvance(seg.text) for r in self.rows for seg in r.segments) + 10
        bar_w = max(20, width - label_w - value_w - 4)
        top_value = max((seg.value for r in self.rows for seg in r.segments), default=0.0) or 1.0
        self._hits = self._layout()
        for area, r, s in self._hits:
            row = self.rows[r]
            seg = row.segments[s]
            if (r, s) == self._hover:
                painter.fillRect(area, QColor("#eef3f9"))
            if s == 0:
                painter.setPen(palette_text)
                label = fm.elidedText(row.label, Qt.TextElideMode.ElideRight, label_w - 6)
                painter.drawText(QRect(2, area.top(), label_w - 4, area.height()),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            length = round(bar_w * seg.value / top_value)
            if seg.value > 0:
                length = max(length, 2)
            bar = QRect(label_w, area.top() + 2, length, area.height() - 4)
            if length:
                self._fill(painter, bar, s)
            painter.setPen(palette_text)
            painter.drawText(QRect(label_w + length + 5, area.top(), value_w + bar_w - length, area.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, seg.text)
            if self.hasFocus() and (r, s) == self._current:
                painter.setPen(QPen(QColor("#0b5394"), 1, Qt.PenStyle.DotLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(area.adjusted(0, 0, -1, -1))

    def _fill(self, painter: QPainter, rect: QRect, series: int) -> None:
        colour = QColor(SERIES_COLOURS[series % len(SERIES_COLOURS)])
        pattern = SERIES_PATTERNS[series % len(SERIES_PATTERNS)]
        if pattern != Qt.BrushStyle.SolidPattern:
            painter.fillRect(rect, colour.lighter(175))
        painter.fillRect(rect, QBrush(colour, pattern))
        painter.setPen(colour.darker(130))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(0, 0, -1, -1))

    # -- interaction ----------------------------------------------------------------------------

    def _at(self, pos: QPoint) -> tuple[int, int] | None:
        for area, r, s in self._layout():
            if area.contains(pos):
                return r, s
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hover = self._at(event.position().toPoint())
        if hover != self._hover:
            self._hover = hover
            self.setCursor(Qt.CursorShape.PointingHandCursor if hover else Qt.CursorShape.ArrowCursor)
            self.update()

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = None
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            found = self._at(event.position().toPoint())
            if found is not None:
                self._current = found
                self.pick(*found)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self._current is None and self.rows:
            self._current = (0, 0)
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        order = [(r, s) for _area, r, s in self._layout()]
        if not order:
            super().keyPressEvent(event)
            return
        at = order.index(self._current) if self._current in order else 0
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            at = min(len(order) - 1, at + 1) if key == Qt.Key.Key_Down else max(0, at - 1)
            self._current = order[at]
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.pick(*order[at])
        else:
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            found = self._at(event.pos())
            if found is not None:
                seg = self.segment(*found)
                QToolTip.showText(event.globalPos(), seg.tooltip or f"{seg.description}: {seg.text}", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
