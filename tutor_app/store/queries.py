"""Read models: plain, immutable rows for lists, dossiers and dashboards, each built in a few
queries (never one query per row or per cell)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, text

from tutor_app.domain.deadlines import PermitClock, permit_clock, urgency_bounds
from tutor_app.domain.enums import CLOSED_PROJECT_STATUSES, PermitStatus, Phase
from tutor_app.domain.schema import parse_instant
from tutor_app.store import dossier_list, outbox
from tutor_app.store.dossier_list import DossierRow as DossierRow  # noqa: PLC0414 (re-exported for every caller)

_PHASE_ORDER_SQL = "CASE phase " + " ".join(f"WHEN '{p.value}' THEN {p.order}" for p in Phase) + " END"
_OPEN_TERM = "status = 'submitted' AND legal_due_on IS NOT NULL AND deleted = 0"

# The action items a person can reach: live, under a live meeting. A deleted meeting hides its
# items everywhere (lists, counts, Home, PDFs), as a deleted dossier hides its records, and they are
# never tombstoned with it, so restoring the meeting brings them back as they were. Every reader of
# action items reads them through this (``FROM {LIVE_ACTION_ITEMS} a``); the server's counts
# (``tutor.admin_status``) follow the same rule.
LIVE_ACTION_ITEMS = ("(SELECT ai.* FROM action_items ai JOIN meetings mt ON mt.id = ai.meeting_id "
                     "WHERE ai.deleted = 0 AND mt.deleted = 0)")


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def dossier_rows(conn: Connection, today: date, project_ids: Sequence[str] | None = None) -> list[DossierRow]:
    """The dossier list, from the trigger-maintained ``dossier_index`` (one compact table)."""
    if project_ids is not None and not project_ids:
        return []
    sql, params = dossier_list.list_query(project_ids)
    # Straight to the driver: 10,000 rows must list in a few tens of milliseconds.
    return dossier_list.build_rows(conn.exec_driver_sql(sql, params).fetchall(), today)


@dataclass(frozen=True, slots=True)
class ContactView:
    id: str
    name: str
    role: str | None
    email: str | None
    phone: str | None


@dataclass(frozen=True, slots=True)
class PhaseEntryView:
    id: str
    phase: Phase
    entered_on: date


@dataclass(frozen=True, slots=True)
class ActionItemView:
    id: str
    meeting_id: str
    text: str
    owner: str | None
    due_on: date | None
    done: bool


@dataclass(frozen=True, slots=True)
class MeetingView:
    id: str
    table: str
    starts_at: datetime
    place: str | None
    participants: str | None
    organisations: str | None
    agenda: str | None
    minutes: str | None
    decisions: str | None
    actions: tuple[ActionItemView, ...] = ()

    @property
    def open_actions(self) -> int:
        return sum(1 for a in self.actions if not a.done)


@dataclass(frozen=True, slots=True)
class PermitView:
    id: str
    permit_code: str
    name: str
    authority: str | None
    status: PermitStatus
    submitted_on: date | None
    expected_on: date | None
    decided_on: date | None
    time_limit_days: int | None
    notes: str | None
    position: int | None
    clock: PermitClock


@dataclass(frozen=True, slots=True)
class AftercareView:
    id: str
    noted_on: date
    topic: str
    text: str
    follow_up_on: date | None


@dataclass(frozen=True, slots=True)
class Dossier:
    """A whole project as the dossier page and the PDF show it."""

    project: dict[str, Any]
    investor: dict[str, Any]
    contacts: tuple[ContactView, ...]
    phases: tuple[PhaseEntryView, ...]
    tutors: tuple[tuple[str, str], ...]  # (name, role)
    meetings: tuple[MeetingView, ...]
    permits: tuple[PermitView, ...]
    notes: tuple[AftercareView, ...]
    pending_changes: int = 0

    @property
    def id(self) -> str:
        return str(self.project["id"])

    @property
    def current_phase(self) -> Phase | None:
        return current_phase(self.phases)


def current_phase(entries: Iterable[PhaseEntryView]) -> Phase | None:
    latest = max(entries, key=lambda e: (e.entered_on, e.phase.order), default=None)
    return latest.phase if latest else None


_PROJECT_COLUMNS = ("id, code, investor_id, title, kind, sector, function, status, capex_cents, new_hires, "
                    "municipality, province, zis, zls, instruments, services, description, created_at, "
                    "updated_at, rev")


def load_dossier(conn: Connection, project_id: str, today: date) -> Dossier | None:
    import json

    prow = conn.execute(text(f"SELECT {_PROJECT_COLUMNS} FROM projects WHERE id = :id AND deleted = 0"),
                        {"id": project_id}).mappings().first()
    if prow is None:
        return None
    project = dict(prow)
    for key in ("instruments", "services"):
        project[key] = json.loads(project[key]) if isinstance(project[key], str) else project[key]
    project["zis"], project["zls"] = bool(project["zis"]), bool(project["zls"])
    investor = dict(conn.execute(
        text("SELECT id, name, country, sector, website, parent_group, vat_number FROM investors WHERE id = :id"),
        {"id": project["investor_id"]}).mappings().one())
    contacts = tuple(ContactView(*r) for r in conn.execute(text(
        "SELECT id, name, role, email, phone FROM contacts WHERE investor_id = :id AND deleted = 0 ORDER BY name"),
        {"id": investor["id"]}))
    params = {"id": project_id}
    phases = tuple(PhaseEntryView(r[0], Phase(r[1]), date.fromisoformat(r[2])) for r in conn.execute(text(
        "SELECT id, phase, entered_on FROM phase_entries WHERE project_id = :id AND deleted = 0 "
        f"ORDER BY entered_on, {_PHASE_ORDER_SQL}"), params))
    tutors = tuple((r[0], r[1]) for r in conn.execute(text(
        "SELECT t.name, a.role FROM assignments a JOIN tutors t ON t.id = a.tutor_id "
        "WHERE a.project_id = :id AND a.deleted = 0 ORDER BY a.role, t.name"), params))
    actions: dict[str, list[ActionItemView]] = {}
    for r in conn.execute(text(
            f"SELECT id, meeting_id, text, owner, due_on, done FROM {LIVE_ACTION_ITEMS} "
            "WHERE project_id = :id ORDER BY due_on IS NULL, due_on, created_at"), params):
        actions.setdefault(r[1], []).append(ActionItemView(r[0], r[1], r[2], r[3], _date(r[4]), bool(r[5])))
    meetings = tuple(
        MeetingView(r[0], r[1], parse_instant(r[2]), r[3], r[4], r[5], r[6], r[7], r[8],
                    actions=tuple(actions.get(r[0], ())))
        for r in conn.execute(text(
            "SELECT id, \"table\", starts_at, place, participants, organisations, agenda, minutes, decisions "
            "FROM meetings WHERE project_id = :id AND deleted = 0 ORDER BY starts_at"), params))
    permits = tuple(_permit_view(r, today) for r in conn.execute(text(
        "SELECT id, permit_code, name, authority, status, submitted_on, expected_on, decided_on, "
        "time_limit_days, notes, position FROM permit_items WHERE project_id = :id AND deleted = 0 "
        "ORDER BY position IS NULL, position, name"), params))
    notes = tuple(AftercareView(r[0], date.fromisoformat(r[1]), r[2], r[3], _date(r[4])) for r in conn.execute(
        text("SELECT id, noted_on, topic, text, follow_up_on FROM aftercare_notes "
             "WHERE project_id = :id AND deleted = 0 ORDER BY noted_on, created_at"), params))
    pending = outbox.waiting_count(conn, project_id)
    return Dossier(project, investor, contacts, phases, tutors, meetings, permits, notes, pending)


def _permit_view(r: Any, today: date) -> PermitView:
    status = PermitStatus(r[4])
    submitted = _date(r[5])
    return PermitView(r[0], r[1], r[2], r[3], status, submitted, _date(r[6]), _date(r[7]), r[8], r[9], r[10],
                      permit_clock(status, submitted, r[8], today))


@dataclass(frozen=True, slots=True)
class DashboardCounts:
    projects: int
    by_phase: dict[str, int]
    by_sector: dict[str, int]
    by_country: dict[str, int]
    by_province: dict[str, int]
    by_status: dict[str, int]
    capex_cents: int
    new_hires: int
    overdue_permits: int
    due_soon_permits: int
    open_actions: int
    follow_ups_due: int
    pending_changes: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def dashboard_counts(rows: Sequence[DossierRow], conn: Connection, today: date) -> DashboardCounts:
    """Counts over the given dossier rows (already filtered to what the user looks at)."""
    ids = {r.id for r in rows}
    running = {r.id for r in rows if r.status not in CLOSED_PROJECT_STATUSES}  # a closed dossier's terms: no alarm
    bounds = urgency_bounds(today)
    soon = bounds.soon_until.isoformat()
    due_soon = sum(1 for pid, in conn.execute(text(
        f"SELECT project_id FROM permit_items WHERE {_OPEN_TERM} AND legal_due_on >= :in_time "
        "AND legal_due_on <= :soon"), {"in_time": bounds.overdue_before.isoformat(), "soon": soon})
        if pid in running)
    open_actions = sum(1 for pid, in conn.execute(text(
        f"SELECT project_id FROM {LIVE_ACTION_ITEMS} WHERE done = 0")) if pid in ids)
    follow_ups = sum(1 for pid, in conn.execute(text(
        "SELECT project_id FROM aftercare_notes WHERE deleted = 0 AND follow_up_on IS NOT NULL "
        "AND follow_up_on <= :soon"), {"soon": soon}) if pid in ids)
    pending = outbox.waiting_count(conn)
    return DashboardCounts(
        projects=len(rows),
        by_phase=dict(Counter(r.phase or "" for r in rows)),
        by_sector=dict(Counter(r.sector for r in rows)),
        by_country=dict(Counter(r.country for r in rows)),
        by_province=dict(Counter(r.province or "" for r in rows)),
        by_status=dict(Counter(r.status for r in rows)),
        capex_cents=sum(r.capex_cents or 0 for r in rows),
        new_hires=sum(r.new_hires or 0 for r in rows),
        overdue_permits=sum(r.overdue_permits for r in rows),
        due_soon_permits=due_soon,
        open_actions=open_actions,
        follow_ups_due=follow_ups,
        pending_changes=pending,
    )
