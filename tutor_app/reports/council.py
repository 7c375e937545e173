"""What the regional council reads in a portfolio: a summary in prose with this year against the
same days of last year (from what the data dates), the ten largest projects, capex and hires by
province (with a tile map of Lombardy) and by sector, and the definitions of every figure.

Pure composition over ``PortfolioData``: the counts are made here from the rows and the period
activity the store read (``store.report_queries.period_activity``), once per report.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from reportlab.platypus import Flowable, Paragraph

from tutor_app.domain.enums import Phase, Sector
from tutor_app.domain.periods import Period
from tutor_app.domain.places import PROVINCE_BY_CODE
from tutor_app.reports.blocks import chunked_tables, data_table, definitions, lines, markup
from tutor_app.reports.charts import province_tiles
from tutor_app.reports.i18n import Words
from tutor_app.reports.layout import FRAME_WIDTH, vspace
from tutor_app.reports.theme import BOLD, Theme, phase_colour
from tutor_app.store.queries import DossierRow
from tutor_app.store.report_queries import PeriodActivity, PermitTerm

TOP_N: Final = 10
# The phases whose entry says an investment is decided, and started: their capex and hires are counted.
MONEY_PHASES: Final = (Phase.DECISION, Phase.REALISATION)
# The terms a portfolio uses, defined in its last section.
DEFINED: Final = ("project", "lead", "capex", "hires", "phase_entry", "period", "period_money", "legal_term",
                  "term_passed", "term_soon", "tiles")


class PortfolioView(Protocol):
    """What this module reads of a portfolio (``portfolio.PortfolioData``)."""

    rows: list[DossierRow]
    terms: list[PermitTerm]
    this_year: PeriodActivity
    last_year: PeriodActivity
    scope: str
    province: str | None


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    """The figures of one period: new leads, projects entering each phase, and the capex and hires
    of the projects that entered decision and realisation."""

    period: Period
    leads: int
    entered: Mapping[str, int]
    capex: Mapping[str, int]
    hires: Mapping[str, int]


def period_figures(activity: PeriodActivity, by_id: Mapping[str, DossierRow]) -> PeriodFigures:
    entered = {phase.value: len(activity.entered_phase(phase.value)) for phase in Phase}
    capex: dict[str, int] = {}
    hires: dict[str, int] = {}
    for phase in MONEY_PHASES:
        ids = [pid for pid in activity.entered_phase(phase.value) if pid in by_id]
        capex[phase.value] = sum(by_id[pid].capex_cents or 0 for pid in ids)
        hires[phase.value] = sum(by_id[pid].new_hires or 0 for pid in ids)
    return PeriodFigures(activity.period, len(activity.created), entered, capex, hires)


@dataclass(frozen=True, slots=True)
class Share:
    """Projects, capex and hires of one group (a province, a sector, a municipality)."""

    key: str
    projects: int
    capex: int
    hires: int


def shares(rows: Sequence[DossierRow], key: Callable[[DossierRow], str]) -> list[Share]:
    """The groups of ``rows`` by ``key``, largest capex first (then most projects, then key)."""
    groups: dict[str, list[int]] = {}
    for r in rows:
        g = groups.setdefault(key(r), [0, 0, 0])
        g[0] += 1
        g[1] += r.capex_cents or 0
        g[2] += r.new_hires or 0
    out = [Share(k, v[0], v[1], v[2]) for k, v in groups.items()]
    out.sort(key=lambda s: (-s.capex, -s.projects, s.key))
    return out


def top_by_capex(rows: Sequence[DossierRow], n: int = TOP_N) -> list[DossierRow]:
    """The ``n`` projects with the largest estimated capex (ties by code); no capex, no place."""
    ranked = sorted((r for r in rows if r.capex_cents), key=lambda r: (-(r.capex_cents or 0), r.code))
    return ranked[:n]


# -- the summary -------------------------------------------------------------------------------

def summary_section(data: PortfolioView, words: Words, theme: Theme, source: str, mix: str) -> list[Flowable]:
    by_id = {r.id: r for r in data.rows}
    now, before = period_figures(data.this_year, by_id), period_figures(data.last_year, by_id)
    capex = sum(r.capex_cents or 0 for r in data.rows)
    hires = sum(r.new_hires or 0 for r in data.rows)
    paragraphs = [
        words("council_selection", projects=words.count("projects_count", len(data.rows)),
              capex=words.money_short(capex), hires=words.number(hires), mix=mix),
        _period_sentence(now, before, words),
        _money_sentence(now, before, words),
        _territory_sentence(data, capex, words),
        _permits_sentence(data.terms, words),
    ]
    out: list[Flowable] = [Paragraph(markup(text), theme.body) for text in paragraphs if text]
    out += [vspace(4), Paragraph(markup(words("comparison_h", year=now.period.last.year,
                                              before=before.period.last.year)), theme.h2),
            *comparison_table(now, before, words, theme),
            Paragraph(markup(source), theme.source)]
    return out


def _period_sentence(now: PeriodFigures, before: PeriodFigures, words: Words) -> str:
    ops = Phase.OPERATIONS.value
    return words("council_period", first=words.long_day(now.period.first), last=words.long_day(now.period.last),
                 leads=words.count("leads_arrived", now.leads), leads_before=words.number(before.leads),
                 year=before.period.last.year, ops=words.count("ops_started", now.entered[ops]),
                 ops_before=words.number(before.entered[ops]))


def _money_sentence(now: PeriodFigures, before: PeriodFigures, words: Words) -> str:
    parts = {}
    for phase in MONEY_PHASES:
        key = phase.value
        parts[key] = words("council_money_part", projects=words.count("projects_count", now.entered[key]),
                           capex=words.money_short(now.capex[key]), hires=words.count("hires_count", now.hires[key]),
                           before=words.count("projects_count", before.entered[key]),
                           capex_before=words.money_short(before.capex[key]), year=before.period.last.year)
    return words("council_money", decision=parts[Phase.DECISION.value], realisation=parts[Phase.REALISATION.value],
                 decision_phase=Phase.DECISION.label(words.lang), realisation_phase=Phase.REALISATION.label(words.lang))


def _territory_sentence(data: PortfolioView, capex: int, words: Words) -> str:
    if not capex:
        return ""
    by_place = shares(data.rows, (lambda r: r.municipality or "") if data.province else (lambda r: r.province or ""))
    by_sector = shares(data.rows, lambda r: r.sector)
    place, sector = by_place[0], by_sector[0]
    top = top_by_capex(data.rows, 1)[0]
    place_name = (place.key or words("not_given")) if data.province else _province_name(place.key, words)
    return words("council_territory_municipality" if data.province else "council_territory", place=place_name,
                 capex=words.money_short(place.capex), share=words.percent(place.capex / capex),
                 sector=_sector_name(sector.key, words), sector_capex=words.money_short(sector.capex),
                 sector_share=words.percent(sector.capex / capex), code=top.code, investor=top.investor,
                 top_capex=words.money_short(top.capex_cents or 0))


def _permits_sentence(terms: Sequence[PermitTerm], words: Words) -> str:
    from tutor_app.domain.deadlines import Urgency

    passed = [t for t in terms if t.urgency is Urgency.OVERDUE]
    if not passed:
        return words("council_no_permits")
    by_authority: dict[str, int] = {}
    for t in passed:
        name = authority_name(t.authority, words)
        by_authority[name] = by_authority.get(name, 0) + 1
    first = min(by_authority, key=lambda a: (-by_authority[a], a))
    return words("council_permits", what=words.count("permits_have_passed", len(passed)),
                 authorities=words.count("authorities", len(by_authority)), authority=first,
                 n=words.number(by_authority[first]))


def authority_name(authority: str | None, words: Words) -> str:
    return authority.strip() if authority and authority.strip() else words("authority_unknown")


def _province_name(code: str, words: Words) -> str:
    return words.province(code, short=True) if code else words("no_province")


def _sector_name(code: str, words: Words) -> str:
    return Sector(code).short_label(words.lang) if code else words("not_given")


def comparison_table(now: PeriodFigures, before: PeriodFigures, words: Words, theme: Theme) -> list[Flowable]:
    """This year and the same days of last year, side by side, with the change."""
    rows: list[list[str | Flowable]] = []
    extra: list[tuple[object, ...]] = []
    widths = [FRAME_WIDTH - 3 * 96, 96, 96, 96]

    def add(label: str, old: int, new: int, money: bool = False, colour: object = None) -> None:
        show = words.millions if money else words.number
        rows.append([lines(label, widths[0] - 8), show(old), show(new), words.change(new - old, money)])
        if colour is not None:
            extra.append(("LINEBEFORE", (0, len(rows)), (0, len(rows)), 3, colour))

    add(words("row_leads"), before.leads, now.leads)
    for phase in Phase:
        add(words("row_entered", phase=phase.label(words.lang)), before.entered[phase.value],
            now.entered[phase.value], colour=phase_colour(phase))
    for phase in MONEY_PHASES:
        label = phase.label(words.lang)
        add(words("row_capex", phase=label), before.capex[phase.value], now.capex[phase.value], money=True)
        add(words("row_hires", phase=label), before.hires[phase.value], now.hires[phase.value])
    header = [words("indicator"), _period_head(before.period, words), _period_head(now.period, words),
              words("change")]
    return chunked_tables(header, rows, widths, theme, extra=extra, align_right=(1, 2, 3))


def _period_head(period: Period, words: Words) -> str:
    return words("period_head", year=period.last.year, first=words.day(period.first), last=words.day(period.last))


# -- the ten largest, and the territory ---------------------------------------------------------

def top_section(data: PortfolioView, words: Words, theme: Theme, source: str) -> list[Flowable]:
    top = top_by_capex(data.rows)
    if not top:
        return [Paragraph(markup(words("no_capex")), theme.body)]
    total = sum(r.capex_cents or 0 for r in data.rows)
    widths = [20, 0.0, 30, 92, 64, 40, 46]
    widths[1] = FRAME_WIDTH - sum(widths)
    rows: list[list[str | Flowable]] = []
    extra: list[tuple[object, ...]] = []
    for n, r in enumerate(top, start=1):
        phase = Phase(r.phase) if r.phase else None
        rows.append([words.number(n), f"{r.code}\n{lines(r.title, widths[1] - 8)}\n"
                     f"{lines(f'{r.investor} ({r.country})', widths[1] - 8)}", r.province or "",
                     lines(phase.label(words.lang) if phase else words("no_phase"), widths[3] - 8),
                     words.millions(r.capex_cents), words.percent((r.capex_cents or 0) / total) if total else "–",
                     words.number(r.new_hires) if r.new_hires is not None else "–"])
        if phase is not None:
            extra.append(("LINEBEFORE", (3, n), (3, n), 3, phase_colour(phase)))
    share = sum(r.capex_cents or 0 for r in top) / total if total else 0
    intro = words("top_intro", n=len(top), share=words.percent(share))
    table = data_table([words("rank"), words("project"), words("province"), words("phase"), words("capex_millions"),
                        words("share"), words("hires")], rows, widths, theme, extra=extra, align_right=(0, 4, 5, 6))
    return [Paragraph(markup(intro), theme.body), table, Paragraph(markup(source), theme.source)]


def territory_section(data: PortfolioView, words: Words, theme: Theme, source: str) -> list[Flowable]:
    total = sum(r.capex_cents or 0 for r in data.rows)
    out: list[Flowable] = []
    if data.province is None:
        by_province = shares(data.rows, lambda r: r.province or "")
        known = {s.key: (s.projects, s.capex, s.hires) for s in by_province if s.key in PROVINCE_BY_CODE}
        out += [Paragraph(markup(words("tiles_h")), theme.h2),
                province_tiles(known, FRAME_WIDTH, words, theme),
                Paragraph(markup(words("tiles_note")), theme.source),
                Paragraph(markup(source), theme.source), vspace(6),
                Paragraph(markup(words("by_province_h")), theme.h2),
                *_share_table(by_province, words("province_full"), lambda k: _province_name(k, words), total,
                              words, theme)]
    else:
        by_town = shares(data.rows, lambda r: r.municipality or "")
        out += [Paragraph(markup(words("by_municipality_h", province=words.province(data.province, short=True))),
                          theme.h2),
                *_share_table(by_town, words("municipality"), lambda k: k or words("not_given"), total, words,
                              theme)]
    out += [Paragraph(markup(words("by_sector_h")), theme.h2),
            *_share_table(shares(data.rows, lambda r: r.sector), words("sector"), lambda k: _sector_name(k, words),
                          total, words, theme),
            Paragraph(markup(source), theme.source)]
    return out


def _share_table(groups: Sequence[Share], what: str, name: Callable[[str], str], total: int, words: Words,
                 theme: Theme) -> list[Flowable]:
    widths = [0.0, 60, 78, 56, 64]
    widths[0] = FRAME_WIDTH - sum(widths)
    rows: list[list[str | Flowable]] = [
        [lines(name(g.key), widths[0] - 8), words.number(g.projects), words.millions(g.capex),
         words.percent(g.capex / total) if total else "–", words.number(g.hires)] for g in groups]
    end = len(rows) + 1
    rows.append([words("total"), words.number(sum(g.projects for g in groups)), words.millions(total),
                 words.percent(1) if total else "–", words.number(sum(g.hires for g in groups))])
    extra: list[tuple[object, ...]] = [("FONT", (0, end), (-1, end), BOLD, 8, 10),
                                       ("LINEABOVE", (0, end), (-1, end), 0.8, theme.palette.ink)]
    return chunked_tables([what, words("projects"), words("capex_millions"), words("share"), words("hires")],
                          rows, widths, theme, extra=extra, align_right=(1, 2, 3, 4))


def definitions_section(words: Words, theme: Theme, source: str) -> list[Flowable]:
    pairs = [(words(f"pdef_{k}_term"), words(f"pdef_{k}")) for k in DEFINED]
    return [definitions(pairs, FRAME_WIDTH, theme), vspace(6), Paragraph(markup(source), theme.source)]
