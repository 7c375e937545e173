"""The look of every report: the embedded font family, the palette, paragraph and table styles.

Only TrueType fonts shipped in ``resources/fonts`` are used (Noto Sans and the fallbacks for other
scripts, ``fonts.py``): reportlab embeds a subset of each with a ToUnicode map, so € and accents
print and extract correctly in any viewer, and no standard (unembedded) font is ever referenced.
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from typing import Final

from reportlab.lib import colors
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from tutor_app.domain.enums import Phase, WorkingTable
from tutor_app.reports import fonts
from tutor_app.reports.branding import Branding, branding

REGULAR: Final = fonts.REGULAR  # the names every report module uses
BOLD: Final = fonts.BOLD


def register_fonts() -> None:
    """Register the font family once per process (later calls are free)."""
    fonts.register_fonts()
    # Charts start every drawing by selecting the default font, which is Helvetica: a
    # standard font the PDF would then reference unembedded. reportlab is only used for
    # reports in this app, so its drawing default becomes ours.
    from reportlab.graphics import shapes

    shapes.STATE_DEFAULTS["fontName"] = REGULAR
    # Page streams are Flate-compressed; the extra ASCII85 layer reportlab adds by default
    # (for 7-bit mail transports of the 1990s) makes files 25% bigger and costs 10% of the time.
    from reportlab import rl_config

    rl_config.useA85 = 0


# Working tables carry a colour of their own everywhere (timeline, meeting marks, charts), so a
# reader learns once that purple is the political table. Chosen to stay apart in print and for
# the common colour-vision deficiencies, and dark enough to carry white text.
TABLE_COLOURS: Final[dict[WorkingTable, Color]] = {
    WorkingTable.POLITICAL: HexColor("#5E3C99"),
    WorkingTable.TECHNICAL: HexColor("#1F6FB2"),
    WorkingTable.OPERATIONAL: HexColor("#11807F"),
    WorkingTable.PERMITTING: HexColor("#C46A00"),
    WorkingTable.MONITORING: HexColor("#3D8B37"),
    WorkingTable.AFTERCARE: HexColor("#B03A6F"),
    WorkingTable.COMMUNICATION: HexColor("#5D6D7E"),
    WorkingTable.TERRITORY: HexColor("#8A6642"),
}


_NEUTRAL: Final = HexColor("#5D6D7E")


def table_colour(code: str) -> Color:
    """The table's colour; a table this version does not know gets the neutral grey."""
    return TABLE_COLOURS.get(WorkingTable(code), _NEUTRAL)


def phase_colour(phase: Phase) -> Color:
    return table_colour(phase.table)


def tint(colour: Color, amount: float) -> Color:
    """The colour mixed with white (``amount`` 0 = white, 1 = the colour): pale cell backgrounds."""
    return Color(1 - (1 - colour.red) * amount, 1 - (1 - colour.green) * amount, 1 - (1 - colour.blue) * amount)


class Palette:
    """The brand's colours plus the neutral and signal colours every report shares."""

    def __init__(self, primary: Color, accent: Color, accent_light: Color) -> None:
        self.primary, self.accent, self.accent_light = primary, accent, accent_light
        self.ink = HexColor("#1E2A30")
        self.muted = HexColor("#5F6B73")
        self.rule = HexColor("#D3DCDF")
        self.zebra = HexColor("#F3F6F7")
        self.panel = HexColor("#EEF4F2")
        self.danger = HexColor("#B42318")
        self.warning = HexColor("#B45309")
        self.ok = HexColor("#2F7D4A")
        self.white = colors.white


PAGE_MARGIN: Final = 18 * mm
BODY_SIZE: Final = 9.5


class Theme:
    """Styles made once per process and shared by every report (they are read-only)."""

    def __init__(self, brand: Branding) -> None:
        register_fonts()
        self.brand = brand
        self.palette = Palette(brand.colour("primary"), brand.colour("accent"), brand.colour("accent_light"))

    def _style(self, name: str, **kw: object) -> ParagraphStyle:
        base: dict[str, object] = {"fontName": REGULAR, "fontSize": BODY_SIZE, "leading": BODY_SIZE * 1.38,
                                   "textColor": self.palette.ink, "alignment": TA_LEFT}
        base.update(kw)
        return ParagraphStyle(name, **base)

    @cached_property
    def body(self) -> ParagraphStyle:
        return self._style("body", spaceAfter=4)

    @cached_property
    def small(self) -> ParagraphStyle:
        return self._style("small", fontSize=8, leading=10.5, textColor=self.palette.muted)

    @cached_property
    def cell(self) -> ParagraphStyle:
        return self._style("cell", fontSize=8, leading=10)

    @cached_property
    def cell_bold(self) -> ParagraphStyle:
        return self._style("cell_bold", fontName=BOLD, fontSize=8, leading=10)

    @cached_property
    def cell_right(self) -> ParagraphStyle:
        return self._style("cell_right", fontSize=8, leading=10, alignment=TA_RIGHT)

    @cached_property
    def th(self) -> ParagraphStyle:
        """Table headers: white on the primary colour, wrapping when a column is narrow."""
        return self._style("th", fontName=BOLD, fontSize=7.5, leading=9, textColor=self.palette.white)

    @cached_property
    def th_right(self) -> ParagraphStyle:
        return self._style("th_right", fontName=BOLD, fontSize=7.5, leading=9, textColor=self.palette.white,
                           alignment=TA_RIGHT)

    @cached_property
    def label(self) -> ParagraphStyle:
        return self._style("label", fontName=BOLD, fontSize=7.5, leading=10, textColor=self.palette.muted)

    @cached_property
    def h1(self) -> ParagraphStyle:
        # spaceBefore only applies below other content (reportlab drops it at the top of a page)
        return self._style("h1", fontName=BOLD, fontSize=15, leading=19, textColor=self.palette.primary,
                           spaceBefore=18, spaceAfter=8, keepWithNext=1)

    @cached_property
    def h2(self) -> ParagraphStyle:
        return self._style("h2", fontName=BOLD, fontSize=11.5, leading=15, textColor=self.palette.ink,
                           spaceBefore=10, spaceAfter=5, keepWithNext=1)  # never alone at a page foot

    @cached_property
    def h3(self) -> ParagraphStyle:
        """A group inside a section (the authority of a list of permits)."""
        return self._style("h3", fontName=BOLD, fontSize=9.5, leading=12.5, textColor=self.palette.primary,
                           spaceBefore=9, spaceAfter=4, keepWithNext=1)

    @cached_property
    def bullet(self) -> ParagraphStyle:
        """A point of a list (the dossier's key issues): the bullet hangs in the margin."""
        return self._style("bullet", fontSize=8.6, leading=11.4, leftIndent=10, bulletIndent=0, spaceAfter=2.5,
                           bulletFontName=REGULAR, bulletFontSize=8.6)

    @cached_property
    def source(self) -> ParagraphStyle:
        """The source line under a chart or a table of figures."""
        return self._style("source", fontSize=7, leading=9, textColor=self.palette.muted, spaceBefore=2)

    @cached_property
    def meeting_title(self) -> ParagraphStyle:
        return self._style("meeting_title", fontName=BOLD, fontSize=10, leading=13)

    @cached_property
    def block(self) -> ParagraphStyle:
        """Minutes, agenda, decisions: indented under the meeting's heading."""
        return self._style("block", leftIndent=10, spaceAfter=3)

    @cached_property
    def block_label(self) -> ParagraphStyle:
        return self._style("block_label", fontName=BOLD, fontSize=7.5, leading=10, leftIndent=10,
                           textColor=self.palette.muted, spaceBefore=3)

    @cached_property
    def toc(self) -> ParagraphStyle:
        return self._style("toc", fontSize=10.5, leading=15)

    @cached_property
    def cover_title(self) -> ParagraphStyle:
        return self._style("cover_title", fontName=BOLD, fontSize=24, leading=30, textColor=self.palette.ink)

    @cached_property
    def cover_kicker(self) -> ParagraphStyle:
        return self._style("cover_kicker", fontName=BOLD, fontSize=10, leading=13,
                           textColor=self.palette.accent)

    @cached_property
    def cover_sub(self) -> ParagraphStyle:
        return self._style("cover_sub", fontSize=12.5, leading=17, textColor=self.palette.muted)

    def table_style(self, header_rows: int = 1, zebra: bool = True) -> list[tuple[object, ...]]:
        """Commands for a data table: a solid header row, hairlines, light zebra stripes."""
        p = self.palette
        commands: list[tuple[object, ...]] = [
            ("FONT", (0, 0), (-1, -1), REGULAR, 8, 10),
            ("TEXTCOLOR", (0, 0), (-1, -1), p.ink),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LINEBELOW", (0, header_rows), (-1, -1), 0.25, p.rule),
        ]
        if zebra:
            commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [p.white, p.zebra]))
        if header_rows:
            commands += [
                ("BACKGROUND", (0, 0), (-1, header_rows - 1), p.primary),
                ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), p.white),
                ("FONT", (0, 0), (-1, header_rows - 1), BOLD, 7.5, 9.5),
                ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
            ]
        return commands


@lru_cache(maxsize=1)
def theme() -> Theme:
    """The process-wide theme (fonts registered, styles made) — built on first use."""
    return Theme(branding())
