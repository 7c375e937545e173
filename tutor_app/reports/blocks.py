"""Building blocks shared by the dossier and the portfolio: safe paragraphs, data tables that
split across pages with their header repeated, label/value grids, coloured chips and KPI tiles.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import TypeAlias
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from tutor_app.reports.theme import BOLD, REGULAR, Theme, tint

# reportlab ships no type hints, so its classes are Any to mypy (hence the ignores on subclasses).
Cell: TypeAlias = "str | Flowable"


def para(text: str | None, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user text: markup characters escaped, line breaks kept."""
    return Paragraph(markup(text), style)


def markup(text: str | None) -> str:
    if not text:
        return ""
    return escape(text.strip()).replace("\r\n", "\n").replace("\n", "<br/>")


def clip(text: str, width: float, font: str = REGULAR, size: float = 8) -> str:
    """Cut a one-line text with an ellipsis (far cheaper than a wrapped Paragraph in a cell)."""
    if stringWidth(text, font, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if stringWidth(text[:mid] + "…", font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def lines(text: str | None, width: float, font: str = REGULAR, size: float = 8, max_lines: int = 0) -> str:
    """Text broken into lines that fit ``width``, for a plain table cell.

    A plain string cell costs a fraction of a Paragraph (no markup parsing, measured once),
    and tables hold most of a dossier's cells. ``max_lines`` cuts with an ellipsis.
    """
    if not text:
        return ""
    out: list[str] = []
    for raw in text.strip().splitlines() or [""]:
        for line in simpleSplit(raw, font, size, width) or [""]:
            out += _broken(line, width, font, size) if " " not in line else [line]
    if max_lines and len(out) > max_lines:
        out = [*out[:max_lines - 1], clip(out[max_lines - 1] + " …", width, font, size)]
    return "\n".join(out)


def _broken(word: str, width: float, font: str, size: float) -> list[str]:
    """A word wider than its column (an e-mail address, a URL) broken between characters, never
    drawn over the next column."""
    if stringWidth(word, font, size) <= width:
        return [word]
    out, current = [], ""
    for char in word:
        if current and stringWidth(current + char, font, size) > width:
            out.append(current)
            current = ""
        current += char
    return [*out, current]


def data_table(header: Sequence[Cell], rows: Sequence[Sequence[Cell]], widths: Sequence[float], theme: Theme,
               extra: Sequence[tuple[object, ...]] = (), zebra: bool = True,
               align_right: Sequence[int] = ()) -> Table:
    """A table whose header row repeats on every page it spans."""
    commands = theme.table_style(zebra=zebra)
    commands += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in align_right]
    commands += list(extra)
    head = [Paragraph(escape(h), theme.th_right if c in align_right else theme.th) if isinstance(h, str) else h
            for c, h in enumerate(header)]
    return Table([head, *[list(r) for r in rows]], colWidths=list(widths), repeatRows=1, splitInRow=1,
                 style=TableStyle(commands), hAlign="LEFT")


def chunked_tables(header: Sequence[Cell], rows: Sequence[Sequence[Cell]], widths: Sequence[float],
                   theme: Theme, chunk: int = 60, extra: Sequence[tuple[object, ...]] = (),
                   align_right: Sequence[int] = (), first: int = 0) -> list[Flowable]:
    """A long table as a run of tables, each still splitting across pages with its header repeated.

    reportlab re-measures every remaining row each time a table splits, so one table of
    10,000 rows takes quadratic time; runs of about a page keep a 10,000-project portfolio
    linear. The runs follow each other with no gap, so the reader sees one table.
    ``extra`` holds per-row commands numbered over the whole table (row 1 = first data row).
    ``first`` makes the first run that short (a heading kept with the table keeps with those rows only).
    """
    starts = [0, *range(first, len(rows), chunk)] if 0 < first < len(rows) else list(range(0, max(1, len(rows)), chunk))
    per_chunk: list[list[tuple[object, ...]]] = [[] for _ in starts]
    for command in extra:
        name, begin, stop, *rest = command
        assert isinstance(begin, tuple) and isinstance(stop, tuple)
        if begin[1] != stop[1] or begin[1] < 1:
            raise ValueError(f"per-row command expected, got {command!r}")
        index = bisect_right(starts, int(begin[1]) - 1) - 1
        local = int(begin[1]) - 1 - starts[index]
        per_chunk[index].append((name, (begin[0], local + 1), (stop[0], local + 1), *rest))
    out: list[Flowable] = []
    for i, start in enumerate(starts):
        part = rows[start:starts[i + 1] if i + 1 < len(starts) else len(rows)]
        if i == 0:
            out.append(data_table(header, part, widths, theme, extra=per_chunk[i], align_right=align_right))
        else:
            out.append(ContinuedTable(header, part, widths, theme, per_chunk[i], align_right))
    return out


def _shifted(extra: Sequence[tuple[object, ...]], first: int) -> list[tuple[object, ...]]:
    """Per-row commands for the rows from ``first`` (0-based data row) on, renumbered from 1."""
    out: list[tuple[object, ...]] = []
    for name, start, stop, *rest in extra:
        assert isinstance(start, tuple) and isinstance(stop, tuple)
        row = int(start[1]) - first
        if row >= 1:
            out.append((name, (start[0], row), (stop[0], row), *rest))
    return out


class ContinuedTable(Flowable):  # type: ignore[misc]
    """The next run of a long table: its header shows only where the run starts a page.

    Printed mid-page, right under the previous run, a header would read as a new table; at the
    top of a page it is the repeated header the reader expects.
    """

    def __init__(self, header: Sequence[Cell], rows: Sequence[Sequence[Cell]], widths: Sequence[float],
                 theme: Theme, extra: Sequence[tuple[object, ...]], align_right: Sequence[int]) -> None:
        super().__init__()
        self.args = (header, rows, widths, theme, extra, align_right)
        self.hAlign = "LEFT"
        self._chosen: Table | None = None

    def _at_top(self) -> bool:
        frame = getattr(self, "_frame", None)
        return frame is None or bool(frame._atTop)

    def _table(self, with_header: bool) -> Table:
        header, rows, widths, theme, extra, align_right = self.args
        if with_header:
            return data_table(header, rows, widths, theme, extra=extra, align_right=align_right)
        commands = theme.table_style(header_rows=0)
        commands += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in align_right]
        for name, start, stop, *rest in extra:  # row 1 is the first data row; here it is row 0
            assert isinstance(start, tuple) and isinstance(stop, tuple)
            commands.append((name, (start[0], int(start[1]) - 1), (stop[0], int(stop[1]) - 1), *rest))
        return Table([list(r) for r in rows], colWidths=list(widths), repeatRows=0, splitInRow=1,
                     style=TableStyle(commands), hAlign="LEFT")

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._chosen = self._table(self._at_top())
        w, h = self._chosen.wrap(availWidth, availHeight)
        self.width, self.height = w, h
        return w, h

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self._at_top():
            return list(self._table(True).split(availWidth, availHeight))
        parts = self._table(False).split(availWidth, availHeight)
        if not parts:
            return []
        first = parts[0]
        done = len(first._cellvalues)
        header, rows, widths, theme, extra, align_right = self.args
        return [first, ContinuedTable(header, rows[done:], widths, theme, _shifted(extra, done), align_right)]

    def drawOn(self, canvas: object, x: float, y: float, _sW: float = 0) -> None:
        assert self._chosen is not None, "drawn before wrapped"
        self._chosen.drawOn(canvas, x, y, _sW)


def facts_grid(pairs: Sequence[tuple[str, Cell]], width: float, theme: Theme, columns: int = 2) -> Table:
    """Label/value pairs laid out in columns (the dossier's summary)."""
    label_w = width / columns * 0.40
    value_w = width / columns - label_w
    rows: list[list[Cell]] = []
    for start in range(0, len(pairs), columns):
        row: list[Cell] = []
        for label, value in pairs[start:start + columns]:
            row += [Paragraph(escape(label.upper()), theme.label),
                    value if isinstance(value, Flowable) else para(value, theme.cell)]
        row += [""] * (2 * columns - len(row))
        rows.append(row)
    p = theme.palette
    style = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8, 10),  # also for empty cells: else reportlab picks Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, p.rule),
        ("BACKGROUND", (0, 0), (-1, -1), p.panel),
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, p.primary),
    ]
    return Table(rows, colWidths=[label_w, value_w] * columns, style=TableStyle(style), hAlign="LEFT")


def definitions(pairs: Sequence[tuple[str, str]], width: float, theme: Theme) -> Table:
    """Terms and what they mean, the term in bold on the left (a report's reading guide)."""
    term_w = min(150.0, width * 0.3)
    rows = [[Paragraph(escape(term), theme.cell_bold), Paragraph(escape(meaning), theme.cell)]
            for term, meaning in pairs]
    p = theme.palette
    return Table(rows, colWidths=[term_w, width - term_w], hAlign="LEFT", style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), REGULAR, 8, 10),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, p.rule), ("LINEABOVE", (0, 0), (-1, 0), 1.2, p.primary)]))


def chip_markup(text: str, colour: Color) -> str:
    """A coloured label inside a paragraph (working tables, statuses)."""
    return (f'<font name="{BOLD}" color="#FFFFFF" backColor="{colour.hexval().replace("0x", "#")}">'
            f"&nbsp;{escape(text).replace(' ', '&nbsp;')}&nbsp;</font>")  # a chip never breaks inside


def status_cell(commands: list[tuple[object, ...]], col: int, row: int, colour: Color) -> None:
    """Tint one table cell and colour its text (urgency marks in permit tables)."""
    commands.append(("BACKGROUND", (col, row), (col, row), tint(colour, 0.14)))
    commands.append(("TEXTCOLOR", (col, row), (col, row), colour))
    commands.append(("FONT", (col, row), (col, row), BOLD, 8, 10))


class KpiTiles(Flowable):  # type: ignore[misc]
    """Big figures with a caption each, in rows (the portfolio's key figures)."""

    def __init__(self, tiles: Sequence[tuple[str, str, str]], theme: Theme, per_row: int = 3,
                 tile_height: float = 58) -> None:
        super().__init__()
        self.tiles = list(tiles)  # (figure, caption, sub-caption)
        self.theme = theme
        self.per_row = per_row
        self.tile_height = tile_height
        self.gap = 8.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        rows = -(-len(self.tiles) // self.per_row)
        self.height = rows * self.tile_height + (rows - 1) * self.gap
        return availWidth, self.height

    def draw(self) -> None:
        canvas, p = self.canv, self.theme.palette
        gap, th = self.gap, self.tile_height
        w = (self.width - gap * (self.per_row - 1)) / self.per_row
        for i, (figure, caption, sub) in enumerate(self.tiles):
            x = (i % self.per_row) * (w + gap)
            y = self.height - (i // self.per_row + 1) * th - (i // self.per_row) * gap
            canvas.setFillColor(p.panel)
            canvas.roundRect(x, y, w, th, 4, stroke=0, fill=1)
            canvas.setFillColor(p.accent)
            canvas.rect(x, y + th - 3, w, 3, stroke=0, fill=1)
            size = 18.0
            while size > 9 and canvas.stringWidth(figure, BOLD, size) > w - 20:
                size -= 0.5
            canvas.setFillColor(p.primary)
            canvas.setFont(BOLD, size)
            canvas.drawString(x + 10, y + th - 27, figure)
            # captions shrink to fit before anything is cut (a narrow tile of a four-tile row)
            canvas.setFillColor(p.ink)
            size = _fitting(caption, BOLD, 8, 6.4, w - 20)
            canvas.setFont(BOLD, size)
            canvas.drawString(x + 10, y + 17, clip(caption, w - 20, BOLD, size))
            canvas.setFillColor(p.muted)
            size = _fitting(sub, REGULAR, 7.2, 6, w - 20)
            canvas.setFont(REGULAR, size)
            canvas.drawString(x + 10, y + 7, clip(sub, w - 20, REGULAR, size))


def _fitting(text: str, font: str, size: float, smallest: float, width: float) -> float:
    """The largest size from ``size`` down to ``smallest`` at which ``text`` fits ``width``."""
    while size > smallest and stringWidth(text, font, size) > width:
        size -= 0.2
    return size


class Band(Flowable):  # type: ignore[misc]
    """A one-line coloured band of labelled cells, drawn directly (a meeting's heading).

    A one-row Table would do the same at several times the cost, and a dossier has dozens.
    """

    def __init__(self, cells: Sequence[tuple[str, str, float, Color, float, Color | None]],
                 height: float = 19) -> None:
        super().__init__()
        self.cells = list(cells)  # (text, font, size, text colour, width, background or None)
        self.band_height = height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.band_height

    def draw(self) -> None:
        canvas = self.canv
        x = 0.0
        for text, font, size, colour, width, background in self.cells:
            if background is not None:
                canvas.setFillColor(background)
                canvas.rect(x, 0, width, self.band_height, stroke=0, fill=1)
            canvas.setFillColor(colour)
            canvas.setFont(font, size)
            canvas.drawString(x + 6, (self.band_height - size * 0.72) / 2, clip(text, width - 10, font, size))
            x += width
