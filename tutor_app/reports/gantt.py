"""The permit timeline of a dossier: one row per permit, drawn to scale, the actual span (from the
application to the decision, or to today while it runs) against the legal term and the date the
tutor expects.

Colour is never the only signal: the legal term is a diamond, the expected date a ring (a bar
running past its diamond is late, and that part is red), and each row ends with its state in
words and a date. Long checklists are cut into charts of a page each, each with its axis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from tutor_app.reports.i18n import Words
from tutor_app.reports.theme import BOLD, REGULAR, Theme

_LABEL_W = 150.0
_STATE_W = 84.0
_AXIS_H = 24.0
_BAR_H = 7.0
_LINE = 8.0


@dataclass(frozen=True, slots=True)
class GanttRow:
    """One permit on the timeline (dates already worked out by the caller)."""

    name: str
    authority: str
    start: date | None          # application filed
    end: date | None            # decision, or None while it runs (the bar then ends today)
    term: date | None           # the legal term's last day
    expected: date | None       # when the tutor expects the decision
    state: str                  # one or two lines, e.g. "Termine superato\nda 3 gg"
    colour: Color               # of the state
    bar: Color                  # of the bar (the part beyond the legal term is always red)


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def span_of(rows: Sequence[GanttRow], today: date) -> tuple[date, date]:
    """First day of the first month, first day of the month after the last date shown."""
    days = [today, *(d for r in rows for d in (r.start, r.end, r.term, r.expected) if d is not None)]
    return _month_start(min(days)), _next_month(max(days))


def _step(months: int) -> int:
    for limit, step in ((14, 1), (28, 2), (48, 3), (96, 6)):
        if months <= limit:
            return step
    return 12


def permit_gantt(rows: Sequence[GanttRow], today: date, words: Words, theme: Theme, width: float,
                 per_chart: int = 24) -> list[Drawing]:
    """The timeline as drawings of at most ``per_chart`` rows, all on the same time scale."""
    if not rows:
        return []
    lo, hi = span_of(rows, today)
    return [_chart(rows[i:i + per_chart], lo, hi, today, words, theme, width)
            for i in range(0, len(rows), per_chart)]


def _row_lines(row: GanttRow) -> list[tuple[str, str, float]]:
    out = [(line, BOLD, 7.0) for line in simpleSplit(row.name, BOLD, 7.0, _LABEL_W - 8)]
    out += [(line, REGULAR, 6.4) for line in simpleSplit(row.authority, REGULAR, 6.4, _LABEL_W - 8)]
    return out


def _chart(rows: Sequence[GanttRow], lo: date, hi: date, today: date, words: Words, theme: Theme,
           width: float) -> Drawing:
    p = theme.palette
    labels = [_row_lines(r) for r in rows]
    heights = [max(2, len(lbl), len(r.state.splitlines())) * _LINE + 6 for lbl, r in zip(labels, rows, strict=True)]
    height = _AXIS_H + sum(heights) + 4
    drawing = Drawing(width, height)
    x0, x1 = _LABEL_W, width - _STATE_W - 6
    span = max(1, (hi - lo).days)

    def x(day: date) -> float:
        return x0 + (x1 - x0) * (day - lo).days / span

    # the axis: month ticks along the top, the year under each January (and the first tick)
    top = height - _AXIS_H
    months = (hi.year - lo.year) * 12 + hi.month - lo.month
    step = _step(months)
    tick = lo
    n = 0
    while tick <= hi:
        if n % step == 0:
            tx = x(tick)
            drawing.add(Line(tx, 2, tx, top, strokeColor=p.rule, strokeWidth=0.4))
            if tick < hi:
                drawing.add(String(tx + 2, top + 12, words.month(tick), fontName=REGULAR, fontSize=6.6,
                                   fillColor=p.muted))
                if tick.month == 1 or n == 0:
                    drawing.add(String(tx + 2, top + 4, str(tick.year), fontName=BOLD, fontSize=6.6,
                                       fillColor=p.ink))
        tick = _next_month(tick)
        n += 1
    y = top
    for i, (row, label, h) in enumerate(zip(rows, labels, heights, strict=True)):
        y -= h
        if i % 2:
            drawing.add(Rect(0, y, width, h, fillColor=p.zebra, strokeColor=None))
        for k, (text, font, size) in enumerate(label):
            drawing.add(String(2, y + h - 9 - k * _LINE, text, fontName=font, fontSize=size,
                               fillColor=p.ink if font == BOLD else p.muted))
        mid = y + h / 2
        if row.start is not None:
            end = row.end or today
            bx0, bx1 = x(row.start), x(end)
            drawing.add(Rect(bx0, mid - _BAR_H / 2, max(1.5, bx1 - bx0), _BAR_H, fillColor=row.bar,
                             strokeColor=None))
            if row.term is not None and end > row.term:  # beyond the legal term (past its diamond): red
                ox0 = max(bx0, x(row.term))
                drawing.add(Rect(ox0, mid - _BAR_H / 2, max(1.0, bx1 - ox0), _BAR_H, fillColor=p.danger,
                                 strokeColor=None))
        if row.term is not None:
            tx = x(row.term)
            drawing.add(Polygon([tx, mid + 5, tx + 4, mid, tx, mid - 5, tx - 4, mid], fillColor=p.ink,
                                strokeColor=HexColor("#FFFFFF"), strokeWidth=0.6))
        if row.expected is not None:
            drawing.add(Circle(x(row.expected), mid, 3.4, fillColor=HexColor("#FFFFFF"), strokeColor=p.ink,
                               strokeWidth=1.1))
        for k, text in enumerate(row.state.splitlines()):
            drawing.add(String(width, y + h - 9 - k * _LINE, text, fontName=BOLD if k == 0 else REGULAR,
                               fontSize=6.8, fillColor=row.colour, textAnchor="end"))
    if lo <= today <= hi:  # today, dashed across the rows, named at the axis
        tx = x(today)
        drawing.add(Line(tx, 2, tx, top + 2, strokeColor=p.accent, strokeWidth=0.9, strokeDashArray=[2, 2]))
        drawing.add(Rect(tx - 11, top - 8, 22, 8, fillColor=p.accent, strokeColor=None))
        drawing.add(String(tx, top - 6.3, words("gantt_today"), fontName=BOLD, fontSize=5.8,
                           fillColor=HexColor("#FFFFFF"), textAnchor="middle"))
    return drawing


def gantt_legend(words: Words, theme: Theme, width: float) -> Drawing:
    """What the marks mean, drawn with the marks themselves."""
    p = theme.palette
    drawing = Drawing(width, 14)
    mid = 6.0
    xpos = 0.0
    items = [("bar", p.primary, words("gantt_actual")), ("over", p.danger, words("gantt_over")),
             ("term", p.ink, words("gantt_term")), ("expected", p.ink, words("gantt_expected"))]
    for kind, colour, text in items:
        if kind in ("bar", "over"):
            drawing.add(Rect(xpos, mid - _BAR_H / 2, 16, _BAR_H, fillColor=colour, strokeColor=None))
            xpos += 20
        elif kind == "term":
            drawing.add(Polygon([xpos + 4, mid + 5, xpos + 8, mid, xpos + 4, mid - 5, xpos, mid], fillColor=colour,
                                strokeColor=None))
            xpos += 12
        else:
            drawing.add(Circle(xpos + 4, mid, 3.4, fillColor=HexColor("#FFFFFF"), strokeColor=colour,
                               strokeWidth=1.1))
            xpos += 12
        drawing.add(String(xpos, mid - 2.5, text, fontName=REGULAR, fontSize=7.2, fillColor=p.ink))
        xpos += stringWidth(text, REGULAR, 7.2) + 16
    return drawing
