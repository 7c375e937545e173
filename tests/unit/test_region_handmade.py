"""The region dashboard on hand-built data, where the demo region cannot tell a right figure from a
wrong one: a quarter's first day, a province with a single project, permits in every state.

Each figure is compared with an independent SQL count over the base tables (or a date written by
hand), never with another reading of the same index.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from tutor_app.domain.scope import Scope
from tutor_app.services import dossiers, permits, region
from tutor_app.services.exports import authority_projects
from tutor_app.services.workspace import Workspace
from tutor_app.store.state import SCOPE

TODAY = date(2026, 11, 25)  # tests/conftest.py: the workspace's today, in the fourth quarter
PROJECT = {"kind": "new_initiative", "sector": "manufacturing", "function": "production", "status": "active"}


def _project(ws: Workspace, investor: str, province: str | None, **values: Any) -> str:
    return dossiers.create_project(ws, investor_id=investor, title=f"Progetto {province} {values}",
                                   province=province, with_checklist=False, **{**PROJECT, **values})


@pytest.fixture
def region_ws(tutor_workspace: Workspace) -> Workspace:
    with tutor_workspace.store.write() as w:
        SCOPE.set(w.conn, Scope.REGION.value)
    return tutor_workspace


def test_each_quarter_starts_on_its_first_day_and_counts_its_boundary_days(region_ws: Workspace) -> None:
    ws = region_ws
    investor = dossiers.create_investor(ws, name="Acme S.p.A.", country="DE")
    # Entries on the first and last day of quarters, and the day before the oldest quarter shown.
    days = [date(2024, 12, 31), date(2025, 1, 1), date(2025, 3, 31), date(2025, 4, 1), date(2025, 6, 30),
            date(2025, 7, 1), date(2025, 9, 30), date(2025, 10, 1), date(2025, 12, 31), date(2026, 1, 1),
            date(2026, 4, 1), date(2026, 7, 1), date(2026, 10, 1), TODAY]
    for day in days:
        _project(ws, investor, "MI", capex_cents=100, entered_on=day)
    _project(ws, investor, "MI", capex_cents=100, entered_on=TODAY + timedelta(days=1))  # not yet: nowhere
    figures = region.region_figures(ws, "it")
    expected_first = [date(2025, 1, 1), date(2025, 4, 1), date(2025, 7, 1), date(2025, 10, 1),
                      date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1), date(2026, 10, 1)]
    assert [q.first_day for q in figures.quarters] == expected_first
    with ws.store.read() as conn:
        for q, start in zip(figures.quarters, expected_first, strict=True):
            end = expected_first[expected_first.index(start) + 1] if start != expected_first[-1] else TODAY
            op = "<" if start != expected_first[-1] else "<="
            leads = {r[0] for r in conn.execute(text(
                f"SELECT project_id FROM phase_entries WHERE deleted = 0 AND phase = 'lead' "
                f"AND entered_on >= :a AND entered_on {op} :b"), {"a": start.isoformat(), "b": end.isoformat()})}
            assert q.lead_ids == leads and q.new_leads == len(leads), start
    # The entry of 31 December 2024 is before the oldest quarter shown: it counts nowhere.
    assert sum(q.new_leads for q in figures.quarters) == len(days) - 1


def test_every_province_with_projects_has_its_bar(region_ws: Workspace) -> None:
    ws = region_ws
    investor = dossiers.create_investor(ws, name="Beta GmbH", country="DE")
    counts = {"MI": 4, "MB": 3, "BG": 2, "BS": 1, "SO": 1, "LO": 1, "CR": 1, "PV": 1, "VA": 1, "CO": 1, "LC": 1,
              "MN": 1, None: 2, "": 1}  # an emptied field is not set either
    for province, n in counts.items():
        for k in range(n):
            _project(ws, investor, province, capex_cents=1000 * (k + 1), new_hires=k)
    bars = region.region_figures(ws, "it").breakdown("province").bars
    with ws.store.read() as conn:
        found = conn.execute(text(
            "SELECT nullif(province, ''), count(*), sum(capex_cents), sum(new_hires) FROM projects "
            "WHERE deleted = 0 GROUP BY 1")).all()
    assert {b.key: (b.projects, b.capex_cents, b.new_hires) for b in bars} == \
        {p: (n, c, h) for p, n, c, h in found}
    assert bars[-1].key is None  # "not set" last


def test_overdue_and_due_soon_permits_by_authority_follow_the_legal_term(region_ws: Workspace) -> None:
    """What the domain calls overdue (a running term ended before today) and due soon (ends today ..
    today + 14), whatever else the permit holds; a permit whose term does not run counts nowhere."""
    ws = region_ws
    investor = dossiers.create_investor(ws, name="Gamma SRL", country="IT")
    a, b, c = (_project(ws, investor, p) for p in ("MI", "MB", "BG"))

    def permit(project: str, authority: str, status: str, days_ago: int | None, limit: int = 30,
               **more: Any) -> str:
        filed = (TODAY - timedelta(days=days_ago)).isoformat() if days_ago is not None else None
        return permits.add_permit(ws, project, "CUSTOM", name=f"{authority} {status} {days_ago}",
                                  authority=authority, status=status, submitted_on=filed, time_limit_days=limit,
                                  **more)

    permit(a, "ARPA Lombardia", "submitted", 60)  # ended a month ago: overdue
    permit(a, "ARPA Lombardia", "submitted", 31)  # ended yesterday (a Tuesday): overdue
    permit(b, "ARPA Lombardia", "submitted", 30)  # ends today: due soon
    permit(b, "ARPA Lombardia", "submitted", 16)  # ends in 14 days: due soon
    permit(c, "ARPA Lombardia", "submitted", 10)  # ends in 20 days: neither
    permit(c, "ARPA Lombardia", "submitted", 90, expected_on=TODAY.isoformat())  # an expected date: still overdue
    permit(c, "ATS Milano", "integration_requested", 90)  # the term is suspended
    permit(c, "ATS Milano", "granted", 90, decided_on=TODAY.isoformat())  # decided: no term runs
    permit(c, "ATS Milano", "to_do", None)  # not filed: no term
    permit(b, "  Comune di Monza ", "submitted", 45)  # spaces around the name: one authority
    permit(a, "", "submitted", 45)  # no authority named
    figures = region.region_figures(ws, "it")
    with ws.store.read() as conn:
        due = conn.execute(text(
            "SELECT nullif(trim(coalesce(authority, '')), ''), project_id, legal_due_on < :today "
            "FROM permit_items WHERE deleted = 0 AND status = 'submitted' AND legal_due_on <= :soon"),
            {"today": TODAY.isoformat(), "soon": (TODAY + timedelta(days=14)).isoformat()}).all()
    expected: dict[str | None, tuple[int, set[str], int, set[str]]] = {}
    for authority, pid, late in due:
        n_late, late_ids, n_soon, soon_ids = expected.get(authority, (0, set(), 0, set()))
        if late:
            expected[authority] = (n_late + 1, late_ids | {pid}, n_soon, soon_ids)
        else:
            expected[authority] = (n_late, late_ids, n_soon + 1, soon_ids | {pid})
    got = {x.authority: (x.overdue, set(x.overdue_ids), x.due_soon, set(x.due_soon_ids)) for x in figures.authorities}
    assert got == expected
    # Written out by hand too, so that a wrong SQL above cannot agree with a wrong figure.
    assert got["ARPA Lombardia"] == (3, {a, c}, 2, {b})
    assert got["Comune di Monza"] == (1, {b}, 0, set())
    assert got[None] == (1, {a}, 0, set())
    assert "ATS Milano" not in got


def test_the_authority_facet_holds_every_dossier_with_a_permit_there(region_ws: Workspace) -> None:
    """The list's Authority facet: the dossiers with a permit at the authority whatever its state
    (to do, granted, …); with "Overdue permits only" the ones with an overdue term there."""
    ws = region_ws
    investor = dossiers.create_investor(ws, name="Delta SA", country="FR")
    a, b, c, d = (_project(ws, investor, p) for p in ("MI", "MB", "BG", "BS"))
    filed_long_ago = (TODAY - timedelta(days=90)).isoformat()
    permits.add_permit(ws, a, "CUSTOM", name="AUA", authority="ARPA", status="submitted",
                       submitted_on=filed_long_ago, time_limit_days=30)
    permits.add_permit(ws, b, "CUSTOM", name="AUA", authority="ARPA", status="to_do")
    permits.add_permit(ws, c, "CUSTOM", name="AUA", authority="ARPA", status="granted",
                       submitted_on=filed_long_ago, decided_on=TODAY.isoformat())
    permits.add_permit(ws, d, "CUSTOM", name="CPI", authority="VVF", status="preparing")
    gone = permits.add_permit(ws, d, "CUSTOM", name="AIA", authority="ARPA", status="to_do")
    permits.delete_permit(ws, gone)
    with ws.store.read() as conn:
        facet = {x.name: (set(x.holders), set(x.overdue)) for x in authority_projects(conn, TODAY)}
        holders = conn.execute(text(
            "SELECT trim(authority), group_concat(DISTINCT project_id) FROM permit_items WHERE deleted = 0 "
            "GROUP BY trim(authority)")).all()
    assert {name: ids for name, (ids, _late) in facet.items()} == {n: set(ids.split(",")) for n, ids in holders}
    assert facet["ARPA"] == ({a, b, c}, {a})
    assert facet["VVF"] == ({d}, set())


def test_an_empty_value_counts_as_not_set_once() -> None:
    """Rows as the dossier list holds them (a pulled or older row may carry "" rather than NULL):
    "" and None are the one "not set" bar, for a dimension with one value and for the tutors."""
    from tutor_app.store.dossier_list import DossierRow

    def row(n: int, sector: str, tutors: str) -> DossierRow:
        return DossierRow(id=f"p{n}", code=f"P-{n}", title="T", investor="I", country="DE", sector=sector,
                          function="production", kind="new_initiative", phase="lead", status="active",
                          capex_cents=n, new_hires=None, municipality=None, province=None, tutors=tutors,
                          next_due_on=None, overdue_permits=0, pending_changes=0)

    rows = [row(1, "", ""), row(2, "manufacturing", "Anna, Bruno"), row(3, "", " , ")]
    sectors = region.breakdown("sector", rows, "it")
    assert [(b.key, b.ids, b.capex_cents) for b in sectors.bars] == \
        [("manufacturing", {"p2"}, 2), (None, {"p1", "p3"}, 4)]
    tutors = region.breakdown("tutor", rows, "it")
    assert {b.key: b.ids for b in tutors.bars} == {"Anna": {"p2"}, "Bruno": {"p2"}, None: {"p1", "p3"}}
