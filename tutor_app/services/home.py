"""What the home page shows a tutor: the dossiers of a scope by phase, its figures, and the things
that need doing soon, each one the exact record it names.

Every figure is the length of the list it opens (``figure_items``: the card says 8, the list
shows the same 8), over the scope the user chose ("I miei", "La mia area", "Tutta la regione";
``domain.scope``, remembered in the profile). "Le mie azioni" are the open action items of the
dossiers assigned to me whatever the scope, due this week or overdue, soonest first.
Read-only; a handful of queries over the whole profile, meant to run off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, text

from tutor_app.domain.deadlines import urgency_bounds
from tutor_app.domain.investor_names import normalised_investor_name
from tutor_app.domain.schema import iso_instant, parse_instant
from tutor_app.domain.scope import Scope, Viewer
from tutor_app.services.workspace import Workspace
from tutor_app.store import outbox, queries
from tutor_app.store.dossier_list import CLOSED_STATUSES_SQL
from tutor_app.store.state import SCOPE

UPCOMING_DAYS = 14
# The figures of the home page's cards, each the count of its own list (``figure_items``);
# "projects" and "capex" count and sum the scope's dossiers (the dossier list opens on them).
RECORD_FIGURES = ("overdue", "soon", "actions", "follow")
DOSSIER_FIGURES = ("projects", "capex")


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One line of a home list: which dossier and record, what, and when."""

    project_id: str
    code: str
    title: str
    when: date | None
    what: str  # meeting table / permit name / action text / note topic (a code for enums)
    detail: str = ""  # place / authority / owner / note text
    tab: str = "overview"  # the dossier tab that shows it
    investor: str = ""
    kind: str = ""  # "meeting", "permit", "action", "note": what record_id names
    record_id: str = ""
    meeting_id: str = ""  # an action item's meeting
    done: bool = False
    permit_code: str = ""  # a permit's catalogue type (its acronym on the list)


@dataclass(frozen=True, slots=True)
class HomeSummary:
    my_project_ids: frozenset[str]  # the scope's dossiers
    counts: queries.DashboardCounts
    upcoming_meetings: tuple[AgendaItem, ...]
    overdue_permits: tuple[AgendaItem, ...]  # overdue and due soon, soonest first
    open_actions: tuple[AgendaItem, ...]  # every open action item of the scope (the figure's list)
    follow_ups: tuple[AgendaItem, ...]
    scope: Scope = Scope.REGION
    viewer: Viewer | None = None
    figures: dict[str, int] = field(default_factory=dict)  # card -> the count its list shows
    lists: dict[str, tuple[AgendaItem, ...]] = field(default_factory=dict)  # record figure -> its list
    my_actions: tuple[AgendaItem, ...] = ()  # "Le mie azioni": mine, due this week or overdue
    my_name: str | None = None
    all_projects: int = 0  # every dossier of the profile, whatever the scope (0: an empty profile)


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


def home_summary(ws: Workspace, rows: list[queries.DossierRow] | None = None, limit: int = 12,
                 scope: Scope | str | None = None) -> HomeSummary:
    """Figures and lists over the scope's dossiers (the remembered scope when none is given)."""
    from tutor_app.services import scope as scopes  # it reads my_project_ids from here

    today = ws.today()
    with ws.store.read() as conn:
        who = scopes.viewer(conn)
        chosen = who.effective(scope if scope is not None else SCOPE.get(conn))
        all_rows = rows if rows is not None else queries.dossier_rows(conn, today)
        in_scope = scopes.rows_in_scope(all_rows, who, chosen)
        ids = {r.id for r in in_scope}
        counts = queries.dashboard_counts(in_scope, conn, today)
        investors = _investors(conn)
        lists = {figure: tuple(figure_items(conn, figure, ids, today, investors)) for figure in RECORD_FIGURES}
        me = _name(conn, who.tutor_id)
        figures = {"projects": len(in_scope), "capex": sum(r.capex_cents or 0 for r in in_scope),
                   **{figure: len(items) for figure, items in lists.items()}}
        return HomeSummary(
            my_project_ids=frozenset(ids),
            counts=counts,
            upcoming_meetings=_upcoming_meetings(conn, ids, today, limit, investors),
            overdue_permits=(lists["overdue"] + lists["soon"])[:limit],
            open_actions=lists["actions"],
            follow_ups=lists["follow"][:limit],
            scope=chosen,
            viewer=who,
            figures=figures,
            lists=lists,
            my_actions=tuple(my_actions(conn, who.assigned, today, investors)),
            my_name=me,
            all_projects=len(all_rows),
        )


def figure_items(conn: Connection, figure: str, scope: set[str] | frozenset[str], today: date,
                 investors: dict[str, str] | None = None) -> list[AgendaItem]:
    """The records a home figure counts, over the scope's dossiers, soonest first."""
    investors = investors if investors is not None else _investors(conn)
    bounds = urgency_bounds(today)
    if figure in ("overdue", "soon"):
        low, high = (("0000-01-01", (bounds.overdue_before - timedelta(days=1)).isoformat()) if figure == "overdue"
                     else (bounds.overdue_before.isoformat(), bounds.soon_until.isoformat()))
        rows = conn.execute(text(
            "SELECT i.project_id, p.code, p.title, i.legal_due_on, i.name, coalesce(i.authority, ''), i.id, "
            "i.permit_code "
            "FROM permit_items i JOIN projects p ON p.id = i.project_id "
            "WHERE i.deleted = 0 AND p.deleted = 0 AND i.status = 'submitted' AND i.legal_due_on IS NOT NULL "
            f"AND i.legal_due_on >= :low AND i.legal_due_on <= :high AND p.status NOT IN ({CLOSED_STATUSES_SQL}) "
            "ORDER BY i.legal_due_on, p.code, i.name"),
            {"low": low, "high": high})
        return [AgendaItem(pid, code, title, date.fromisoformat(due), name, auth, "permits", investors.get(pid, ""),
                           "permit", iid, permit_code=permit)
                for pid, code, title, due, name, auth, iid, permit in rows if pid in scope]
    if figure == "actions":
        return _actions(conn, scope, investors)
    if figure == "follow":
        rows = conn.execute(text(
            "SELECT n.project_id, p.code, p.title, n.follow_up_on, n.topic, n.text, n.id "
            "FROM aftercare_notes n JOIN projects p ON p.id = n.project_id "
            "WHERE n.deleted = 0 AND p.deleted = 0 AND n.follow_up_on IS NOT NULL AND n.follow_up_on <= :soon "
            "ORDER BY n.follow_up_on, p.code"), {"soon": bounds.soon_until.isoformat()})
        return [AgendaItem(pid, code, title, date.fromisoformat(on), topic, body, "aftercare", investors.get(pid, ""),
                           "note", nid)
                for pid, code, title, on, topic, body, nid in rows if pid in scope]
    raise ValueError(f"no home figure {figure!r}")


def _actions(conn: Connection, scope: set[str] | frozenset[str], investors: dict[str, str],
             due_until: date | None = None) -> list[AgendaItem]:
    """Open action items of these dossiers (those due by ``due_until`` only, when given): the
    soonest first, those with no due date last."""
    until = "AND a.due_on IS NOT NULL AND a.due_on <= :until " if due_until else ""
    rows = conn.execute(text(
        "SELECT a.project_id, p.code, p.title, a.due_on, a.text, coalesce(a.owner, ''), a.id, a.meeting_id "
        f"FROM {queries.LIVE_ACTION_ITEMS} a JOIN projects p ON p.id = a.project_id "
        f"WHERE p.deleted = 0 AND a.done = 0 {until}ORDER BY a.due_on IS NULL, a.due_on, p.code, a.text"),
        {"until": due_until.isoformat()} if due_until else {})
    return [AgendaItem(pid, code, title, date.fromisoformat(due) if due else None, what, owner, "timeline",
                       investors.get(pid, ""), "action", aid, mid)
            for pid, code, title, due, what, owner, aid, mid in rows if pid in scope]


def end_of_week(today: date) -> date:
    """The Sunday of today's week (Monday-first, as in Italy)."""
    return today + timedelta(days=6 - today.weekday())


def my_actions(conn: Connection, assigned: frozenset[str], today: date,
               investors: dict[str, str] | None = None) -> list[AgendaItem]:
    """"Le mie azioni": the open action items of the dossiers assigned to me, due this week or
    overdue, the soonest first."""
    return _actions(conn, assigned, investors if investors is not None else _investors(conn), end_of_week(today))


def owned_by(item: AgendaItem, name: str | None) -> bool:
    """Whether an action item's owner is this person, by name (case, spacing and dots aside)."""
    return bool(name) and normalised_investor_name(item.detail) == normalised_investor_name(name or "")


def _investors(conn: Connection) -> dict[str, str]:
    """project id -> the investor's name."""
    return dict(conn.execute(text(
        "SELECT p.id, coalesce(i.name, '') FROM projects p LEFT JOIN investors i ON i.id = p.investor_id "
        "WHERE p.deleted = 0")).all())


def _name(conn: Connection, tutor_id: str | None) -> str | None:
    if not tutor_id:
        return None
    name = conn.execute(text("SELECT name FROM tutors WHERE id = :id"), {"id": tutor_id}).scalar()
    return str(name) if name else None


def _upcoming_meetings(conn: Connection, scope: set[str], today: date, limit: int,
                       investors: dict[str, str]) -> tuple[AgendaItem, ...]:
    start = datetime(today.year, today.month, today.day).astimezone()
    rows = conn.execute(
        text(
            "SELECT m.project_id, p.code, p.title, m.starts_at, m.\"table\", coalesce(m.place, ''), m.id "
            "FROM meetings m JOIN projects p ON p.id = m.project_id "
            "WHERE m.deleted = 0 AND p.deleted = 0 AND m.starts_at >= :start AND m.starts_at < :end "
            "ORDER BY m.starts_at"
        ),
        {"start": iso_instant(start), "end": iso_instant(start + timedelta(days=UPCOMING_DAYS + 1))},
    )
    items = [
        AgendaItem(pid, code, title, parse_instant(at).astimezone().date(), table, place, "timeline",
                   investors.get(pid, ""), "meeting", mid)
        for pid, code, title, at, table, place, mid in rows
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
    with ws.store.read() as conn:
        return _name(conn, ws.tutor_id)


def pending_for_project(ws: Workspace, project_id: str) -> int:
    """Changes of one dossier still waiting in the outbox."""
    with ws.store.read() as conn:
        return outbox.waiting_count(conn, project_id)
