"""The portfolio report for the regional council: a summary in prose with this year against last
(``council.py``), key figures and charts, the ten largest projects, capex and hires by province
(a tile map of Lombardy) and sector, permits past their term grouped by authority, one line per
project, the definitions of every figure, and the upcoming working tables in an appendix; for a
selection (tutor, phase, sector, province).

Built to stay linear at regional scale (10,000 projects): one query per list, plain-string
table cells clipped to width instead of wrapped paragraphs, long tables in page-sized runs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Final

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Table,
    TableStyle,
)

from tutor_app.domain.deadlines import DUE_SOON_DAYS, Urgency, urgency_bounds
from tutor_app.domain.enums import Phase, ProjectStatus, Sector, WorkingTable
from tutor_app.domain.errors import EmptyReportError
from tutor_app.domain.periods import same_period_last_year, year_to_date
from tutor_app.domain.places import parse_province
from tutor_app.reports.blocks import KpiTiles, chunked_tables, lines, markup, status_cell
from tutor_app.reports.charts import doughnut, hbars, phase_columns
from tutor_app.reports.control import DocumentControl, archive_meta, control_section
from tutor_app.reports.council import (
    authority_name,
    definitions_section,
    summary_section,
    territory_section,
    top_section,
)
from tutor_app.reports.cover import CoverSpec, draw_cover
from tutor_app.reports.freshness import freshness_line
from tutor_app.reports.i18n import LANGS, Words, as_of, local_zone
from tutor_app.reports.layout import (
    FRAME_HEIGHT,
    FRAME_WIDTH,
    Contents,
    ContentsEntry,
    CoverFact,
    Heading,
    PageSetup,
    section_break,
    vspace,
)
from tutor_app.reports.progress import Tracker
from tutor_app.reports.theme import BOLD, REGULAR, Theme, phase_colour, table_colour
from tutor_app.store import queries
from tutor_app.store.local import LocalStore
from tutor_app.store.queries import DossierRow
from tutor_app.store.report_queries import (
    Freshness,
    PeriodActivity,
    PermitTerm,
    TutorRef,
    UpcomingMeeting,
    data_freshness,
    find_tutor,
    period_activity,
    permit_terms,
    projects_of_tutor,
    upcoming_meetings,
)

SECTIONS: Final = ("summary", "kpis", "top", "territory", "breakdown", "permits", "projects", "definitions",
                   "upcoming")
APPENDICES: Final = ("upcoming",)  # lettered (A, B...) after the numbered sections
# A group's heading keeps with its first rows only (all of them would push a long group to a new
# page and leave the rest of the page blank); the rest follows as continuation runs.
GROUP_HEAD_ROWS: Final = 4
KEPT_WHOLE: Final = frozenset({"top"})  # ten rows read as one list: never split over two pages
_SECTION_WORD: Final = {"summary": "sec_council", "kpis": "sec_kpis", "top": "sec_top", "territory": "sec_territory",
                        "breakdown": "sec_breakdown", "permits": "sec_overdue", "projects": "sec_projects",
                        "definitions": "sec_definitions", "upcoming": "sec_upcoming"}
_STATUS_COLOURS: Final = {
    ProjectStatus.ACTIVE: HexColor("#1C8C6E"), ProjectStatus.ANNOUNCED: HexColor("#1F6FB2"),
    ProjectStatus.ON_HOLD: HexColor("#C46A00"), ProjectStatus.COMPLETED: HexColor("#5E3C99"),
    ProjectStatus.ABANDONED: HexColor("#9AA5AB"),
}


@dataclass(frozen=True)
class PortfolioFilter:
    """Which projects the report covers; every field left empty means "all"."""

    tutor: str | None = None
    phase: str | None = None
    sector: str | None = None
    province: str | None = None

    def validated(self) -> PortfolioFilter:
        """The same filter with codes checked (ValidationError names the bad one)."""
        return PortfolioFilter(
            tutor=self.tutor.strip() if self.tutor and self.tutor.strip() else None,
            phase=Phase.parse(self.phase, "--phase").value if self.phase else None,
            sector=Sector.parse(self.sector, "--sector").value if self.sector else None,
            province=parse_province(self.province, "--province") if self.province else None)


@dataclass(frozen=True)
class PortfolioOptions:
    lang: str = "it"
    sections: frozenset[str] = field(default_factory=lambda: frozenset(SECTIONS))
    upcoming_days: int = 30
    control: DocumentControl = field(default_factory=DocumentControl)


@dataclass
class PortfolioData:
    rows: list[DossierRow]
    terms: list[PermitTerm]
    upcoming: list[UpcomingMeeting]
    freshness: Freshness
    today: date
    generated_at: datetime
    scope: str
    this_year: PeriodActivity
    last_year: PeriodActivity
    tutor: TutorRef | None = None
    province: str | None = None  # the selection is one province's: its municipalities stand in for provinces


def load_portfolio(store: LocalStore, today: date, generated_at: datetime, filters: PortfolioFilter,
                   words: Words, upcoming_days: int = 30) -> PortfolioData:
    """Every list the report shows, for the projects the filter selects (EmptyReportError if none)."""
    f = filters.validated()
    with store.read() as conn:
        tutor = find_tutor(conn, f.tutor) if f.tutor else None
        rows = queries.dossier_rows(conn, today)
        if tutor is not None:
            mine = projects_of_tutor(conn, tutor.id)
            rows = [r for r in rows if r.id in mine]
        rows = [r for r in rows if (f.phase is None or r.phase == f.phase)
                and (f.sector is None or r.sector == f.sector) and (f.province is None or r.province == f.province)]
        scope = describe_filter(f, tutor, words)
        if not rows:  # said in the language of whoever reads it (the window's may not be the PDF's)
            raise EmptyReportError({lang: describe_filter(f, tutor, Words(lang)) for lang in LANGS})
        ids = {r.id for r in rows}
        terms = permit_terms(conn, today, urgency_bounds(today).soon_until, ids)
        start = datetime.combine(today, time(0), tzinfo=local_zone())
        # from now, not from midnight: a meeting held this morning is no longer "upcoming"
        upcoming = upcoming_meetings(conn, as_of(today, generated_at), start + timedelta(days=upcoming_days), ids)
        fresh = data_freshness(conn, None, limit=0)
        period = year_to_date(today)
        this_year = period_activity(conn, period, local_zone(), ids)
        last_year = period_activity(conn, same_period_last_year(period), local_zone(), ids)
    return PortfolioData(rows, terms, upcoming, fresh, today, generated_at, scope, this_year, last_year, tutor,
                         f.province)


def describe_filter(f: PortfolioFilter, tutor: TutorRef | None, words: Words) -> str:
    parts = []
    if tutor is not None:
        parts.append(f"{words('tutor')}: {tutor.name}")
    if f.phase:
        parts.append(f"{words('phase')}: {Phase(f.phase).label(words.lang)}")
    if f.sector:
        parts.append(f"{words('sector')}: {Sector(f.sector).label(words.lang)}")
    if f.province:
        parts.append(f"{words('province_full')}: {words.province(f.province)}")
    return " · ".join(parts) if parts else words("all_projects")


def section_title(section: str, words: Words, short: bool = False) -> str:
    """A section's heading; ``short``: its name in a list of choices (the export dialog), where one exists."""
    key = _SECTION_WORD[section]
    return words(f"{key}_short") if short and words.has(f"{key}_short") else words(key)


def build_portfolio(data: PortfolioData, options: PortfolioOptions, words: Words, theme: Theme,
                    tracker: Tracker | None = None) -> tuple[PageSetup, list[Flowable]]:
    tracker = tracker or Tracker()
    freshness = freshness_line(data.freshness, words)
    title = f"{words('portfolio_title')} · {data.scope}"
    stats = _Stats(data.rows)
    spec = CoverSpec(
        kicker=words("portfolio_title"), title=words("portfolio_cover_title"), subtitle=data.scope,
        facts=[CoverFact(words("projects"), words.number(len(data.rows))),
               CoverFact(words("total_capex"), words.money(stats.capex)),
               CoverFact(words("total_hires"), words.number(stats.hires)),
               CoverFact(words("permits_overdue"), words.number(stats.overdue)),
               CoverFact(words("announced_active"), words.status_mix(stats.status[ProjectStatus.ACTIVE.value],
                                                                     stats.status[ProjectStatus.ANNOUNCED.value])),
               CoverFact(words("document_date"), words.long_day(data.today))],
        freshness=freshness, notes=[words("generated_on", when=words.moment(data.generated_at))],
        extra=lambda canvas, x, y, w: _cover_phase_bar(canvas, x, y, w, stats, words, theme),
        extra_title=words("by_phase"))
    agency = theme.brand.text("agency", words.lang)
    archive = archive_meta(title, f"{words('portfolio_cover_title')}: {data.scope}",
                           [words("keyword_portfolio"), data.scope, words("keyword_investment"), agency],
                           data.generated_at, theme.brand, words)
    setup = PageSetup(words=words, theme=theme, running_title=title, freshness=freshness, title=title,
                      subject=data.scope, draw_cover=lambda canvas: draw_cover(canvas, spec, words, theme),
                      archive=archive, control=options.control)
    chosen = [s for s in SECTIONS if s in options.sections]
    numbers = _numbering(chosen, words)
    entries = []
    for section in chosen:
        entries.append(ContentsEntry(f"s-{section}", f"{numbers[section]}. {section_title(section, words)}"))
        if section == "projects":
            entries += [ContentsEntry(f"phase-{key}", label, 1) for key, label, _ in _phase_groups(data.rows, words)]
    story: list[Flowable] = [NextPageTemplate("body"), PageBreak(),
                             Heading(markup(words("contents")), theme.h1, key="contents"),
                             vspace(6), Contents(entries, theme), PageBreak()]
    builders = {"summary": _council, "kpis": _kpis, "top": _top10, "territory": _territory,
                "breakdown": _breakdown, "permits": _terms, "projects": _projects, "definitions": _definitions,
                "upcoming": _upcoming}
    for n, section in enumerate(chosen, start=1):
        tracker.check()
        heading = f"{numbers[section]}. {section_title(section, words)}"
        head = Heading(markup(heading), theme.h1, key=f"s-{section}", outline=heading, in_contents=True)
        body = builders[section](data, stats, options, words, theme)
        if section in APPENDICES:  # an appendix starts a page of its own
            story.append(PageBreak())
        elif n > 1:  # a section kept whole moves to a new page unless all of it fits
            story.append(section_break([head, *body], FRAME_HEIGHT if section in KEPT_WHOLE else 70 * mm))
        story += [head, *body]
        tracker.fraction(n / len(chosen))
    story += control_section(options.control, theme.brand, words, theme, FRAME_WIDTH)
    return setup, story


def _numbering(chosen: Sequence[str], words: Words) -> dict[str, str]:
    """Sections numbered 1, 2, 3...; appendices lettered "Appendice A", "Appendice B"..."""
    sections = [s for s in chosen if s not in APPENDICES]
    out = {s: str(n) for n, s in enumerate(sections, start=1)}
    out.update({s: words("appendix", letter=chr(ord("A") + n))
                for n, s in enumerate(s for s in chosen if s in APPENDICES)})
    return out


def source_line(data: PortfolioData, words: Words, theme: Theme) -> str:
    """Under every chart and table of figures: where the figures come from, and how fresh they are."""
    return words("source_line", agency=theme.brand.text("agency", words.lang),
                 freshness=freshness_line(data.freshness, words),
                 projects=words.count("projects_count", len(data.rows)), scope=data.scope)


class _Stats:
    """The counts every part of the report uses, made in one pass over the rows."""

    def __init__(self, rows: list[DossierRow]) -> None:
        self.phase: Counter[str] = Counter(r.phase or "" for r in rows)
        self.sector: Counter[str] = Counter(r.sector for r in rows)
        self.country: Counter[str] = Counter(r.country for r in rows)
        self.province: Counter[str] = Counter(r.province or "" for r in rows)
        self.municipality: Counter[str] = Counter(r.municipality or "" for r in rows)
        self.status: Counter[str] = Counter(r.status for r in rows)
        self.capex_by_phase: Counter[str] = Counter()
        self.hires_by_phase: Counter[str] = Counter()
        self.overdue_by_phase: Counter[str] = Counter()
        for r in rows:
            self.capex_by_phase[r.phase or ""] += r.capex_cents or 0
            self.hires_by_phase[r.phase or ""] += r.new_hires or 0
            self.overdue_by_phase[r.phase or ""] += r.overdue_permits
        self.capex = sum(self.capex_by_phase.values())
        self.hires = sum(self.hires_by_phase.values())
        self.overdue = sum(self.overdue_by_phase.values())


def _cover_phase_bar(canvas: Canvas, x: float, y: float, width: float, stats: _Stats, words: Words,
                     theme: Theme) -> None:
    """A single bar split by phase: the shape of the pipeline at a glance, with a legend below
    that names every phase in full (a label under a thin segment would be cut or left out)."""
    total = sum(stats.phase.values()) or 1
    cx = x
    shown = [(phase, stats.phase.get(phase.value, 0)) for phase in Phase if stats.phase.get(phase.value, 0)]
    for phase, count in shown:
        w = width * count / total
        canvas.setFillColor(phase_colour(phase))
        canvas.rect(cx, y, w, 10, stroke=0, fill=1)
        cx += w
    lx, ly = x, y - 12
    canvas.setFont(BOLD, 6.8)
    for phase, count in shown:
        text = f"{phase.label(words.lang)} {words.number(count)}"
        item_w = 9 + stringWidth(text, BOLD, 6.8) + 10
        if lx > x and lx + item_w > x + width:
            lx, ly = x, ly - 10
        canvas.setFillColor(phase_colour(phase))
        canvas.rect(lx, ly, 6, 6, stroke=0, fill=1)
        canvas.setFillColor(theme.palette.ink)
        canvas.drawString(lx + 9, ly + 0.5, text)
        lx += item_w


def _sector_label(code: str, words: Words) -> str:
    # "Manifattura (semiconduttori, Industria 4.0)" is right in a summary and too long for a chart
    return Sector(code).short_label(words.lang) if code else words("not_given")


def _kpis(data: PortfolioData, stats: _Stats, options: PortfolioOptions, words: Words,
          theme: Theme) -> list[Flowable]:
    soon = sum(1 for t in data.terms if t.urgency is Urgency.DUE_SOON)
    tiles = KpiTiles([
        (words.number(len(data.rows)), words("projects"), words("kpi_projects_sub")),
        (words.money_short(stats.capex), words("total_capex"), words("kpi_capex_sub")),
        (words.number(stats.hires), words("total_hires"), words("kpi_hires_sub")),
        (words.status_mix(stats.status[ProjectStatus.ACTIVE.value], stats.status[ProjectStatus.ANNOUNCED.value]),
         words("announced_active"), words("kpi_status_sub")),
        (words.number(stats.overdue), words("permits_overdue"), words("kpi_overdue_sub")),
        (words.number(soon), words("permits_due_soon"), words("kpi_due_soon_sub", days=DUE_SOON_DAYS)),
    ], theme)
    columns = phase_columns({ph: stats.phase.get(ph.value, 0) for ph in Phase}, FRAME_WIDTH, words, theme,
                            words("by_phase"), lambda v: words.number(int(v)))
    return [tiles, vspace(16), columns, vspace(8), _phase_table(stats, words, theme),
            Paragraph(markup(source_line(data, words, theme)), theme.source)]


def _phase_table(stats: _Stats, words: Words, theme: Theme) -> Flowable:
    rows: list[list[str | Flowable]] = []
    extra: list[tuple[object, ...]] = []
    keys = [k for k in _phase_keys(stats.phase) if k or stats.phase.get("")]
    for r, key in enumerate(keys, start=1):
        label = Phase(key).label(words.lang) if key else words("no_phase")
        rows.append([label, words.number(stats.phase.get(key, 0)), words.money(stats.capex_by_phase.get(key, 0)),
                     words.number(stats.hires_by_phase.get(key, 0)), words.number(stats.overdue_by_phase.get(key, 0))])
        if key:
            extra.append(("LINEBEFORE", (0, r), (0, r), 3, phase_colour(Phase(key))))
    total = len(rows) + 1
    rows.append([words("total"), words.number(sum(stats.phase.values())), words.money(stats.capex),
                 words.number(stats.hires), words.number(stats.overdue)])
    extra += [("FONT", (0, total), (-1, total), BOLD, 8, 10),
              ("LINEABOVE", (0, total), (-1, total), 0.8, theme.palette.ink)]
    widths = [FRAME_WIDTH - 4 * 84, 84, 84, 84, 84]
    return chunked_tables([words("phase"), words("projects"), words("capex"), words("new_hires"),
                           words("permits_overdue")], rows, widths, theme, extra=extra,
                          align_right=(1, 2, 3, 4))[0]


def _pair(left: Flowable, right: Flowable) -> Table:
    half = (FRAME_WIDTH - 16) / 2
    return Table([[left, right]], colWidths=[half + 16, half], hAlign="LEFT",
                 style=TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))


def _top(counter: Counter[str], n: int, words: Words) -> list[tuple[str, int]]:
    """The n biggest, the rest summed as "Others" (a chart with 60 countries says nothing)."""
    ranked = counter.most_common()
    top = ranked[:n]
    rest = sum(v for _, v in ranked[n:])
    return top + ([(words("others"), rest)] if rest else [])


def _breakdown(data: PortfolioData, stats: _Stats, options: PortfolioOptions, words: Words,
               theme: Theme) -> list[Flowable]:
    half = (FRAME_WIDTH - 16) / 2
    accent, primary = theme.palette.accent, theme.palette.primary

    def count(v: float) -> str:
        return words.number(int(v))

    others = words("others")
    sectors = hbars([(_sector_label(code, words) if code != others else code, v, accent)
                     for code, v in _top(stats.sector, 10, words)], half, theme, count, words("by_sector"))
    if len(stats.province) > 1:
        provinces = hbars([(words.province(code, short=True) if code != others else code, v, primary)
                           for code, v in _top(stats.province, 12, words)], half, theme, count,
                          words("by_province"))
    else:  # filtered by one province: one bar says nothing, its municipalities do
        provinces = hbars([(code or words("not_given"), v, primary) for code, v in _top(stats.municipality, 12, words)],
                          half, theme, count, words("by_municipality"))
    countries = hbars([(words.country(code) if code != others else code, v, HexColor("#1F6FB2"))
                       for code, v in _top(stats.country, 12, words)], half, theme, count, words("by_country"))
    statuses = doughnut([(s.label(words.lang), stats.status.get(s.value, 0), _STATUS_COLOURS[s])
                         for s in ProjectStatus]
                        + [(ProjectStatus(k).label(words.lang), v, theme.palette.muted)  # a newer app's status
                           for k, v in sorted(stats.status.items()) if not ProjectStatus(k).is_known],
                        half, theme, words("by_status"), count)
    source = Paragraph(markup(source_line(data, words, theme)), theme.source)
    return [_pair(sectors, provinces), vspace(14), KeepTogether([_pair(countries, statuses), source])]


def _terms(data: PortfolioData, stats: _Stats, options: PortfolioOptions, words: Words,
           theme: Theme) -> list[Flowable]:
    """Permits past their legal term or ending soon, grouped by the authority that has to decide,
    the authority with most terms passed first; each with its project and tutor."""
    if not data.terms:
        return [Paragraph(markup(words("no_overdue")), theme.body)]
    p = theme.palette
    tutors = {r.id: r.tutors for r in data.rows}
    # the term column is measured: "Termine superato" never runs into the project's code
    mark_w = max(stringWidth(line, BOLD, 8) for key in ("term_passed", "term_ends")
                 for line in words(key, days=words.days(888)).splitlines()) + 10
    widths = [56, mark_w, 130, 0.0, 88]
    widths[3] = FRAME_WIDTH - sum(widths)
    groups: dict[str, list[PermitTerm]] = defaultdict(list)
    for t in data.terms:
        groups[authority_name(t.authority, words)].append(t)

    def passed(name: str) -> int:
        return sum(1 for t in groups[name] if t.urgency is Urgency.OVERDUE)

    out: list[Flowable] = [Paragraph(markup(words("overdue_intro", days=DUE_SOON_DAYS)), theme.body)]
    for n, name in enumerate(sorted(groups, key=lambda a: (-passed(a), -len(groups[a]), a.casefold())), start=1):
        terms = groups[name]
        late = passed(name)
        counts = words("authority_counts", passed=words.count("terms_passed", late),
                       soon=words.count("terms_soon", len(terms) - late))
        label = f"{name} · {counts}"
        rows: list[list[str | Flowable]] = []
        extra: list[tuple[object, ...]] = []
        for r, t in enumerate(terms, start=1):
            days = (t.due_on - data.today).days
            overdue = t.urgency is Urgency.OVERDUE
            # two lines: "Termine superato" / "da 167 gg" never runs into the next column
            mark = words.term_mark(min(-1, days) if overdue else max(0, days))
            rows.append([words.day(t.due_on), mark, f"{t.code}\n{lines(t.investor, widths[2] - 8)}",
                         lines(words.permit_name(t.permit_code, t.name), widths[3] - 8),
                         lines(_short_names(tutors.get(t.project_id, "")) or words("none_assigned"), widths[4] - 8)])
            status_cell(extra, 1, r, p.danger if overdue else p.warning)
        out += [CondPageBreak(30 * mm),
                Heading(markup(label), theme.h3, key=f"authority-{n}", level=1, outline=label),
                *chunked_tables([words("due"), words("deadline_state"), words("project"), words("permit"),
                                 words("tutor")], rows, widths, theme, extra=extra, first=GROUP_HEAD_ROWS)]
    return out


def _upcoming(data: PortfolioData, stats: _Stats, options: PortfolioOptions, words: Words,
              theme: Theme) -> list[Flowable]:
    end = data.today + timedelta(days=options.upcoming_days)
    if not data.upcoming:
        return [Paragraph(markup(words("no_upcoming", days=options.upcoming_days)), theme.body)]
    widths = [60, 34, 96, 150]
    widths.append(FRAME_WIDTH - sum(widths))
    rows: list[list[str | Flowable]] = []
    extra: list[tuple[object, ...]] = []
    for r, m in enumerate(data.upcoming, start=1):
        local = words.local(m.starts_at)
        rows.append([words.day(local.date()), words.time(m.starts_at), words.code(WorkingTable, m.table),
                     f"{m.code}\n{lines(m.investor, widths[3] - 8)}", lines(m.place, widths[4] - 8)])
        colour = table_colour(m.table)
        extra.append(("TEXTCOLOR", (2, r), (2, r), colour))
        extra.append(("LINEBEFORE", (2, r), (2, r), 3, colour))
    intro = Paragraph(markup(words("upcoming_intro", start=words.day(data.today), end=words.day(end))), theme.body)
    return [intro, *chunked_tables([words("date"), words("time"), words("table"), words("project"),
                                    words("place")], rows, widths, theme, extra=extra)]


def _council(data: PortfolioData, stats: _Stats, options: PortfolioOptions, words: Words,
             theme: Theme) -> list[Flowable]:
    mix = words.status_mix(stats.status[ProjectStatus.ACTIVE.value], stats.status[ProjectStatus.ANNOUNCED.value])
    return summary_section(data, words, theme, source_line(data, words, theme), mix)


def _top10(data: PortfolioData, stats: _Stats, options: PortfolioOptions, words: Words,
           theme: Theme) -> list[Flowable]:
    return top_section(data, words, theme, source_line(data, words, theme))


def _territory(data: PortfolioData, stats: _Stats, options: PortfolioOptions, words: Words,
               theme: Theme) -> list[Flowable]:
    return territory_section(data, words, theme, source_line(data, words, theme))


def _definitions(data: PortfolioData, stats: _Stats, options: PortfolioOptions, words: Words,
                 theme: Theme) -> list[Flowable]:
    return definitions_section(words, theme, source_line(data, words, theme))


def _phase_keys(present: Iterable[str]) -> list[str]:
    """Every phase in order, then the phases this version does not know (kept, never dropped),
    then "" for the projects with no phase."""
    unknown = sorted(k for k in present if k and not Phase(k).is_known)
    return [ph.value for ph in Phase] + unknown + [""]


def _phase_groups(rows: list[DossierRow], words: Words) -> list[tuple[str, str, list[DossierRow]]]:
    groups: dict[str, list[DossierRow]] = defaultdict(list)
    for r in rows:
        groups[r.phase or ""].append(r)
    out = []
    for key in _phase_keys(groups):
        if groups.get(key):
            label = Phase(key).label(words.lang) if key else words("no_phase")
            out.append((key or "none", f"{label} · {words('projects_in_phase', n=words.number(len(groups[key])))}",
                        groups[key]))
    return out


def _short_names(names: str) -> str:
    """``Federica Rossi, Irene Bianchi`` -> ``F. Rossi, I. Bianchi`` (a narrow column)."""
    out = []
    for name in filter(None, (n.strip() for n in names.split(","))):
        first, _, rest = name.partition(" ")
        out.append(f"{first[0]}. {rest}" if rest else first)
    return ", ".join(out)


def _projects(data: PortfolioData, stats: _Stats, options: PortfolioOptions, words: Words,
              theme: Theme) -> list[Flowable]:
    # the code column is measured (a code never touches the title); every other text wraps, and
    # amounts share one unit, named in the header
    code_w = max((stringWidth(r.code, REGULAR, 8) for r in data.rows), default=50) + 12
    widths = [code_w, 0, 62, 28, 50, 46, 36, 62]
    widths[1] = FRAME_WIDTH - sum(widths)
    header = [words("code"), words("project"), words("sector"), words("province"), words("status"),
              words("capex_millions"), words("hires"), words("tutor")]
    out: list[Flowable] = [Paragraph(markup(words("projects_note")), theme.small)]
    for key, label, rows in _phase_groups(data.rows, words):
        colour: Color = phase_colour(Phase(key)) if key != "none" else theme.palette.muted
        heading = Heading(f'<font color="{colour.hexval().replace("0x", "#")}">■</font> {markup(label)}',
                          theme.h2, key=f"phase-{key}", level=1, outline=label, in_contents=True)
        out += [CondPageBreak(40 * mm), heading]
        table_rows: list[list[str | Flowable]] = []
        extra: list[tuple[object, ...]] = []
        for r, row in enumerate(rows, start=1):
            who = lines(f"{row.investor} ({row.country})", widths[1] - 8)
            table_rows.append([row.code, f"{lines(row.title, widths[1] - 8)}\n{who}",
                               lines(_sector_label(row.sector, words), widths[2] - 8), row.province or "",
                               lines(words.code(ProjectStatus, row.status), widths[4] - 8),
                               words.millions(row.capex_cents),
                               words.number(row.new_hires) if row.new_hires is not None else "–",
                               lines(_short_names(row.tutors), widths[7] - 8)])
            if row.overdue_permits:
                extra.append(("TEXTCOLOR", (0, r), (0, r), theme.palette.danger))
        out += chunked_tables(header, table_rows, widths, theme, extra=extra, align_right=(5, 6),
                              first=GROUP_HEAD_ROWS)
    return out


__all__ = ["SECTIONS", "PortfolioData", "PortfolioFilter", "PortfolioOptions", "build_portfolio", "load_portfolio"]
