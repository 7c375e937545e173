"""The region dashboard's figures, precomputed off the GUI thread, each with the projects behind it.

Every figure carries the ids of the dossiers it counts, so that a click on a bar or a number opens
the dossier list filtered to exactly those projects (the counts cannot disagree), and the scope it
counts ("I miei", "La mia area", "Tutta la regione": ``domain.scope``). No Qt here: the dashboard
page only draws these rows.

- Projects, capex and new hires by phase, sector, country of origin, province, status and tutor
  (a project followed by two tutors counts once under each; one with no value under "not set").
- Announced vs active.
- Filed permits whose legal term is overdue, or ends within the due-soon window (14 days), by
  competent authority: permits counted, and the dossiers that hold them (none of a closed
  dossier: ``ProjectStatus.is_closed``).
- Per quarter (the last ``QUARTERS``): new leads (projects entering the lead phase) and entries
  into the later phases.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter
from typing import Any

from sqlalchemy import Connection

from tutor_app.domain.deadlines import urgency_bounds
from tutor_app.domain.enums import CLOSED_PROJECT_STATUSES, Phase, ProjectStatus, Sector
from tutor_app.domain.places import country_name
from tutor_app.domain.scope import Scope, Viewer
from tutor_app.services.scope import rows_in_scope, viewer
from tutor_app.services.workspace import Workspace
from tutor_app.store import queries
from tutor_app.store.dossier_list import DossierRow
from tutor_app.store.state import SCOPE

QUARTERS = 8
DIMENSIONS = ("phase", "sector", "country", "province", "status", "tutor")


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a breakdown: its value (None: not set), what to print, and the projects it counts."""

    key: str | None
    label: str
    ids: frozenset[str]
    capex_cents: int
    new_hires: int

    @property
    def projects(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, slots=True)
class Breakdown:
    dimension: str  # one of DIMENSIONS, or "announced_active"
    bars: tuple[Bar, ...]

    def bar(self, key: str | None) -> Bar | None:
        return next((b for b in self.bars if b.key == key), None)


@dataclass(frozen=True, slots=True)
class AuthorityLine:
    """Filed permits at one competent authority (None: none named) whose legal term is overdue or
    ends soon; each number with the dossiers that hold those permits."""

    authority: str | None
    overdue: int
    overdue_ids: frozenset[str]
    due_soon: int
    due_soon_ids: frozenset[str]


@dataclass(frozen=True, slots=True)
class QuarterLine:
    year: int
    quarter: int  # 1..4
    new_leads: int
    lead_ids: frozenset[str]
    phase_entries: int  # entries into a phase after the lead, in the quarter
    entry_ids: frozenset[str]

    @property
    def first_day(self) -> date:
        return quarter_start(self.year, self.quarter)


def quarter_start(year: int, quarter: int) -> date:
    """The first day of a quarter (quarter 5 of a year: the first of the next)."""
    return date(year + (quarter - 1) // 4, 3 * ((quarter - 1) % 4) + 1, 1)


@dataclass(frozen=True, slots=True)
class RegionFigures:
    scope: Scope
    scopes: tuple[Scope, ...]  # the scopes this viewer may pick
    today: date
    total: Bar  # every project in the scope
    breakdowns: tuple[Breakdown, ...]  # DIMENSIONS, then announced vs active
    authorities: tuple[AuthorityLine, ...]
    quarters: tuple[QuarterLine, ...]

    def breakdown(self, dimension: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.dimension == dimension)


def _tutors(row: DossierRow) -> list[str | None]:
    names = [t.strip() for t in row.tutors.split(",") if t.strip()]
    return list(names) if names else [None]


_ID, _CAPEX, _HIRES = attrgetter("id"), attrgetter("capex_cents"), attrgetter("new_hires")


def _groups(dimension: str, rows: Sequence[DossierRow]) -> dict[str | None, list[DossierRow]]:
    """The rows under each value of ``dimension`` (a project with two tutors under both). The
    other dimensions are a field of the row each, where "" and None are both "not set"."""
    groups: dict[str | None, list[DossierRow]] = defaultdict(list)
    if dimension == "tutor":
        for r in rows:
            for name in _tutors(r):
                groups[name].append(r)
        return groups
    key = attrgetter(dimension)
    for r in rows:
        groups[key(r)].append(r)
    if "" in groups:
        groups[None].extend(groups.pop(""))
    return groups


def _label(dimension: str, key: str | None, lang: str) -> str:
    """The printed value ("" for not set: the page says it in the user's words)."""
    if key is None:
        return ""
    if dimension == "phase":
        return Phase(key).label(lang)
    if dimension == "sector":
        return Sector(key).label(lang)
    if dimension in ("status", "announced_active"):
        return ProjectStatus(key).label(lang)
    if dimension == "country":
        return country_name(key, lang)
    return key


def _order(dimension: str, bars: list[Bar]) -> list[Bar]:
    """Phases in their order, the rest largest first; "not set" last."""
    if dimension == "phase":
        return sorted(bars, key=lambda b: (b.key is None, Phase(b.key).order if b.key else 0))
    return sorted(bars, key=lambda b: (b.key is None, -b.projects, b.label))


def _bar(key: str | None, label: str, rows: Sequence[DossierRow]) -> Bar:
    # map() and sum() over the group: the loops run in C (10,000 rows, seven times per dashboard)
    return Bar(key, label, frozenset(map(_ID, rows)), sum(filter(None, map(_CAPEX, rows))),
               sum(filter(None, map(_HIRES, rows))))


def breakdown(dimension: str, rows: Sequence[DossierRow], lang: str) -> Breakdown:
    bars = [_bar(k, _label(dimension, k, lang), group) for k, group in _groups(dimension, rows).items()]
    return Breakdown(dimension, tuple(_order(dimension, bars)))


def announced_vs_active(rows: Sequence[DossierRow], lang: str) -> Breakdown:
    wanted = (ProjectStatus.ANNOUNCED.value, ProjectStatus.ACTIVE.value)
    return Breakdown("announced_active", tuple(
        _bar(s, _label("status", s, lang), [r for r in rows if r.status == s]) for s in wanted))


def _in(ids: frozenset[str], holders: str) -> list[str]:
    """The projects of a ``group_concat`` that are among ``ids`` (once per row counted)."""
    return [p for p in holders.split(",") if p in ids]


def authorities(conn: Connection, ids: frozenset[str], today: date) -> tuple[AuthorityLine, ...]:
    """Filed permits of the given projects overdue or due soon on ``today``, by authority."""
    bounds = urgency_bounds(today)
    # Grouped by SQLite over ix_permit_items_running (a covering index): a few rows, each with
    # the projects of its permits, instead of one Python tuple per permit. ``ids`` holds live
    # projects only: no join with projects needed.
    found = _raw(conn).execute(
        "SELECT nullif(trim(coalesce(authority, '')), ''), legal_due_on < ?, group_concat(project_id) "
        "FROM permit_items WHERE status = 'submitted' AND deleted = 0 AND legal_due_on IS NOT NULL "
        "AND legal_due_on <= ? GROUP BY 1, 2",
        (bounds.overdue_before.isoformat(), bounds.soon_until.isoformat()),
    ).fetchall()
    held: dict[str | None, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for authority, overdue, holders in found:
        held[authority][0 if overdue else 1].extend(_in(ids, holders))
    lines = [AuthorityLine(a, len(late), frozenset(late), len(soon), frozenset(soon))
             for a, (late, soon) in held.items() if late or soon]
    return tuple(sorted(lines, key=lambda x: (x.authority is None, -x.overdue, -x.due_soon, x.authority or "")))


def _raw(conn: Connection) -> Any:
    """The sqlite3 connection under SQLAlchemy's (in the same transaction): tens of thousands of
    plain tuples cost a third of what SQLAlchemy's rows do."""
    return conn.connection.driver_connection


def _quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def last_quarters(today: date, n: int = QUARTERS) -> list[tuple[int, int]]:
    year, q = _quarter_of(today)
    out = []
    for _ in range(n):
        out.append((year, q))
        year, q = (year, q - 1) if q > 1 else (year - 1, 4)
    return out[::-1]


def quarters(conn: Connection, ids: frozenset[str], today: date, n: int = QUARTERS) -> tuple[QuarterLine, ...]:
    wanted = last_quarters(today, n)
    tomorrow = today + timedelta(days=1)
    spans = [(quarter_start(y, q), min(quarter_start(y, q + 1), tomorrow)) for y, q in wanted]
    # One range of ix_phase_entries_day (a covering index) per quarter, grouped by SQLite: the
    # projects of each quarter's entries come as one string (34,000 entries for 10,000 projects:
    # no tuple, date or SQLAlchemy row each). ``ids`` holds live projects only: no join needed.
    found = _raw(conn).execute(" UNION ALL ".join(
        f"SELECT {k}, phase = 'lead', group_concat(project_id) FROM phase_entries "
        "WHERE deleted = 0 AND entered_on >= ? AND entered_on < ? GROUP BY 2" for k in range(len(spans))),
        [day.isoformat() for span in spans for day in span],
    ).fetchall()
    leads: dict[int, list[str]] = defaultdict(list)
    entries: dict[int, list[str]] = defaultdict(list)
    for k, is_lead, holders in found:
        (leads if is_lead else entries)[k].extend(_in(ids, holders))
    lines = []
    for k, (y, q) in enumerate(wanted):
        led = frozenset(leads[k])
        lines.append(QuarterLine(y, q, len(led), led, len(entries[k]), frozenset(entries[k])))
    return tuple(lines)


def figures_of(conn: Connection, rows: Sequence[DossierRow], who: Viewer, scope: Scope, today: date,
               lang: str) -> RegionFigures:
    """The dashboard over the dossier rows that count in ``scope``."""
    counted = rows_in_scope(rows, who, scope)
    total = _bar(None, "", counted)
    parts = (*(breakdown(d, counted, lang) for d in DIMENSIONS), announced_vs_active(counted, lang))
    running = frozenset(r.id for r in counted if r.status not in CLOSED_PROJECT_STATUSES)  # closed: no alarm
    return RegionFigures(scope, who.scopes(), today, total, parts, authorities(conn, running, today),
                         quarters(conn, total.ids, today))


def region_figures(ws: Workspace, lang: str, scope: Scope | None = None,
                   rows: Sequence[DossierRow] | None = None) -> RegionFigures:
    """The dashboard of the profile in ``scope`` (None: the one last chosen, or the viewer's default)."""
    today = ws.today()
    with ws.store.read() as conn:
        who = viewer(conn)
        chosen = who.effective(scope if scope is not None else SCOPE.get(conn))
        if rows is None:
            rows = queries.dossier_rows(conn, today)
        return figures_of(conn, rows, who, chosen, today, lang)
