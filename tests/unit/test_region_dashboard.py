"""The region dashboard's figures equal an independent SQL count over the base tables, per scope."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import Connection, text

from tutor_app.domain.scope import Scope
from tutor_app.services import region
from tutor_app.services.scope import viewer
from tutor_app.services.workspace import Workspace

LIVE = "FROM projects p JOIN investors i ON i.id = p.investor_id WHERE p.deleted = 0"


def _scoped(conn: Connection, ws: Workspace, scope: Scope) -> set[str]:
    who = viewer(conn)
    return {pid for pid, prov in conn.execute(text(f"SELECT p.id, p.province {LIVE}"))
            if who.includes(scope, pid, prov)}


def _ids(conn: Connection, sql: str, **params: object) -> set[str]:
    return {r[0] for r in conn.execute(text(sql), params)}


def _current_phase(conn: Connection) -> dict[str, str]:
    # The latest entry by date, the later phase on a tie: read from phase_entries, not the index.
    order = ["lead", "assistance", "decision", "permitting", "realisation", "operations"]
    best: dict[str, tuple[str, int, str]] = {}
    entries = conn.execute(text("SELECT project_id, phase, entered_on FROM phase_entries WHERE deleted = 0"))
    for pid, phase, on in entries:
        key = (on, order.index(phase), phase)
        if pid not in best or key > best[pid]:
            best[pid] = key
    return {pid: v[2] for pid, v in best.items()}


@pytest.mark.parametrize("scope", [Scope.MINE, Scope.REGION])
def test_every_figure_counts_the_projects_sql_finds(demo_workspace: Workspace, scope: Scope) -> None:
    ws = demo_workspace
    today = ws.today()
    figures = region.region_figures(ws, "it", scope)
    assert figures.scope is scope
    with ws.store.read() as conn:
        inside = _scoped(conn, ws, scope)
        assert figures.total.ids == inside and len(inside) > 0
        capex = conn.execute(text(f"SELECT coalesce(sum(p.capex_cents), 0), coalesce(sum(p.new_hires), 0), "
                                  f"group_concat(p.id) {LIVE}")).first()
        if scope is Scope.REGION:
            assert (figures.total.capex_cents, figures.total.new_hires) == (capex[0], capex[1])
        for dimension, column in (("sector", "p.sector"), ("province", "p.province"), ("status", "p.status"),
                                  ("country", "i.country")):
            part = figures.breakdown(dimension)
            assert sum(b.projects for b in part.bars) == len(inside)
            for bar in part.bars:
                where = f"{column} IS NULL" if bar.key is None else f"{column} = :v"
                expected = _ids(conn, f"SELECT p.id {LIVE} AND {where}", v=bar.key) & inside
                assert bar.ids == expected, (dimension, bar.key)
                sums = conn.execute(text(f"SELECT coalesce(sum(p.capex_cents), 0), coalesce(sum(p.new_hires), 0) "
                                         f"{LIVE} AND {where} AND p.id IN ({','.join(repr(x) for x in expected)})"),
                                    {"v": bar.key}).first()
                assert (bar.capex_cents, bar.new_hires) == (sums[0], sums[1])
        phases = _current_phase(conn)
        for bar in figures.breakdown("phase").bars:
            assert bar.ids == {pid for pid in inside if phases.get(pid) == bar.key}
        for bar in figures.breakdown("tutor").bars:
            assert bar.key is not None
            expected = _ids(conn, "SELECT a.project_id FROM assignments a JOIN tutors t ON t.id = a.tutor_id "
                                  "WHERE a.deleted = 0 AND a.role = 'project_tutor' AND t.name = :n", n=bar.key)
            assert bar.ids == expected & inside
        announced = figures.breakdown("announced_active")
        assert [b.key for b in announced.bars] == ["announced", "active"]
        assert announced.bar("active") == figures.breakdown("status").bar("active")

        # Permits: overdue = legal term ended before today; due soon = today .. today + 14, both included;
        # none of a closed dossier (completed, abandoned: its terms raise no alarm).
        soon = (today + timedelta(days=14)).isoformat()
        permits = conn.execute(text(
            "SELECT i.project_id, i.authority, i.legal_due_on FROM permit_items i JOIN projects p "
            "ON p.id = i.project_id WHERE i.deleted = 0 AND p.deleted = 0 AND i.status = 'submitted' "
            "AND i.legal_due_on <= :soon AND p.status NOT IN ('completed', 'abandoned')"), {"soon": soon}).all()
        permits = [(pid, a, d) for pid, a, d in permits if pid in inside]
        assert sum(x.overdue + x.due_soon for x in figures.authorities) == len(permits)
        assert sum(x.overdue for x in figures.authorities) > 0
        for line in figures.authorities:
            mine = [(pid, d) for pid, a, d in permits if (a or None) == line.authority]
            late = [pid for pid, d in mine if d < today.isoformat()]
            assert line.overdue == len(late) and line.overdue_ids == set(late)
            assert line.due_soon == len(mine) - len(late)
            assert line.due_soon_ids == {pid for pid, d in mine if d >= today.isoformat()}

        # Quarters: the last eight, oldest first, ending with today's.
        assert [(q.year, q.quarter) for q in figures.quarters][-1] == (2026, 4)
        assert len(figures.quarters) == region.QUARTERS
        for q in figures.quarters:
            start = q.first_day
            end = date(start.year + (start.month == 10), (start.month + 3 - 1) % 12 + 1, 1)
            found = conn.execute(text(
                "SELECT project_id, phase FROM phase_entries WHERE deleted = 0 AND entered_on >= :a "
                "AND entered_on < :b AND entered_on <= :t"),
                {"a": start.isoformat(), "b": end.isoformat(), "t": today.isoformat()}).all()
            found = [(pid, ph) for pid, ph in found if pid in inside]
            assert q.lead_ids == {pid for pid, ph in found if ph == "lead"} and q.new_leads == len(q.lead_ids)
            assert q.phase_entries == sum(1 for _pid, ph in found if ph != "lead")
        assert sum(q.new_leads + q.phase_entries for q in figures.quarters) > 0


def test_the_scope_is_remembered_and_mine_is_a_part_of_the_region(demo_workspace: Workspace) -> None:
    from tutor_app.services.scope import remember_scope

    mine = region.region_figures(demo_workspace, "en", Scope.MINE)
    whole = region.region_figures(demo_workspace, "en", Scope.REGION)
    assert mine.total.ids < whole.total.ids
    remember_scope(demo_workspace, Scope.REGION)
    assert region.region_figures(demo_workspace, "en").scope is Scope.REGION
    remember_scope(demo_workspace, Scope.MINE)
    assert region.region_figures(demo_workspace, "en").scope is Scope.MINE
    # The ones that no viewer could pick fall back to the viewer's default.
    assert region.region_figures(demo_workspace, "en", Scope.AREA).scope is Scope.MINE


def test_a_deleted_dossier_counts_nowhere(demo_workspace: Workspace) -> None:
    from tutor_app.services import dossiers

    ws = demo_workspace
    before = region.region_figures(ws, "it", Scope.REGION)
    late = next(a for a in before.authorities if a.overdue_ids)
    gone = sorted(late.overdue_ids)[0]
    entered = next(q for q in before.quarters if q.entry_ids or q.lead_ids)
    gone_too = sorted(entered.entry_ids | entered.lead_ids)[0]
    for pid in {gone, gone_too}:
        dossiers.delete_project(ws, pid)
    after = region.region_figures(ws, "it", Scope.REGION)
    everything = [after.total.ids] + [b.ids for part in after.breakdowns for b in part.bars]
    everything += [a.overdue_ids | a.due_soon_ids for a in after.authorities]
    everything += [q.lead_ids | q.entry_ids for q in after.quarters]
    assert all(gone not in ids and gone_too not in ids for ids in everything)
    assert sum(a.overdue for a in after.authorities) < sum(a.overdue for a in before.authorities)
