"""The cover page: the agency and its mark, what the document is, the key facts, how fresh it is.

Drawn straight on the canvas (not as flowables) because a cover is a fixed composition: the
title band sits at the same height whatever the length of the title.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from tutor_app.reports.blocks import clip
from tutor_app.reports.branding import draw_logo
from tutor_app.reports.i18n import Words
from tutor_app.reports.layout import PAGE_HEIGHT, PAGE_WIDTH, CoverFact
from tutor_app.reports.theme import BOLD, PAGE_MARGIN, REGULAR, Theme


@dataclass
class CoverSpec:
    kicker: str                      # "DOSSIER DI PROGETTO"
    title: str                       # the project's title, or the portfolio's scope
    subtitle: str                    # code and investor, or the selection
    facts: Sequence[CoverFact]
    freshness: str
    extra: Callable[[Canvas, float, float, float], None] | None = None  # draws at (x, y), width wide
    extra_title: str = ''
    notes: list[str] = field(default_factory=list)


def draw_cover(canvas: Canvas, spec: CoverSpec, words: Words, theme: Theme) -> None:
    p, brand, lang = theme.palette, theme.brand, words.lang
    width = PAGE_WIDTH - 2 * PAGE_MARGIN
    # the agency block
    top = PAGE_HEIGHT - 22 * mm
    draw_logo(canvas, PAGE_MARGIN, top - 40, 46, brand)
    canvas.setFillColor(p.primary)
    canvas.setFont(BOLD, 17)
    canvas.drawString(PAGE_MARGIN + 58, top - 12, brand.text("agency", lang))
    canvas.setFillColor(p.ink)
    canvas.setFont(REGULAR, 9.5)
    canvas.drawString(PAGE_MARGIN + 58, top - 26, brand.text("region", lang))
    canvas.setFillColor(p.muted)
    canvas.setFont(REGULAR, 8)
    canvas.drawString(PAGE_MARGIN + 58, top - 38, clip(brand.text("unit", lang), width - 60, REGULAR, 8))

    # the title band, full bleed
    band_top, band_h = PAGE_HEIGHT - 64 * mm, 74 * mm
    canvas.setFillColor(p.primary)
    canvas.rect(0, band_top - band_h, PAGE_WIDTH, band_h, stroke=0, fill=1)
    canvas.setFillColor(p.accent)
    canvas.rect(0, band_top - band_h, PAGE_WIDTH, 3, stroke=0, fill=1)
    canvas.setFillColor(p.accent_light)
    canvas.setFont(BOLD, 9.5)
    canvas.drawString(PAGE_MARGIN, band_top - 26, spec.kicker.upper())
    size = 25.0
    title_style = ParagraphStyle("cover-title", fontName=BOLD, fontSize=size, leading=size * 1.2,
                                 textColor=HexColor("#FFFFFF"))
    title = Paragraph(escape(spec.title), title_style)
    _, h = title.wrap(width, band_h)
    while h > 3 * title_style.leading + 1 and title_style.fontSize > 14:  # long titles shrink, never overflow
        title_style.fontSize -= 1
        title_style.leading = title_style.fontSize * 1.2
        title = Paragraph(escape(spec.title), title_style)
        _, h = title.wrap(width, band_h)
    title.drawOn(canvas, PAGE_MARGIN, band_top - 38 - h)
    sub_style = ParagraphStyle("cover-sub", fontName=REGULAR, fontSize=11.5, leading=15,
                               textColor=HexColor("#DDEFE8"))
    sub = Paragraph(escape(spec.subtitle), sub_style)
    _, sh = sub.wrap(width, 40)
    sub.drawOn(canvas, PAGE_MARGIN, band_top - band_h + 16)
    del sh

    # the key facts, two columns
    y = band_top - band_h - 40
    col_w = width / 2
    for i, fact in enumerate(spec.facts):
        x = PAGE_MARGIN + (i % 2) * col_w
        row_y = y - (i // 2) * 38
        canvas.setFillColor(p.muted)
        canvas.setFont(BOLD, 7.2)
        canvas.drawString(x, row_y, fact.label.upper())
        canvas.setFillColor(p.ink)
        canvas.setFont(BOLD, 11)
        canvas.drawString(x, row_y - 15, clip(fact.value, col_w - 14, BOLD, 11))
        canvas.setStrokeColor(p.rule)
        canvas.setLineWidth(0.5)
        canvas.line(x, row_y - 23, x + col_w - 14, row_y - 23)
    rows = (len(spec.facts) + 1) // 2
    if spec.extra is not None:
        extra_y = y - rows * 38 - 16
        if spec.extra_title:
            canvas.setFillColor(p.muted)
            canvas.setFont(BOLD, 7.2)
            canvas.drawString(PAGE_MARGIN, extra_y, spec.extra_title.upper())
        spec.extra(canvas, PAGE_MARGIN, extra_y - 18, width)

    # the foot of the cover: freshness, confidentiality, address
    base = 30 * mm
    canvas.setFillColor(p.panel)
    canvas.roundRect(PAGE_MARGIN, base + 8, width, 30, 4, stroke=0, fill=1)
    canvas.setFillColor(p.primary)
    canvas.setFont(BOLD, 8.5)
    canvas.drawString(PAGE_MARGIN + 10, base + 19.5, clip(spec.freshness, width - 20, BOLD, 8.5))
    canvas.setFillColor(p.muted)
    canvas.setFont(REGULAR, 7.2)
    lines = [*spec.notes, brand.text("confidential", lang)]
    for i, line in enumerate(lines):
        canvas.drawString(PAGE_MARGIN, base - 4 - i * 10, clip(line, width, REGULAR, 7.2))
    canvas.setFillColor(p.primary)
    canvas.rect(0, 0, PAGE_WIDTH, 12 * mm, stroke=0, fill=1)
    canvas.setFillColor(HexColor("#FFFFFF"))
    canvas.setFont(REGULAR, 7.5)
    canvas.drawString(PAGE_MARGIN, 5 * mm, f"{brand.text('region', lang)} · {brand.address}")
    canvas.drawRightString(PAGE_WIDTH - PAGE_MARGIN, 5 * mm, brand.website)
