"""Read models the PDF reports need beyond the dossier and the list: how fresh the data is,
which local changes have not reached the shared database, the region's people on a project,
and the cross-project lists of a portfolio (permit terms, upcoming meetings, a tutor's projects,
what happened in a period).

``data_freshness`` is the one place that says what "synced" means for a report. Today every
outbox entry is a change not yet synced and ``store.state.LAST_SYNC`` is the instant of
the last successful sync; the sync engine keeps both true, and the reports follow.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import Connection, text

from tutor_app.domain.deadlines import Urgency, urgency_of
from tutor_app.domain.errors import UnknownTutorError
from tutor_app.domain.periods import Period
from tutor_app.domain.schema import parse_instant
from tutor_app.store import outbox
from tutor_app.store.dossier_list import CLOSED_STATUSES_SQL
from tutor_app.store.state import LAST_SYNC

# What a person needs to recognise a changed row, per table (raw values; the report formats them).
_ROW_DETAILS: Mapping[str, str] = {
    "projects": "SELECT id, code, title FROM projects",
    "investors": "SELECT id, name FROM investors",
    "contacts": "SELECT id, name FROM contacts",
    "phase_entries": "SELECT id, phase, entered_on FROM phase_entries",
    "meetings": 'SELECT id, "table", starts_at FROM meetings',
    "action_items": "SELECT id, text, due_on FROM action_items",
    "permit_items": "SELECT id, permit_code, name FROM permit_items",
    "aftercare_notes": "SELECT id, noted_on, topic FROM aftercare_notes",
    "assignments": "SELECT id, role FROM assignments",
    "tutors": "SELECT id, name FROM tutors",
}


@dataclass(frozen=True, slots=True)
class PendingChange:
    """One local change the shared database has not confirmed yet."""

    table_name: str
    row_id: str
    project_id: str | None
    fields: tuple[str, ...]
    changed_at: datetime
    detail: Mapping[str, Any] = field(default_factory=dict)
    is_new: bool = False      # the row itself has never reached the server
    is_deletion: bool = False


@dataclass(frozen=True, slots=True)
class Freshness:
    """How current a report's data is: the last sync, and what is still only on this device."""

    last_sync_at: datetime | None
    pending_total: int
    pending: tuple[PendingChange, ...] = ()

    @property
    def never_synced(self) -> bool:
        return self.last_sync_at is None


def last_sync_at(conn: Connection) -> datetime | None:
    value = LAST_SYNC.get(conn)
    if not value:
        return None
    try:
        return parse_instant(str(value))
    except ValueError:
        return None


def data_freshness(conn: Connection, project_id: str | None = None, limit: int = 200) -> Freshness:
    """The last sync and the changes not yet synced (of one project, or of the whole profile).

    At most ``limit`` changes are listed, newest first; ``pending_total`` counts them all.
    """
    total = outbox.waiting_count(conn, project_id)
    rows = outbox.latest_waiting(conn, project_id, limit)
    details = _row_details(conn, [(r[0], r[1]) for r in rows])
    pending = []
    for r in rows:
        fields = _json(r[3])
        pending.append(PendingChange(r[0], r[1], r[2], tuple(sorted(fields)), parse_instant(r[4]),
                                     details.get((r[0], r[1]), {}), is_new=int(r[5] or 0) == 0,
                                     is_deletion=bool(fields.get("deleted"))))
    return Freshness(last_sync_at(conn), total, tuple(pending))


def _json(value: Any) -> dict[str, Any]:
    import json

    loaded = json.loads(value) if isinstance(value, str) else value
    return loaded if isinstance(loaded, dict) else {}


def _row_details(conn: Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
    by_table: dict[str, list[str]] = {}
    for table, row_id in keys:
        by_table.setdefault(table, []).append(row_id)
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for table, ids in by_table.items():
        sql = _ROW_DETAILS.get(table)
        if sql is None:
            continue
        for start in range(0, len(ids), 500):  # SQLite caps the number of bound parameters
            chunk = ids[start:start + 500]
            marks = ", ".join(f":i{n}" for n in range(len(chunk)))
            result = conn.execute(text(f"{sql} WHERE id IN ({marks})"),
                                  {f"i{n}": i for n, i in enumerate(chunk)}).mappings()
            for row in result:
                out[(table, row["id"])] = {k: v for k, v in row.items() if k != "id"}
    return out


# -- portfolio ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PermitTerm:
    """A filed permit whose legal term has passed or ends soon, with its project."""

    project_id: str
    code: str
    title: str
    investor: str
    permit_code: str
    name: str
    authority: str | None
    submitted_on: date | None
    due_on: date
    urgency: Urgency


def permit_terms(conn: Connection, today: date, until: date,
                 project_ids: Collection[str] | None = None) -> list[PermitTerm]:
    """Running terms (application filed, no decision) that end on or before ``until``, most late
    first; none of a closed dossier (``ProjectStatus.is_closed``: its terms raise no alarm)."""
    rows = conn.execute(text(
        "SELECT pi.project_id, p.code, p.title, i.name, pi.permit_code, pi.name, pi.authority, "
        "pi.submitted_on, pi.legal_due_on FROM permit_items pi "
        f"JOIN projects p ON p.id = pi.project_id AND p.deleted = 0 AND p.status NOT IN ({CLOSED_STATUSES_SQL}) "
        "JOIN investors i ON i.id = p.investor_id "
        "WHERE pi.deleted = 0 AND pi.status = 'submitted' AND pi.legal_due_on IS NOT NULL "
        "AND pi.legal_due_on <= :until ORDER BY pi.legal_due_on, p.code, pi.position"),
        {"until": until.isoformat()}).all()
    wanted = None if project_ids is None else set(project_ids)
    out = []
    for r in rows:
        if wanted is not None and r[0] not in wanted:
            continue
        due = date.fromisoformat(r[8])
        out.append(PermitTerm(r[0], r[1], r[2], r[3], r[4], r[5], r[6],
                              date.fromisoformat(r[7]) if r[7] else None, due, urgency_of(due, today)))
    return out


@dataclass(frozen=True, slots=True)
class UpcomingMeeting:
    project_id: str
    code: str
    title: str
    investor: str
    table: str
    starts_at: datetime
    place: str | None


def upcoming_meetings(conn: Connection, start: datetime, end: datetime,
                      project_ids: Collection[str] | None = None) -> list[UpcomingMeeting]:
    """Meetings of the working tables between two instants, in time order."""
    from tutor_app.domain.schema import iso_instant

    rows = conn.execute(text(
        'SELECT m.project_id, p.code, p.title, i.name, m."table", m.starts_at, m.place FROM meetings m '
        "JOIN projects p ON p.id = m.project_id AND p.deleted = 0 "
        "JOIN investors i ON i.id = p.investor_id "
        "WHERE m.deleted = 0 AND m.starts_at >= :start AND m.starts_at < :end ORDER BY m.starts_at, p.code"),
        {"start": iso_instant(start), "end": iso_instant(end)}).all()
    wanted = None if project_ids is None else set(project_ids)
    return [UpcomingMeeting(r[0], r[1], r[2], r[3], r[4], parse_instant(r[5]), r[6])
            for r in rows if wanted is None or r[0] in wanted]


@dataclass(frozen=True, slots=True)
class TutorRef:
    id: str
    name: str
    initials: str


def find_tutor(conn: Connection, ref: str) -> TutorRef:
    """A tutor by initials (``MRS``), e-mail, id or full name (any case); UnknownTutorError
    otherwise, naming the tutors there are (or the several the reference names)."""
    key = ref.strip()
    rows = conn.execute(text(
        "SELECT id, name, initials FROM tutors WHERE deleted = 0 AND (upper(initials) = upper(:k) "
        "OR lower(email) = lower(:k) OR id = lower(:k) OR lower(name) = lower(:k)) ORDER BY name, initials"),
        {"k": key}).all()
    if not rows:
        tutors = tuple(f"{r[0]} ({r[1]})" for r in conn.execute(text(
            "SELECT name, initials FROM tutors WHERE deleted = 0 ORDER BY name, initials")))
        raise UnknownTutorError(key, tutors=tutors)
    if len(rows) > 1:
        raise UnknownTutorError(key, matches=tuple(f"{r[1]} ({r[2]})" for r in rows))
    return TutorRef(rows[0][0], rows[0][1], rows[0][2])


def projects_of_tutor(conn: Connection, tutor_id: str) -> set[str]:
    """Every project the tutor is assigned to, in any role (project or regional tutor)."""
    return {r[0] for r in conn.execute(text(
        "SELECT project_id FROM assignments WHERE tutor_id = :t AND deleted = 0"), {"t": tutor_id})}


@dataclass(frozen=True, slots=True)
class Referent:
    """A tutor of the region assigned to a project (the dossier's contact sheet)."""

    name: str
    role: str
    email: str | None


def project_referents(conn: Connection, project_id: str) -> list[Referent]:
    """The region's people on a project: its assigned tutors, project tutors first."""
    return [Referent(r[0], r[1], r[2]) for r in conn.execute(text(
        "SELECT t.name, a.role, t.email FROM assignments a JOIN tutors t ON t.id = a.tutor_id "
        "WHERE a.project_id = :id AND a.deleted = 0 AND t.deleted = 0 "
        "ORDER BY CASE a.role WHEN 'project_tutor' THEN 0 WHEN 'regional_tutor' THEN 1 ELSE 2 END, t.name"),
        {"id": project_id})]


@dataclass(frozen=True, slots=True)
class PeriodActivity:
    """What the data dates within one period: the projects created (new leads) and, by phase code,
    the projects that entered that phase."""

    period: Period
    created: frozenset[str]
    entered: Mapping[str, frozenset[str]]

    def entered_phase(self, phase: str) -> frozenset[str]:
        return self.entered.get(phase, frozenset())


def period_activity(conn: Connection, period: Period, zone: tzinfo,
                    project_ids: Collection[str] | None = None) -> PeriodActivity:
    """Projects created and phases entered in ``period`` (local days of ``zone``), for live projects.

    Creation is an instant (UTC text), compared with the period's local midnights; a phase entry is
    a local date, compared with the period's days.
    """
    from tutor_app.domain.schema import iso_instant

    start, end = period.instants(zone)
    wanted = None if project_ids is None else set(project_ids)
    created = frozenset(
        r[0] for r in conn.execute(text(
            "SELECT id FROM projects WHERE deleted = 0 AND created_at >= :start AND created_at < :end"),
            {"start": iso_instant(start), "end": iso_instant(end)})
        if wanted is None or r[0] in wanted)
    entered: dict[str, set[str]] = {}
    for project_id, phase in conn.execute(text(
            "SELECT pe.project_id, pe.phase FROM phase_entries pe "
            "JOIN projects p ON p.id = pe.project_id AND p.deleted = 0 "
            "WHERE pe.deleted = 0 AND pe.entered_on >= :first AND pe.entered_on <= :last"),
            {"first": period.first.isoformat(), "last": period.last.isoformat()}):
        if wanted is None or project_id in wanted:
            entered.setdefault(phase, set()).add(project_id)
    return PeriodActivity(period, created, {k: frozenset(v) for k, v in entered.items()})
