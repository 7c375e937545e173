"""Charts drawn with reportlab.graphics: the phase timeline of a dossier and the portfolio's
breakdowns (phase columns, ranked horizontal bars, a status doughnut, a tile map of the provinces).

Every chart is a vector Drawing sized to its slot on the page; colours follow the theme so a
phase has the same colour in the timeline, the charts and the meeting marks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Final

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.doughnut import Doughnut
from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from tutor_app.domain.enums import Phase
from tutor_app.reports.blocks import clip
from tutor_app.reports.i18n import Words
from tutor_app.reports.theme import BOLD, REGULAR, Theme, phase_colour, tint

_GREY = HexColor("#C9D2D6")
_GREY_TEXT = HexColor("#7A868D")


def phase_timeline(entered: dict[Phase, date], current: Phase | None, today: date, words: Words,
                   theme: Theme, width: float, planned: dict[Phase, date] | None = None) -> Drawing:
    """Six chevrons (reached, current, still ahead) over a time bar drawn to scale.

    A phase still ahead shows its planned date when the data gives one (``planned``)."""
    planned = planned or {}
    p = theme.palette
    height = 150.0
    drawing = Drawing(width, height)
    n = len(Phase)
    gap, tip = 3.0, 9.0
    seg = (width - gap * (n - 1)) / n
    chev_h, chev_y = 40.0, height - 44
    for phase in Phase:
        x = phase.order * (seg + gap)
        colour = phase_colour(phase)
        reached = phase in entered
        is_current = phase is current
        fill = colour if is_current else tint(colour, 0.62) if reached else HexColor("#EDF1F2")
        left_notch = 0.0 if phase.order == 0 else tip
        right_tip = 0.0 if phase.order == n - 1 else tip
        drawing.add(Polygon(
            [x, chev_y, x + seg - right_tip, chev_y, x + seg, chev_y + chev_h / 2,
             x + seg - right_tip, chev_y + chev_h, x, chev_y + chev_h, x + left_notch, chev_y + chev_h / 2],
            fillColor=fill, strokeColor=colour if reached else _GREY, strokeWidth=0.6 if not is_current else 0))
        text_colour = HexColor("#FFFFFF") if is_current else p.ink if reached else _GREY_TEXT
        lines = simpleSplit(f"{phase.order + 1}. {phase.label(words.lang)}", BOLD, 7.3, seg - 2 * tip - 2)[:2]
        top = chev_y + chev_h / 2 + (4.5 if len(lines) == 2 else -2.5)
        for i, line in enumerate(lines):
            drawing.add(String(x + left_notch + (seg - left_notch - right_tip) / 2, top - i * 9, line,
                               fontName=BOLD, fontSize=7.3, fillColor=text_colour, textAnchor="middle"))
        # under the chevron: the working table (wrapped, never cut), then the date entered or planned
        cx = x + seg / 2
        for i, line in enumerate(simpleSplit(phase.table.label(words.lang), REGULAR, 6.8, seg - 4)[:2]):
            drawing.add(String(cx, chev_y - 10 - i * 8, line, fontName=REGULAR, fontSize=6.8,
                               fillColor=colour if reached else _GREY_TEXT, textAnchor="middle"))
        if reached:
            when = words.day(entered[phase])
        elif phase in planned:
            when = words("planned", when=words.day(planned[phase]))
        else:
            when = words("planned_unknown")
        drawing.add(String(cx, chev_y - 29, when, fontName=BOLD if reached else REGULAR, fontSize=7.4,
                           fillColor=p.ink if reached else _GREY_TEXT, textAnchor="middle"))
        if is_current:
            drawing.add(String(cx, chev_y - 38, words("in_progress").upper(), fontName=BOLD, fontSize=6.5,
                               fillColor=colour, textAnchor="middle"))
    _time_bar(drawing, entered, today, words, theme, width, 14.0, 18.0)
    return drawing


def _time_bar(drawing: Drawing, entered: dict[Phase, date], today: date, words: Words, theme: Theme,
              width: float, y: float, h: float) -> None:
    """Time spent in each phase, to scale, from the first phase to today, with year ticks."""
    if not entered:
        return
    ordered = sorted(entered.items(), key=lambda kv: (kv[1], kv[0].order))
    start = ordered[0][1]
    end = max(today, ordered[-1][1])
    if end == start:  # one phase entered today: a bar from a date to the same date says nothing
        phase = ordered[-1][0]
        drawing.add(String(0, y + h / 2 - 3, words("entered_today", phase=phase.label(words.lang),
                                                      when=words.day(start)),
                           fontName=REGULAR, fontSize=7.5, fillColor=theme.palette.muted))
        return
    span = (end - start).days

    def xpos(d: date) -> float:
        return width * (d - start).days / span

    drawing.add(Rect(0, y, width, h, fillColor=HexColor("#EDF1F2"), strokeColor=None))
    for i, (phase, since) in enumerate(ordered):
        until = ordered[i + 1][1] if i + 1 < len(ordered) else end
        x0, x1 = xpos(since), xpos(until)
        days = (until - since).days
        if days == 0:  # a phase left on the day it was entered takes no time on the bar
            continue
        drawing.add(Rect(x0, y, max(0.8, x1 - x0), h, fillColor=phase_colour(phase), strokeColor=None))
        label = words.days(days)
        if x1 - x0 > 34:
            drawing.add(String((x0 + x1) / 2, y + h / 2 - 2.8, label, fontName=BOLD, fontSize=7,
                               fillColor=HexColor("#FFFFFF"), textAnchor="middle"))
    for year in range(start.year + 1, end.year + 1):
        x = xpos(date(year, 1, 1))
        # the tick stays under the bar: through it, it would cross the duration labels
        drawing.add(Line(x, y - 4, x, y, strokeColor=theme.palette.ink, strokeWidth=0.6))
        if 48 < x < width - 48:  # the first and last dates are written at the ends
            drawing.add(String(x, y - 11, str(year), fontName=BOLD, fontSize=6.8, fillColor=theme.palette.ink,
                               textAnchor="middle"))
    drawing.add(String(0, y - 11, words.day(start), fontName=REGULAR, fontSize=6.8,
                       fillColor=theme.palette.muted))
    drawing.add(String(width, y - 11, words.day(end), fontName=REGULAR, fontSize=6.8,
                       fillColor=theme.palette.muted, textAnchor="end"))


def hbars(items: Sequence[tuple[str, float, Color]], width: float, theme: Theme,
          value_text: Callable[[float], str], title: str, label_width: float | None = None) -> Drawing:
    """Ranked horizontal bars: label, bar, value. Used for sectors, countries and provinces."""
    p = theme.palette
    row, top_pad = 14.0, 20.0
    height = top_pad + row * max(1, len(items)) + 4
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 11, title, fontName=BOLD, fontSize=9, fillColor=p.ink))
    label_w = label_width or width * 0.42
    value_w = 58.0
    bar_w = width - label_w - value_w
    biggest = max((v for _, v, _ in items), default=0) or 1
    for i, (label, value, colour) in enumerate(items):
        yb = height - top_pad - (i + 1) * row + 3
        drawing.add(String(0, yb + 2, clip(label, label_w - 6, REGULAR, 7.5), fontName=REGULAR, fontSize=7.5,
                           fillColor=p.ink))
        drawing.add(Rect(label_w, yb, bar_w, row - 5, fillColor=p.zebra, strokeColor=None))
        drawing.add(Rect(label_w, yb, max(1.0, bar_w * value / biggest), row - 5, fillColor=colour,
                         strokeColor=None))
        drawing.add(String(width, yb + 2, value_text(value), fontName=BOLD, fontSize=7.5, fillColor=p.ink,
                           textAnchor="end"))
    return drawing


def phase_columns(counts: dict[Phase, float], width: float, words: Words, theme: Theme, title: str,
                  value_text: Callable[[float], str]) -> Drawing:
    """One column per phase in the phase's colour, the value above each column."""
    p = theme.palette
    height = 170.0
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 11, title, fontName=BOLD, fontSize=9, fillColor=p.ink))
    chart = VerticalBarChart()
    chart.x, chart.y = 22, 40
    chart.width, chart.height = width - 30, height - 70
    values = [counts.get(ph, 0) for ph in Phase]
    chart.data = [values]
    chart.strokeColor = None
    chart.bars.strokeColor = None
    chart.barWidth = 10
    chart.groupSpacing = 8
    for i, phase in enumerate(Phase):
        chart.bars[(0, i)].fillColor = phase_colour(phase)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max([*values, 1]) * 1.18
    chart.valueAxis.visible = False
    chart.valueAxis.visibleGrid = False
    chart.categoryAxis.categoryNames = [
        "\n".join(simpleSplit(ph.label(words.lang), REGULAR, 6.5, (width - 30) / 6 - 2)[:3]) for ph in Phase]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.leading = 7.5
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -3
    chart.categoryAxis.labels.fillColor = p.ink
    chart.categoryAxis.strokeColor = p.rule
    chart.categoryAxis.tickDown = 0
    chart.barLabelFormat = value_text
    chart.barLabels.fontName = BOLD
    chart.barLabels.fontSize = 7.5
    chart.barLabels.nudge = 7
    chart.barLabels.fillColor = p.ink
    drawing.add(chart)
    return drawing


def doughnut(items: Sequence[tuple[str, float, Color]], width: float, theme: Theme, title: str,
             value_text: Callable[[float], str]) -> Drawing:
    """A doughnut with its legend on the right (project statuses)."""
    p = theme.palette
    height = 170.0
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 11, title, fontName=BOLD, fontSize=9, fillColor=p.ink))
    shown = [(label, value, colour) for label, value, colour in items if value > 0]
    if not shown:
        return drawing
    size = min(height - 50, width * 0.38)
    chart = Doughnut()
    chart.x, chart.y = 4, (height - 20 - size) / 2
    chart.width = chart.height = size
    chart.data = [v for _, v, _ in shown]
    chart.innerRadiusFraction = 0.58
    chart.slices.strokeColor = HexColor("#FFFFFF")
    chart.slices.strokeWidth = 1.2
    for i, (_, _, colour) in enumerate(shown):
        chart.slices[i].fillColor = colour
    drawing.add(chart)
    total = sum(v for _, v, _ in shown)
    lx = size + 18
    ly = chart.y + size / 2 + len(shown) * 8
    shares = [f"{value_text(value)} · {round(100 * value / total)}%" for _, value, _ in shown]
    share_w = max(stringWidth(text, BOLD, 7.8) for text in shares)
    for i, (label, _, colour) in enumerate(shown):
        y = ly - i * 16
        drawing.add(Rect(lx, y, 8, 8, fillColor=colour, strokeColor=None))
        drawing.add(String(lx + 13, y + 1, clip(label, width - lx - 13 - share_w - 6, REGULAR, 7.8),
                           fontName=REGULAR, fontSize=7.8, fillColor=p.ink))
        drawing.add(String(width, y + 1, shares[i], fontName=BOLD, fontSize=7.8, fillColor=p.ink,
                           textAnchor="end"))
    return drawing


# Lombardy's twelve provinces as a grid of equal tiles, west to east and north to south, so
# each sits near its place on the map: no shapes, and every tile has room for its figures.
PROVINCE_GRID: Final = (("VA", "CO", "LC", "SO"), ("MI", "MB", "BG", "BS"), ("PV", "LO", "CR", "MN"))
_TILE_STEPS: Final = ((0.75, 1.0), (0.5, 0.78), (0.25, 0.56), (0.1, 0.36), (0.0, 0.18))


def province_tiles(values: Mapping[str, tuple[int, int, int]], width: float, words: Words,
                   theme: Theme) -> Drawing:
    """A tile map of the provinces: each tile names its province and prints its projects, capex
    and hires; its shade follows the capex (darker = more), never the only signal."""
    p = theme.palette
    gap, tile_h = 6.0, 66.0
    cols, rows = len(PROVINCE_GRID[0]), len(PROVINCE_GRID)
    tile_w = (width - gap * (cols - 1)) / cols
    height = rows * tile_h + (rows - 1) * gap
    drawing = Drawing(width, height)
    biggest = max((v[1] for v in values.values()), default=0) or 1
    for r, line in enumerate(PROVINCE_GRID):
        for c, code in enumerate(line):
            x = c * (tile_w + gap)
            y = height - (r + 1) * tile_h - r * gap
            projects, capex, hires = values.get(code, (0, 0, 0))
            share = capex / biggest
            strength = next(t for floor, t in _TILE_STEPS if share >= floor) if projects else 0.0
            fill = tint(p.primary, strength) if projects else HexColor("#FFFFFF")
            ink = HexColor("#FFFFFF") if strength >= 0.5 else p.ink
            soft = HexColor("#E3EFEA") if strength >= 0.5 else p.muted
            drawing.add(Rect(x, y, tile_w, tile_h, rx=3, ry=3, fillColor=fill,
                             strokeColor=p.rule if strength < 0.5 else None, strokeWidth=0.6))
            drawing.add(String(x + 7, y + tile_h - 15, code, fontName=BOLD, fontSize=11, fillColor=ink))
            name = words.province(code, short=True)
            drawing.add(String(x + 7 + stringWidth(code, BOLD, 11) + 5, y + tile_h - 15,
                               clip(name, tile_w - 24 - stringWidth(code, BOLD, 11), REGULAR, 7.2),
                               fontName=REGULAR, fontSize=7.2, fillColor=soft))
            if projects:
                figures = (words.money_short(capex), words.count("projects_count", projects),
                           words.count("hires_count", hires))
            else:
                figures = ("–", words("projects_none"), "")
            drawing.add(String(x + 7, y + tile_h - 33, figures[0], fontName=BOLD, fontSize=12, fillColor=ink))
            drawing.add(String(x + 7, y + 17, figures[1], fontName=REGULAR, fontSize=7.4, fillColor=ink))
            drawing.add(String(x + 7, y + 7, figures[2], fontName=REGULAR, fontSize=7.4, fillColor=ink))
    return drawing
