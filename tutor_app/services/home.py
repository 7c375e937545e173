"""What the home page shows a tutor: my projects by phase and the things that need doing soon.

Read-only; a handful of queries over the whole profile, meant to run off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, text

from tutor_app.domain.deadlines import DUE_SOON_DAYS, urgency_bounds
from tutor_app.domain.schema import iso_instant, parse_instant
from tutor_app.services.workspace import Workspace
from tutor_app.store import outbox, queries
from tutor_app.store.state import TUTOR_ID

UPCOMING_DAYS = 14


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One line of a home list: which dossier, what, and when."""

    project_id: str
    code: str
    title: str
    when: date
    what: str  # meeting table / permit name / action text / note topic (a code for enums)
    detail: str = ""  # place / authority / owner / note text
    tab: str = "overview"  # the dossier tab that shows it


@dataclass(frozen=True, slots=True)
class HomeSummary:
    my_project_ids: frozenset[str]
    counts: queries.DashboardCounts
    upcoming_meetings: tuple[AgendaItem, ...]
    overdue_permits: tuple[AgendaItem, ...]
    open_actions: tuple[AgendaItem, ...]
    follow_ups: tuple[AgendaItem, ...]


def my_project_ids(conn: Connection, tutor_id: str | None) -> frozenset[str]:
    if not tutor_id:
        return frozenset()
    return frozenset(
        pid
        for (pid,) in conn.execute(
            text(
                "SELECT a.project_id FROM assignments a JOIN projects p ON p.id = a.project_id "
                "WHERE a.tutor_id = :t AND a.deleted = 0 AND p.deleted = 0"
            ),
            {"t": tutor_id},
        )
    )


def home_summary(ws: Workspace, rows: list[queries.DossierRow] | None = None, limit: int = 12) -> HomeSummary:
    """Figures and lists over my projects (every project when the profile follows none)."""
    today = ws.today()
    with ws.store.read() as conn:
        mine = my_project_ids(conn, TUTOR_ID.get(conn))
        all_rows = rows if rows is not None else queries.dossier_rows(conn, today)
        my_rows = [r for r in all_rows if r.id in mine] if mine else list(all_rows)
        scope = {r.id for r in my_rows}
        counts = queries.dashboard_counts(my_rows, conn, today)
        return HomeSummary(
            my_project_ids=frozenset(scope),
            counts=counts,
            upcoming_meetings=_upcoming_meetings(conn, scope, today, limit),
            overdue_permits=_overdue_permits(conn, scope, today, limit),
            open_actions=_open_actions(conn, scope, today, limit),
            follow_ups=_follow_ups(conn, scope, today, limit),
        )


def _upcoming_meetings(conn: Connection, scope: set[str], today: date, limit: int) -> tuple[AgendaItem, ...]:
    start = datetime(today.year, today.month, today.day).astimezone()
    rows = conn.execute(
        text(
            "SELECT m.project_id, p.code, p.title, m.starts_at, m.\"table\", coalesce(m.place, '') "
            "FROM meetings m JOIN projects p ON p.id = m.project_id "
            "WHERE m.deleted = 0 AND p.deleted = 0 AND m.starts_at >= :start AND m.starts_at < :end "
            "ORDER BY m.starts_at"
        ),
        {"start": iso_instant(start), "end": iso_instant(start + timedelta(days=UPCOMING_DAYS + 1))},
    )
    items = [
        AgendaItem(pid, code, title, parse_instant(at).astimezone().date(), table, place, "timeline")
        for pid, code, title, at, table, place in rows
        if pid in scope
    ]
    return tuple(items[:limit])


def _overdue_permits(conn: Connection, scope: set[str], today: date, limit: int) -> tuple[AgendaItem, ...]:
    soon = urgency_bounds(today).soon_until.isoformat()  # overdue or due soon
    rows = conn.execute(
        text(
            "SELECT i.project_id, p.code, p.title, i.legal_due_on, i.name, coalesce(i.authority, '') "
            "FROM permit_items i JOIN projects p ON p.id = i.project_id "
            "WHERE i.deleted = 0 AND p.deleted = 0 AND i.status = 'submitted' AND i.legal_due_on IS NOT NULL "
            "AND i.legal_due_on <= :soon ORDER BY i.legal_due_on"
        ),
        {"soon": soon},
    )
    items = [
        AgendaItem(pid, code, title, date.fromisoformat(due), name, auth, "permits")
        for pid, code, title, due, name, auth in rows
        if pid in scope
    ]
    return tuple(items[:limit])


def _open_actions(conn: Connection, scope: set[str], today: date, limit: int) -> tuple[AgendaItem, ...]:
    horizon = (today + timedelta(days=UPCOMING_DAYS)).isoformat()
    rows = conn.execute(
        text(
            "SELECT a.project_id, p.code, p.title, a.due_on, a.text, coalesce(a.owner, '') "
            f"FROM {queries.LIVE_ACTION_ITEMS} a JOIN projects p ON p.id = a.project_id "
            "WHERE p.deleted = 0 AND a.done = 0 AND a.due_on IS NOT NULL AND a.due_on <= :h "
            "ORDER BY a.due_on"
        ),
        {"h": horizon},
    )
    items = [
        AgendaItem(pid, code, title, date.fromisoformat(due), what, owner, "timeline")
        for pid, code, title, due, what, owner in rows
        if pid in scope
    ]
    return tuple(items[:limit])


def _follow_ups(conn: Connection, scope: set[str], today: date, limit: int) -> tuple[AgendaItem, ...]:
    horizon = (today + timedelta(days=DUE_SOON_DAYS)).isoformat()
    rows = conn.execute(
        text(
            "SELECT n.project_id, p.code, p.title, n.follow_up_on, n.topic, n.text "
            "FROM aftercare_notes n JOIN projects p ON p.id = n.project_id "
            "WHERE n.deleted = 0 AND p.deleted = 0 AND n.follow_up_on IS NOT NULL AND n.follow_up_on <= :h "
            "AND n.follow_up_on >= :from ORDER BY n.follow_up_on"
        ),
        {"h": horizon, "from": (today - timedelta(days=60)).isoformat()},
    )
    items = [
        AgendaItem(pid, code, title, date.fromisoformat(on), topic, body, "aftercare")
        for pid, code, title, on, topic, body in rows
        if pid in scope
    ]
    return tuple(items[:limit])


def tutor_names(ws: Workspace) -> list[tuple[str, str]]:
    """(id, name) of every tutor who follows a project in this profile, for the tutor filter."""
    with ws.store.read() as conn:
        return [
            (tid, name)
            for tid, name in conn.execute(
                text(
                    "SELECT DISTINCT t.id, t.name FROM tutors t JOIN assignments a ON a.tutor_id = t.id "
                    "WHERE a.deleted = 0 AND a.role = 'project_tutor' AND t.deleted = 0 ORDER BY t.name"
                )
            )
        ]


def my_name(ws: Workspace) -> str | None:
    tutor_id = ws.tutor_id
    if not tutor_id:
        return None
    with ws.store.read() as conn:
        name = conn.execute(text("SELECT name FROM tutors WHERE id = :id"), {"id": tutor_id}).scalar()
    return str(name) if name else None


def pending_for_project(ws: Workspace, project_id: str) -> int:
    """Changes of one dossier still waiting in the outbox."""
    with ws.store.read() as conn:
        return outbox.waiting_count(conn, project_id)
